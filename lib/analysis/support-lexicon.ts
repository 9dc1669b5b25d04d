/**
 * Support-language additions to the AFINN lexicon that `sentiment` ships with.
 * AFINN is tuned on general text; in a support inbox "please help" or "I would
 * like to" are requests, not praise, and "still", "again", "third time" are
 * the words frustration hides in. Weights use AFINN's scale (-5 … 5).
 */

/** Single words, overriding or extending AFINN. */
export const SUPPORT_WORDS: Readonly<Record<string, number>> = {
  // Request vocabulary that AFINN scores as positive.
  help: 0, like: 0, please: 0, want: 0, support: 0, free: 0, pretty: 0, credit: 0, credits: 0,
  hope: 0, kind: 0, dear: 0, yes: 0, super: 1, interested: 0, welcome: 0, sorry: 0,
  // Repetition and waiting.
  still: -1, again: -1, waiting: -1, waited: -1, nobody: -2, never: -1, anymore: -1, yet: -0.5,
  always: -0.5, days: -0.5, weeks: -1, months: -1, hours: -0.5,
  // Outcomes a customer complains about.
  ridiculous: -3, unacceptable: -3, useless: -3, worst: -4, terrible: -3, horrible: -3, pathetic: -3,
  joke: -2, scam: -4, incompetent: -3, rude: -3, disgusting: -3, furious: -4, fed: -1, sick: -2,
  cancel: -1, cancelled: -1, canceled: -1, cancelling: -1, refund: -1, reimbursed: -1, reimburse: -1,
  charged: -1.5, overcharged: -3, charging: -1, charge: -1, charges: -1, wrongly: -2, improperly: -2,
  unauthorized: -3, fraud: -4, dispute: -2,
  broken: -2, error: -2, errors: -2, bug: -2, crash: -2, crashes: -2, crashed: -2, stuck: -2, fails: -2,
  failed: -2, failing: -2, frozen: -2, freezes: -2, wrong: -2, mistake: -2, problem: -2, problems: -2,
  issue: -1, issues: -1, impossible: -2, unable: -2, missing: -2, lost: -2, late: -1, delayed: -2,
  delay: -1, unclear: -2, confusing: -2, confused: -2, annoying: -2, annoyed: -2, upset: -2,
  disappointed: -3, disappointing: -3, dissatisfied: -3, unhappy: -3, frustrated: -3, frustrating: -3,
  urgent: -1, urgently: -1, unfortunately: -1, somehow: -0.5, rejected: -2, declined: -2,
  // Relief and gratitude.
  thanks: 2, thank: 2, appreciate: 2, grateful: 3, resolved: 2, solved: 2, worked: 1, works: 0.5,
  perfect: 3, awesome: 3, brilliant: 3, lifesaver: 3, relieved: 3, finally: 0,
};

/** Emoji weights (added to sentiment's own emoji list, which lacks some support staples). */
export const EMOJI_WEIGHTS: Readonly<Record<string, number>> = {
  '😡': -4, '🤬': -5, '😠': -3, '😤': -3, '🙄': -2, '😑': -2, '😒': -2, '😩': -3, '😫': -3, '😞': -2,
  '😢': -2, '😭': -3, '👎': -3, '💩': -3, '🤦': -2, '😐': -1, '😕': -1.5, '🤔': -0.5,
  '👍': 2, '😊': 2, '🙂': 1.5, '😀': 2, '😃': 2, '😄': 2, '🙏': 2, '❤️': 3, '❤': 3, '🎉': 3, '👏': 2, '🥰': 3,
};

/** Words that turn the next scored word around ("not happy", "never helpful"). */
export const NEGATORS: ReadonlySet<string> = new Set([
  'not', 'no', 'never', 'cannot', 'cant', "can't", 'dont', "don't", 'doesnt', "doesn't", 'didnt', "didn't",
  'isnt', "isn't", 'wasnt', "wasn't", 'wont', "won't", 'arent', "aren't", 'havent', "haven't", 'hasnt',
  "hasn't", 'couldnt', "couldn't", 'shouldnt', "shouldn't", 'wouldnt', "wouldn't", 'without', 'hardly',
  'nothing', 'neither', 'nor',
]);

/** Degree words: multiply the next scored word. */
export const INTENSIFIERS: Readonly<Record<string, number>> = {
  very: 1.5, really: 1.5, so: 1.4, extremely: 1.8, totally: 1.6, absolutely: 1.7, completely: 1.6,
  utterly: 1.8, incredibly: 1.7, super: 1.5, beyond: 1.5, seriously: 1.5, most: 1.3, too: 1.3,
  slightly: 0.6, somewhat: 0.7, little: 0.7, bit: 0.7, kinda: 0.7,
};

/** Tokens that end a negation's reach ("not cheap but good"). */
// "I'm" (tokenised "im") opens a new clause: "if this isn't refunded I'm disputing the charge".
export const CLAUSE_BREAKS: ReadonlySet<string> = new Set(['but', 'however', 'although', 'though', 'yet', 'and', 'im']);

/**
 * Multi-word support phrases the word lexicon cannot see: problem statements
 * ("doesn't work", "can't log in"), repetition ("third time"), waiting spans.
 * Case-insensitive; each match adds its weight once to the sentence.
 */
export const SUPPORT_PHRASES: readonly { pattern: RegExp; weight: number }[] = [
  { pattern: /\b(?:does ?n[o']?t|did ?n[o']?t|do ?n[o']?t|is ?n[o']?t|was ?n[o']?t|wo ?n't|not|never|no longer|stopped|still not)\s+(?:\w+\s+)?(?:work|working|worked|load|loading|open|opening|arrive|arrived|show|showing|appear|appearing|let|allow|accept|accepted|connect|connecting|download|downloading|sync|syncing|respond|responding|answer|answered|fixed|resolved|delivered|received|come|came|possible|available)\b/gi, weight: -2.5 },
  { pattern: /\b(?:can ?'?t|cannot|can not|could ?n'?t|could not|unable to|not able to|am not able to|no way to)\s+(?:\w+\s+)?(?!wait\b|thank\b)\w+/gi, weight: -2 },
  { pattern: /\b(?:yet again|once again|over and over|again and again|every (?:single )?time)\b/gi, weight: -1 },
  { pattern: /\b(?:second|third|fourth|fifth|2nd|3rd|4th|5th|\d+|two|three|four|five|several|many|multiple)\s+(?:times?|attempts?|emails?|calls?|messages?)\b/gi, weight: -2 },
  { pattern: /\b(?:for|over|almost|nearly|about)\s+(?:\d+|a|two|three|four|five|six|several|many)\s+(?:days?|weeks?|months?|hours?)\b/gi, weight: -1.5 },
  { pattern: /\b(?:have ?n'?t|has ?n'?t|have not|has not|did ?n'?t|did not|never|not yet)\s+(?:yet\s+)?(?:received|arrived|heard|got|gotten|been (?:delivered|refunded|contacted|answered|resolved))\b/gi, weight: -2.5 },
  { pattern: /\b(?:no one|nobody|no-one)\s+(?:has|have|is|will|ever|bothered|cares|answers|replied|responded|helps?)\b/gi, weight: -2 },
  { pattern: /\b(?:what (?:a|the) (?:pity|joke|mess|hell)|waste of (?:time|money)|fed up|sick of|tired of|had enough|last straw)\b/gi, weight: -3 },
  { pattern: /\bwithout (?:my )?(?:authori[sz]ation|permission|consent|notice|warning)\b/gi, weight: -2.5 },
  // Demands for money back.
  { pattern: /\b(?:i want|i need|i demand|i expect|give me|return) (?:my|the|a) (?:full )?(?:money|refund|amount|payment)(?: back)?\b|\b(?:want|need|demand) (?:my|the full) (?:money|amount) back\b/gi, weight: -2 },
  // Escalation threats: chargebacks, banks, lawyers, public reviews.
  { pattern: /\b(?:disput(?:e|ing) (?:the|this|a|my|that) (?:charge|payment|transaction|bill)|charge ?backs?|(?:call|contact|calling|contacting|go to|going to|tell|telling) (?:my|the) (?:bank|card (?:issuer|company)|lawyer|attorney|credit card company)|(?:report|reporting) (?:you|this|your company)|small claims|take (?:you|this) to court|(?:bad|negative|1-star|one-star) reviews?|(?:tell|telling|warn|warning) (?:everyone|everybody|all my friends|people))\b/gi, weight: -3 },
  { pattern: /\b(?:what (?:do|did|am) i (?:do(?:ing)?|did) wrong|what (?:now|to do|should i do|can i do))\b/gi, weight: -1.5 },
  { pattern: /(?:^|\s)(?::-?\(|:'\(|>:\(|:\/)(?=\s|$)/g, weight: -2 },
  { pattern: /(?:^|\s)(?::-?\)|:-?D|;-?\))(?=\s|$)/g, weight: 1.5 },
];

/**
 * Cheap sarcasm markers: a positive-looking phrase used to complain. When one
 * matches, the sentence's positive words stop counting and the marker weighs in.
 * Gaps are bounded ({0,120}), so a sentence of repeated markers is checked in linear time.
 */
export const SARCASM: readonly RegExp[] = [
  /\b(?:great|perfect|wonderful|fantastic|brilliant|lovely|awesome|excellent),?\s+(?:just|simply|really)\s+(?:great|perfect|wonderful|fantastic|brilliant|lovely|awesome|excellent)\b/i,
  /\bthanks? (?:you )?for nothing\b/i,
  /\bthanks?(?: you)?(?: \S+){0,3} for (?:\w+ )?(?:ruining|wasting|losing|ignoring|breaking|cancell?ing|delaying|making (?:me|us) (?:wait|miss))\b/i,
  /\b(?:oh|yeah|wow),?\s+(?:great|wonderful|perfect|fantastic|brilliant|lovely|awesome|nice|thanks|sure|right)\b/i,
  /\byeah,? right\b/i,
  /\bjust what i (?:needed|wanted)\b/i,
  /\b(?:love|loving) (?:how|that|it when)\b[^.!?]{0,120}\b(?:again|still|never|no one|nobody|not)\b/i,
  /\bthanks? a lot\b[^.!?]{0,120}\b(?:not|nothing|never|again|still)\b/i,
  // "So much for the refund" is sarcasm; "thanks so much for the help" is thanks.
  /(?<!\bthanks?\s{1,3}|\bthank you\s{1,3})\bso much for\b/i,
  /\bgreat (?:service|job|work|support)\b[^.!?]{0,120}(?:\.{3}|\/s\b|not|never|again|still)/i,
];

export const SARCASM_WEIGHT = -3;
