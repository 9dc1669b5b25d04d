/**
 * Fit a rule's rewrite to the slot it replaces: the replacement span a rule's
 * slot covers, the agent's own words kept through {after}/{before}, ticket
 * facts or visible placeholders, the draft's register (contractions), a
 * capital at a sentence start, and clean joins (no doubled word or punctuation).
 */
import type { LintContext, RewriteCondition, RewriteSpec, Slot } from './types';

const KEEPS_CAPITAL = /^(I|I'm|I've|I'll|I'd|OK)\b|^\p{Lu}{2}|^\[/u;

/** A visible gap the agent fills before sending, e.g. "[by when]" (never a link's "[text](url)"). */
export const PLACEHOLDER = /\[(?!\s)[^[\]\n]{1,40}\](?!\()/g;

export function placeholdersIn(text: string): { start: number; end: number; text: string }[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] }));
}

/** Capitalise at a sentence start; lower-case mid-sentence unless "I", an acronym or a placeholder. */
export function fitCase(rewrite: string, atSentenceStart: boolean): string {
  if (!rewrite) return rewrite;
  if (atSentenceStart) return rewrite[0].toUpperCase() + rewrite.slice(1);
  return KEEPS_CAPITAL.test(rewrite) ? rewrite : rewrite[0].toLowerCase() + rewrite.slice(1);
}

/** Apply one replacement to a text. */
export function applyRewrite(text: string, start: number, end: number, replacement: string): string {
  return text.slice(0, start) + replacement + text.slice(end);
}

// A sign-off at the end of a sentence or line: "*TMT", "^AB", "/JB", "- Carl", "-Carl". Invisible characters
// pasted into "— Carl" (zero-width, bidi controls) leave it a sign-off.
const SIGN_OFF = /(?:\s*[*^]\p{Lu}[\p{L}]*(?:\s\p{Lu}\.?)?\.?|\s+\/[A-Z]{1,4}|\s[\s\p{Cf}]*[-–—~][\p{Cf}]*\s?[\p{Cf}]*\p{Lu}[\p{L}\p{Cf}.']*(?:\s\p{Lu}[\p{L}\p{Cf}.']*)?|\s*\(?\d\/\d\)?|\s+https?:\/\/\S+)\s*$/u;
/** A sign-off holds one of these (most sentences none, and then SIGN_OFF, tried at every position, is not run). */
const SIGN_OFF_MARK = /[*^/~\-–—]/;
// Closing punctuation and decoration a replacement leaves alone.
const TAIL = /[\s.!?…;:,"'”’)\]\p{Extended_Pictographic}\uFE0F\u200D]+$/u;
const OPENING = /^(?:\s|["'“‘(\[]|@\w+\s)*/u;

/** Where in a sentence text ends before its sign-off and closing punctuation. */
export function contentEnd(sentence: string): number {
  let end = sentence.length;
  for (;;) {
    // Sign-offs and closing punctuation are short: looking at the end only keeps this linear in long sentences.
    const from = Math.max(0, end - TAIL_WINDOW);
    const head = sentence.slice(from, end);
    const sign = SIGN_OFF_MARK.test(head) ? SIGN_OFF.exec(head) : null;
    const tail = tailStart(sentence, from, end);
    if (sign && from + sign.index < end) end = from + sign.index;
    else if (tail < end) end = tail;
    else return end;
  }
}
const TAIL_WINDOW = 300;

/**
 * Where TAIL matches in sentence[from, end), or `end`. The run of closing characters is short, so it is looked
 * for in the last few characters first; only a run filling them all is looked for in the whole range.
 */
function tailStart(sentence: string, from: number, end: number): number {
  let start = Math.max(from, end - 8);
  // Never from the second half of a surrogate pair: the pair (an emoji) may be part of the run.
  if (start > from && isLowSurrogate(sentence.charCodeAt(start)) && isHighSurrogate(sentence.charCodeAt(start - 1))) start--;
  let tail = TAIL.exec(sentence.slice(start, end));
  if (tail && tail.index === 0 && start > from) tail = TAIL.exec(sentence.slice((start = from), end));
  return tail ? start + tail.index : end;
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

export interface Placement {
  /** Replacement span, relative to the sentence. */
  start: number;
  end: number;
  /** The agent's words between the span start and the match (sentence slot). */
  before: string;
  /** The agent's words between the match and the span end (clause and sentence slots). */
  after: string;
  /** Whether the match's clause goes on after it (a word follows, not punctuation). */
  continues: boolean;
  /** Whether what follows (after an optional comma) starts a clause rather than a prepositional or time phrase. */
  clauseFollows: boolean;
  /** Whether a verb coordinated after the match shares its subject ("We appreciate it, and truly apologize"). */
  sharedSubject: boolean;
  atSentenceStart: boolean;
  /** At a sentence start or after a short opener ("Sorry, ", "Hi Emma, ", "Honestly "). */
  afterOpener: boolean;
  /** The span follows "and" after an apology earlier in its sentence ("We're sorry to hear it, and we're sorry if …"). */
  joinsApology: boolean;
  /**
   * What follows the match reports something the agent has not checked: what we or our people did, or what happened
   * ("… if we fell short", "… if they charged you", "… if there was room", "… if this wasn't the case").
   */
  reportFollows: boolean;
  /** The match is its whole sentence, apart from opening quotes and closing punctuation. */
  wholeSentence: boolean;
  /** What the match is about follows it ("unhappy [with our refund policy]"), not a new clause, a time or a name. */
  objectFollows: boolean;
  /** The match is tacked on after a clause of the agent's, past a comma or dash ("Name changes aren't permitted, that's our policy"). */
  tag: boolean;
  /** The match's clause ends its sentence, or at most two words follow it there ("That should be fine, don't worry."). */
  endsSentence: boolean;
  question: boolean;
  /** The agent acknowledged the feeling before the span, then "but" ("I know it's been off since Tuesday but please calm down"). */
  acknowledged: boolean;
  /**
   * What follows the match tells the customer to act on it ("I'm confident the assessor will approve it, so go ahead and
   * book"), or hangs a consequence on it ("mind your language in the forum or you'll be removed", "…by mistake, which is why
   * the print came out small", "you didn't check in, so the desk was released"), or settles on it ("…will let us set up an hour early, so that's no problem at all").
   */
  actedOn: boolean;
  /**
   * A clause slot stops where a new independent clause starts after a bare comma ("calm down, I am on it");
   * this is that comma and the clause's first letter, which the rewrite turns into a sentence break (". I"), after
   * the name the agent addressed there, which the rewrite keeps ("relax, Mrs Okafor, the reading…" → "…, Mrs Okafor. The").
   */
  breakTail: string;
  /**
   * A clause slot that stops where "and" starts a new clause ("…rude to me and I'm trying to help"): that "and" and
   * the clause's first letter, which a rewrite with an "and" of its own turns into a sentence break, not "…and … and".
   */
  andTail: string;
  /** A clause slot that stops where the agent's next clause starts, whatever joins them (see NEW_CLAUSE). */
  clauseAfter: boolean;
  /** The clause after the span follows a dash (see clauseAfter). */
  dashAfter: boolean;
  /** The span follows the agent's "so" ("…enough food till Friday, so [no need to get stressed]"). */
  afterSo: boolean;
  /** Its sentence is about health, diet or safety ("…fine for cats with kidney problems"), where a guess must be checked, not reworded. */
  health: boolean;
}

// Where, after a clause slot's match, a new independent clause starts: after a comma, semicolon or dash,
// optionally a coordinator or "however", then a subject and its verb ("I am on it", "that is our policy", "and we'll …").
// A noun phrase subject takes up to seven words ("the 8pm performance is", "all your files are", "a bit of bloom on the rind
// is"), a quantifier and a noun ("all hires need") or a bare noun before a frequency word ("cats often go"); its verb
// may be any present-tense form ("the rebooking desk opens") or a common past one ("your box left").
const SUBJECT = String.raw`(?:I|we|you|he|she|they|it|this|that|there|here|nobody|no one|someone|somebody|everyone|everybody|\p{Lu}[\p{Lu}-]*\p{N}[\p{Lu}\p{N}-]*|(?:all|both|most|many|every|each|any)\s+(?!of\b)[\p{L}\p{N}-]+|(?:(?:all|both|most|some|none|each)\s+(?:of\s+)?)?(?:our|my|your|the|these|those|a|an)\s+(?:[\p{L}\p{N}£$€'’-]+(?:[.,:]\p{N}+)*\s+){0,5}[\p{L}\p{N}£$€-]+(?:[.,:]\p{N}+)*|[\p{L}-]+(?=\s+(?:often|usually|always|sometimes|normally|generally|never)\s+\p{L}))`;
const VERB = String.raw`(?:['’](?:m|re|s|ll|ve|d)\b|\s+(?:am|is|are|was|were|will|have|has|had|can|cannot|can't|could|would|should|must|may|might|do|does|did|don't|doesn't|didn't|won't|isn't|aren't|wasn't|weren't|hasn't|haven't|hadn't|couldn't|wouldn't|shouldn't|need|needs|want|know|think|understand|hope|just|also|already|really|still|only|always|never|usually|often|normally|sometimes|appreciate|apologize|apologise|left|went|came|got|took|gave|made|sent|told|(?<!\bthat\s+)said|says|meant|knew|thought|found|kept|held|ran|sat|brought|paid|put|set|saw|began|broke|fell|flew|lost|sold|won|\p{L}+ed|\p{L}+[^s\s]s)\b)`;
// "and" joins one without a comma too ("sorry you weren't aware and I have refunded it"); a rewrite may edit
// "… but …" into its own words (we-are-busy), so "but" counts only after a comma.
// "…calm down before we go through the bill": a time clause of the agent's stays theirs.
// "im checking it now": the agent's own "I'm" typed without its apostrophe; "payouts are batched weekly", "garden waste
// collection is a paid subscription": a bare noun phrase and its auxiliary (three words of it not after "and": "…and every van we
// have is out" goes on the agent's first clause). A sentence break the agent typed without punctuation
// starts one too: an emoji, or "I'll"/"we can" right after an order's end ("calm down for a moment I'll go through…").
// An emoji between two clauses ("worked up over it 🙂 DM us your order no."): in chat it ends a sentence.
// A name and its verb in one word starts one too ("stay calm - Ben's working on the drive now and I'll…").
// So does anything after an en or em dash ("you've misunderstood what she said — heel replacements take 2 days"): the
// agent's explanation stays theirs; and "they" or "we" with any verb after a comma ("…over a few stringy bits, they pull
// off with your fingers"), though not after "and" ("Those are the rules and they apply to everyone": "they" is the rules).
const EMOJI = String.raw`\s*\p{Extended_Pictographic}[\p{Extended_Pictographic}\uFE0F\u200D\p{EMod}]*`;
const EMOJI_BREAK = String.raw`${EMOJI}(?=\s+\p{L})`;
// "Those are the rules, I'm afraid: once a blazer…": the hedge goes with the span and the colon ends the sentence.
const HEDGE_BREAK = String.raw`,\s+(?:I['’]m|I am)\s+afraid\s*[:;–—-]`;
/** The break a clause slot ends at, and the next clause's first letter (see Placement.breakTail). */
const BREAK_THEN_LETTER = String.raw`(?:${HEDGE_BREAK}|\s*[,;]|${EMOJI})?\s+\S`;
const BREAK_TAIL = new RegExp(`^${BREAK_THEN_LETTER}`, 'u');
/** A breakTail's break and letter, after the name it may start with. */
export const BREAK_BEFORE_LETTER = new RegExp(`${BREAK_THEN_LETTER}$`, 'u');
const NEW_CLAUSE = new RegExp(String.raw`\s+[-–—]\s+(?=\p{L}{2})|(?<!,|\b(?:but|and|so|or))\s+(?:before|until|while|once)\s+(?=(?:I|we|you|they|he|she|it)\s)|(${EMOJI_BREAK}|${HEDGE_BREAK}(?=\s+\p{L})|(?<=\b(?:moment|minute|second|sec|bit|now|first|please|pls|mate|sir|ma'am|madam))(?=\s+(?:I|we)(?:['’]ll|\s+will|\s+can)\s))|,\s+(?:but|so)\s+(?=(?:before|after|if|when|while|once|until|since)\s)|(?:(,|\s*;)\s+|\s+[-–—]\s+|,\s+(?:but|so|or|as|however,?|though,?)\s+|(,?\s+and)\s+)(?:${SUBJECT}${VERB}|(?<!\band\s+)(?:they|we)\s+(?!(?:all|both|too|also|guys|each|alone)\b)\p{L}{2,}\b|im\s+\p{L}+ing\b|(?!(?:and|but|or|so|yet|as|if|then|because|which|who|that|when|while|where|how|what|why)\b|\p{L}+ly\s)(?:(?:[\p{L}'’-]+\s+){1,2}|(?<!\band\s+)(?:[\p{L}'’-]+\s+){3})(?:are|is|were|was|will|have|has|can|won't|don't|doesn't|isn't|aren't)\b|\p{Lu}\p{Ll}+['’]s\s+(?:[\p{L}-]+\s+){1,2}(?:are|is|were|was|will|have|has|can)\b|\p{Lu}\p{Ll}+['’](?:ll|d|ve|re|s\s+(?:\p{L}+ing|been|got|already|just|now|still|not|on|off|out|back|here|there|away))\b)`, 'iu');

// NEW_CLAUSE ignores case, so a name as the next clause's subject ("no need to panic, Rolo gets muddy on every walk")
// is found apart: "which is why …" must not count.
const NAMED_CLAUSE = /,\s+(?!(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Madam|Please|Thanks|Thank|Sorry|Honestly|Look|Listen|Okay|Ok|Well|Right|So|And|But|Which|Who)\b)\p{Lu}\p{Ll}+\s+(?:is|was|has|had|will|can|gets|got|goes|went|does|did|needs|looks|seems|takes|comes|always|usually|often|never|only|just)\b/u;

/** Where the agent's next clause starts after a clause slot's match, and whether the rewrite ends its sentence there or joins it with "and". */
function nextClause(text: string): { index: number; sentenceBreak: boolean; and: boolean } | null {
  const next = NEW_CLAUSE.exec(text);
  const named = NAMED_CLAUSE.exec(text);
  if (named && (!next || named.index < next.index)) return { index: named.index, sentenceBreak: true, and: false };
  return next && { index: next.index, sentenceBreak: next[1] !== undefined || next[2] !== undefined, and: Boolean(next[3]) };
}

const REPORT = /^\s+(?:we|we['’](?:ve|re|d)|our|us|they|they['’](?:ve|re|d)|he|he['’]s|she|she['’]s|there|this|that|it|(?:the|your|one of our)\s+(?:[\p{L}-]+\s+)?(?:crew|staff|team|agents?|employees?|flight attendants?|representatives?|reps?|pilots?|captains?|drivers?|officers?|members?|colleagues?|counter|desk))\b/iu;
// Misconduct or an error of ours, whoever the clause's subject: "sorry if you encountered rudeness from the team" owned as
// "sorry that you encountered rudeness", or "sorry that misinformation was provided", confirms what the agent has not
// checked (judged; "sorry to hear" owns the report).
const MISCONDUCT = /\b(?:rude|rudely|rudeness|unprofessional\w*|disrespect\w*|impolite|ignored|dismissive|unhelpful|incorrect|wrong|misinform\w*|miscommunicat\w*|mistakes?|errors?)\b/i;
const OPENER = /^(?:\s|["'“‘(\[]|@\w+\s)*(?:[\p{L}'’]+(?:\s[\p{L}'’]+)?,\s*|\p{L}+ly\s+)?$/u;
// Words right after a feeling that go on to say what it is about ("unhappy [with our policy]", "unhappy [bassinet seat]"),
// unlike a new clause, a time or a name ("upset, Paige", "disappointed but …", "unhappy today").
const OBJECT_AFTER = /^\s+(?!(?:and|but|so|or|as|because|since|though|although|if|when|while|that|which|who|today|tonight|now|again|too|right now|this (?:morning|afternoon|evening|time))\b)(?!\p{Lu}\p{Ll}*\s*(?:[.,!?]|$))\p{L}/iu;
/** A clause of the agent's, then a comma or dash (and "so" at most), right before the match. */
const TAGGED_ON = /[\p{L}\p{N})'’]\s*(?:,|\s[-–—])\s*(?:so\s+)?$/u;
/** A word as the agent sees it: letters or digits, with an apostrophe's ending ("can't" is one). */
export const WORDS = /[\p{L}\p{N}]+(?:['’]\p{L}+)?/gu;
/** What follows the first comma, semicolon, colon or dash: another clause of the sentence. */
const AFTER_CLAUSE_BREAK = /(?:[,;:–—]|\s-)\s*(.*)$/su;
const GREETING = /^(?:hi|hello|hey|hiya|dear|morning|good (?:morning|afternoon|evening|day))\b[^,.!?\n]{0,30}[,!]\s+/iu;
const SUBORDINATOR = /\b(?:while|although|though|if|when|because|since|unless|whereas|once|as long as)\b/i;
/** A clause that opens with a subordinator before the match (after an opener word at most: "Sadly, while we try …"). */
const CLAUSE_OPENS_SUBORDINATE = /^\W*(?:\p{L}+\s*,\s*)?(?:while|although|though|if|when|because|since|unless|whereas|once|as long as)\b/iu;
/** The agent's own acknowledgement, then "but", up to the span (see Placement.acknowledged). */
const BUT_THEN_EDGE = String.raw`\s(?:but|however,?)\s+(?:(?:honestly|really|seriously)\s*,?\s+)?$`;
const ACKNOWLEDGED_BUT = new RegExp(String.raw`\b(?:I|we)\s+(?:\p{L}+\s+)?(?:hear you|know|get (?:it|that)|get it['’]s|understand|appreciate|realise|realize|see)\b[^.!?]*${BUT_THEN_EDGE}`, 'iu');
/** See Placement.actedOn. */
const ACTED_ON = /^(?:\s*[,;–—-]?\s*(?:so|and)\s+(?:(?:please|just)\s+)?(?:go ahead|feel free|you can|you['’]re (?:fine|good|safe|ok|okay) to|(?:don['’]t|do not) worry|book|buy|pay|order|proceed)\b|\s*[,;–—-]?\s*(?:so|and)\s+(?:I|we)(?:['’]ll|\s+will|['’]m going to|\s+am going to|['’]re going to|\s+are going to)\s+(?:be\s+|now\s+)?(?:end|ending|close|closing|terminate|terminating|hang|hanging|disconnect|disconnecting|leave|leaving)\b|.*?\s(?:or|otherwise)\s+(?:else\s+)?(?:you|we|I)(?:['’]ll|\s+will)\s|[^.!?]*?,\s*so\s+(?:\S+\s+){0,4}(?:was|were|had|got|went|has been|have been)\s|[^.!?]*?,\s*so\s+that['’]s\s+(?:no problem|fine|sorted|settled|all good|confirmed)\b|\s*,?\s*(?:which|and that)\s+is\s+why\s|\s*,?\s*(?:and\s+)?that['’]s\s+why\s)/iu;
/** "Before you cancel the annual pass, " right before the match (see place). */
const BEFORE_YOU_CLAUSE = /^(?:\p{L}+[,!]\s+)?(?:(?:but|so)\s+)?before\s+(?:you|u)\s+[^,;.!?—–]{3,60}(?:,|\s[—–-])\s*$/iu;
/** The agent's own "Sorry to hear you're thinking of …," before the match (see place): their acknowledgement stays. */
const SORRY_CLAUSE = /^(?:(?:I['’]m|I am|we['’]re|we are)\s+)?(?:so\s+|really\s+|very\s+)?(?:sorry|sad|gutted)\s+(?:to\s+(?:hear|see|learn)\s+)?[^,;.!?]{3,80},\s*$/iu;
/** A clause of the agent's, then ", but", ", though" or a dash and an edge word at most, up to the match (see place). */
const ANSWER_THEN_BUT = /^([^,;–—]*[^\s,;–—])(?:,\s+(?:but|though|although)|\s+[–—])\s+(?=(?:(?:honestly|frankly|really|seriously|truthfully|tbh|to be honest),?\s+)?$)/iu;
const DASH_AFTER = /^\s+[-–—]\s/u;
const SO_BEFORE = /\bso\s*,?\s*$/iu;
const HEALTH = /\b(?:gluten|coeliac|celiac|allerg\w*|nut-free|tree nuts|peanuts?|dairy|lactose|diet\w*|medic\w*|dose|dosage|pregnan\w*|safe|safety|infants?|bab(?:y|ies)|toddlers?|kidneys?|liver|diabet\w*|asthma\w*|epilep\w*|symptoms?|side effects?)\b/iu;
const VOCATIVE = /,\s+(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+)?\p{Lu}[\p{Ll}'’-]+$/u;
// A verb goes on to its own words ("and truly apologize for …", after a name too: ", Marcy and assure you …");
// a bare noun ("and loyalty.") does not.
const SHARED_SUBJECT = new RegExp(String.raw`^(?:,\s*\p{Lu}[\p{Ll}'’-]+)?,?\s+(?:and|but|or)\s+(?!${SUBJECT}\b|[\p{L}]+ly\s+${SUBJECT}\b)\p{L}+(?:['’]\p{L}+)?\s+\p{L}`, 'iu');

// A hedge tacked on at the sentence end ("That's life, I'm afraid."): after a rewrite it would dangle or stand as a
// sentence of its own ("… you wanted. I'm afraid."), so a span that reaches it takes it along.
const HEDGE_TAG = /,\s+(?:I['’]m afraid|I am afraid|I fear|unfortunately|sadly|I['’]m sorry to say|I am sorry to say|I think|I reckon|I believe|I guess|I suppose)$/iu;

/** The span a rewrite replaces: the match (phrase, marker), from it to the clause end, or the whole sentence. */
export function place(sentence: string, matchStart: number, matchEnd: number, slot: Slot = 'phrase'): Placement {
  const open = OPENING.exec(sentence)![0].length;
  const contentClose = Math.max(matchEnd, contentEnd(sentence));
  const hedge = HEDGE_TAG.exec(sentence.slice(matchEnd, contentClose));
  // Everything below reads the sentence as if it ended before the hedge.
  const close = hedge ? matchEnd + hedge.index : contentClose;
  const question = /\?/.test(sentence.slice(matchEnd));
  // A sentence slot starts after the greeting it opens with ("Hi Lucy, you won't find better value…"): the greeting stays.
  let kept = slot === 'sentence' ? GREETING.exec(sentence.slice(open, matchStart))?.[0].length ?? 0 : 0;
  // So does the agent's answer before ", but" ("I think cancelling is under Account > Plan, but honestly you won't find…"),
  // ", though" (see concessionBreak) or a dash ("Sorry to hear your school's moving to another board – what would it take…"),
  // or a "before you …" clause naming what the customer is about to do ("before you cancel the annual pass, no other…").
  const answered = slot === 'sentence' ? ANSWER_THEN_BUT.exec(sentence.slice(open + kept, matchStart)) : null;
  if (answered && (answered[1].match(WORDS)?.length ?? 0) >= 4) kept += answered[0].length;
  else if (slot === 'sentence') {
    const lead = sentence.slice(open + kept, matchStart);
    kept += (BEFORE_YOU_CLAUSE.exec(lead) ?? SORRY_CLAUSE.exec(lead))?.[0].length ?? 0;
  }
  const start = slot === 'sentence' ? Math.min(open + kept, matchStart) : matchStart;
  let end = slot === 'clause' || slot === 'sentence' ? close : matchEnd;
  let breakTail = '';
  let andTail = '';
  let clauseAfter = false;
  if (slot === 'clause') {
    const next = nextClause(sentence.slice(matchEnd, close));
    // After a subordinate clause the match is in ("While we try our best …, it's not always possible", "Hold on, while
    // we try, it is not possible") the comma is not a boundary; one that ended before the match ("While we announce it,
    // we're sorry you weren't aware, and …") is, and so is a preposition mid-clause ("off since Tuesday but please calm
    // down, an engineer is booked").
    const clauseStart = sentence.lastIndexOf(',', matchStart) + 1;
    const subordinate = next && (CLAUSE_OPENS_SUBORDINATE.test(sentence.slice(clauseStart, matchStart)) || SUBORDINATOR.test(sentence.slice(matchEnd, matchEnd + next.index)));
    if (next && !subordinate) {
      end = matchEnd + next.index;
      clauseAfter = true;
      // A bare comma before the new clause: the rewrite ends its sentence there instead of splicing two.
      if (next.sentenceBreak) breakTail = BREAK_TAIL.exec(sentence.slice(end))![0];
      else if (next.and) andTail = /^,?\s+and\s+\S/u.exec(sentence.slice(end))![0];
    }
    // A name the clause ends on ("…unaware of this, Steven.", "Please relax, Mrs Okafor, the reading…") stays the
    // agent's; before a sentence break it goes with the rewrite (see Placement.breakTail).
    const vocative = VOCATIVE.exec(sentence.slice(matchEnd, end));
    if (vocative) {
      if (breakTail) breakTail = sentence.slice(matchEnd + vocative.index, end) + breakTail;
      end = matchEnd + vocative.index;
    }
  }
  const clauseEnd = slot === 'clause' ? end : close;
  // What follows the match: to the end of its clause, and to the end of the sentence's content.
  const inClause = sentence.slice(matchEnd, clauseEnd);
  const rest = sentence.slice(matchEnd, close);
  const head = sentence.slice(0, start);
  return {
    start,
    end: hedge && end === close ? contentClose : end,
    before: sentence.slice(start, matchStart),
    after: sentence.slice(matchEnd, end),
    continues: /^\s+[^\s,.;:!?)\]]/u.test(inClause),
    clauseFollows: /^,?\s+[\p{L}\p{N}]/u.test(inClause) && !/^,?\s+(?:in|on|at|by|from|of|with|for|to|before|earlier|previously|above|below|yesterday|already|again|here|there|many|several|multiple|twice|\d)\b/i.test(inClause),
    sharedSubject: SHARED_SUBJECT.test(rest),
    atSentenceStart: OPENING.exec(head)![0].length === start,
    afterOpener: OPENER.test(head),
    joinsApology: /\band\s*$/i.test(head) && APOLOGY.test(sentence.slice(Math.max(0, start - TAIL_WINDOW), start)),
    reportFollows: REPORT.test(rest) || MISCONDUCT.test(rest),
    wholeSentence: open >= matchStart && !rest.trim(),
    objectFollows: OBJECT_AFTER.test(rest),
    // After a greeting alone ("Good day Mr Nkosi, our guidelines…") the match is no tag.
    tag: TAGGED_ON.test(head) && (head.slice(open).replace(GREETING, '').match(WORDS)?.length ?? 0) >= 3,
    endsSentence: (AFTER_CLAUSE_BREAK.exec(rest)?.[1].match(WORDS)?.length ?? 0) <= 2,
    question,
    actedOn: ACTED_ON.test(rest),
    // The last few hundred characters are enough, and keep this linear in a very long sentence.
    acknowledged: ACKNOWLEDGED_BUT.test(head.slice(-TAIL_WINDOW)),
    breakTail,
    andTail,
    clauseAfter,
    dashAfter: clauseAfter && DASH_AFTER.test(sentence.slice(end)),
    afterSo: SO_BEFORE.test(head.slice(-TAIL_WINDOW)),
    health: HEALTH.test(sentence),
  };
}

/** Whether the agent writes contractions (true), spells them out (false), or the draft does not say (null). */
export function contractionStyle(draft: string): boolean | null {
  const text = draft.replace(/’/g, "'");
  const short = (text.match(/\b(?:I'm|I'll|I've|we're|we'll|we've|don't|can't|isn't|won't|it's|that's|you're|there's|here's|doesn't|didn't|aren't|wasn't)\b/gi) ?? []).length;
  const long = (text.match(/\b(?:I am|I will|we are|we will|do not|cannot|can not|is not|will not|it is|that is|you are|there is|does not|did not|are not|was not)\b/gi) ?? []).length;
  if (short === 0 && long === 0) return null;
  return short >= long;
}

const CONTRACTIONS: readonly [long: string, short: string][] = [
  ['I am', "I'm"],
  ['I will', "I'll"],
  ['we are', "we're"],
  ['we will', "we'll"],
  ['do not', "don't"],
  ['cannot', "can't"],
  ['is not', "isn't"],
  ['will not', "won't"],
  ['it is', "it's"],
  ['that is', "that's"],
  ['you are', "you're"],
  ['here is', "here's"],
  ['there is', "there's"],
  ['does not', "doesn't"],
  ['are not', "aren't"],
];

function matchCase(model: string, word: string): string {
  return model[0] === model[0].toUpperCase() ? word[0].toUpperCase() + word.slice(1) : word;
}

/** For each register (true: contracted, false: spelled out), the patterns that turn the other register into it. */
const REGISTER_SWAPS = new Map(
  [true, false].map((contract) => {
    const swaps = CONTRACTIONS.map(([long, short]) => {
      const [from, to] = contract ? [long, short] : [short, long];
      return { source: `\\b${from.replace(/'/g, "['’]")}\\b`, to };
    });
    // Most rewrites hold none of the forms: one combined test spares them a pass per form.
    const any = new RegExp(swaps.map((w) => w.source).join('|'), 'i');
    const patterns = swaps.map(({ source, to }) => ({ pattern: new RegExp(`${source}${contract ? '(?![\\s]*[.,;!?]|$)' : ''}`, 'gi'), to }));
    return [contract, { any, patterns }];
  }),
);

/** Rewrite contractions in the draft's register; a form a sentence ends on ("that is.") stays long. */
export function fitRegister(rewrite: string, contractions: boolean | null): string {
  let out = rewrite.replace(/\b(can) not\b/gi, (_, can: string) => matchCase(can, 'cannot'));
  if (contractions === null) return out;
  const swaps = REGISTER_SWAPS.get(contractions)!;
  if (!swaps.any.test(out)) return out;
  for (const { pattern, to } of swaps.patterns) {
    out = out.replace(pattern, (m) => (m.startsWith('I') && to.startsWith('I') ? to : matchCase(m, to)));
  }
  return out;
}

/** Apostrophes inside words: the draft's typographic ones (’) outnumber its straight ones ('). */
export function writesCurlyApostrophes(text: string): boolean {
  const curly = text.match(/\p{L}’\p{L}/gu)?.length ?? 0;
  return curly > 0 && curly > (text.match(/\p{L}'\p{L}/gu)?.length ?? 0);
}

/** A rewrite's apostrophes in the draft's style, so "I’m" is not followed by "we're". */
const withCurlyApostrophes = (rewrite: string) => rewrite.replace(/(?<=\p{L})'(?=\p{L})/gu, '’');

/** How the agent writes: contractions (see contractionStyle) and typographic apostrophes, read only when a rewrite is fitted. */
export interface DraftStyle {
  contractions(): boolean | null;
  curlyApostrophes(): boolean;
}

export interface TicketFacts {
  firstName?: string;
  orderNumber?: string;
}

const FACT_SLOTS: Record<string, keyof TicketFacts> = { '[first name]': 'firstName', '[name]': 'firstName', '[order number]': 'orderNumber' };

/** Fill placeholders the ticket answers; the rest stay visible for the agent. */
export function fillFacts(text: string, facts: TicketFacts | undefined): string {
  if (!facts) return text;
  return text.replace(PLACEHOLDER, (slot) => {
    const key = FACT_SLOTS[slot.toLowerCase()];
    const value = key ? facts[key]?.trim() : undefined;
    return value && /^[\p{L}\p{N}][\p{L}\p{N} '#.-]{0,40}$/u.test(value) ? value : slot;
  });
}

const WORD_AT_END = /([\p{L}\p{N}']+)[^\p{L}\p{N}']*$/u;
const WORD_AT_START = /^[^\p{L}\p{N}']*([\p{L}\p{N}']+)/u;

/** A rewrite opening on its own subject and verb, and a draft that already ends on one ("We're genuinely ", "Were ", "… and are "). */
const SUBJECT_AND_BE = /^(?:I['’]m|I am|we['’]re|we are)\s+/i;
// How sorry the agent said they were ("very", "truly", "so"), before the apology the span replaces.
const DEGREE_WORDS = 'so|very|really|truly|deeply|terribly|extremely|genuinely|sincerely|incredibly|awfully';
const DEGREE_START = new RegExp(`^(?:${DEGREE_WORDS})\\b`, 'iu');
const SUBJECT_AND_BE_BEFORE = /(?:\b(?:we|I)(?:\S?['’](?:re|m)|\s+(?:\p{L}+ly\s+)?(?:are|am|were))|(?:^|[.!?,]\s+)were|\band\s+(?:are|am))\s+(?:(?:so|very|\p{L}+ly)\s+)*$/iu;

/**
 * The agent's full clause and a bare comma before the span ("Your miles post in 48 hours, [our apologies for …]"):
 * a rewrite bringing its own subject ("we're sorry …") would splice two sentences. Not after a subordinate clause
 * ("While we can't …, we're sorry") or an opener without a verb ("Hi Jen, ").
 */
// Beside SUBJECT + VERB: any noun before an auxiliary or a present-tense verb ("Gift cards cannot be used", "Our regional
// jets accept cash only", "an equipment change may happen"), a pronoun before any verb ("We aim for…", "We always want…"),
// and a request ("Please try again later").
const AUXILIARY = String.raw`(?:can|cannot|can['’]t|could|may|might|will|won['’]t|would|should|must|is|are|isn['’]t|aren['’]t|was|were|wasn['’]t|weren['’]t|does|doesn['’]t|do|don['’]t|didn['’]t|has|have|hasn['’]t|haven['’]t|accepts?|requires?|offers?|strives?|aims?)`;
const CLAUSE = String.raw`(?:${SUBJECT}${VERB}|[\p{L}-]+\s+${AUXILIARY}\s|(?:we|I|they)\s+(?:\p{L}+ly\s+)?\p{L}{2,}\s|please\s+\p{L}+\s)`;
const OPENS_SUBORDINATE = String.raw`(?:while|although|though|even though|if|when|whenever|because|since|unless|whereas|once|as|after|before|until|given|despite|with|for)\b`;
const CLAUSE_AND_COMMA = new RegExp(String.raw`(?:^|[.!?]\s+|\n\s*)(?!\s*${OPENS_SUBORDINATE})[^.!?\n]*?\b${CLAUSE}[^.!?\n]*,\s*$`, 'iu');
/** A subordinate clause after an opener, up to the comma ("Jeremy, while fares are subject to change, "): no sentence of its own. */
const SUBORDINATE_BEFORE_COMMA = new RegExp(String.raw`(?:^|[.!?]\s+|\n\s*)[^.!?\n,]{0,20},\s*${OPENS_SUBORDINATE}[^.!?\n,]*(?:,[^.!?\n,]*)?,\s*$`, 'iu');

/**
 * Rewrites that would splice two sentences after the agent's clause and comma (CLAUSE_AND_COMMA), or join a third
 * clause after its "and"/"but" (CLAUSE_AND_CONJUNCTION), start a sentence instead, taking the clause's last word as the
 * visible change ("departed, [sorry …]" → "departed. We're sorry …"); the others keep the comma or conjunction. `back`:
 * how far the span now starts before the match. Null where nothing splices.
 */
export function breakSplice(textBefore: string, rewrites: readonly string[]): { rewrites: string[]; back: number } | null {
  const tail = textBefore.slice(-TAIL_WINDOW);
  if (!rewrites.some(startsSentence) || SUBORDINATE_BEFORE_COMMA.test(tail)) return null;
  // "…, and frankly I want to help, and I need us to keep this respectful": the conjunction and edge word go.
  const comma = CLAUSE_AND_COMMA.test(tail);
  const conjunction = !comma && rewrites.some((r) => startsSentence(r) && OWN_AND.test(r)) && CLAUSE_AND_CONJUNCTION.test(tail);
  if (!comma && !conjunction) return null;
  const kept = (conjunction ? WORD_THEN_CONJUNCTION : WORD_THEN_COMMA).exec(textBefore)?.[0];
  if (!kept) return null;
  // The last word with any bracket it closes ("(attached), so …" keeps "attached)").
  const word = /^[\p{L}\p{N}'’)]+/u.exec(kept)![0];
  const fits = conjunction ? (r: string) => startsSentence(r) && OWN_AND.test(r) : startsSentence;
  return { rewrites: rewrites.map((r) => (fits(r) ? `${word}. ${r[0].toUpperCase()}${r.slice(1)}` : kept + r)), back: kept.length };
}

/**
 * A sentence slot kept after the agent's clause and ", though" (see place) starts a sentence of its own, taking the
 * clause's last word as the visible change ("moving Misty, though [you'll struggle…]" → "moving Misty. I'd like to
 * understand…"): "though" would set Steady's words against the agent's. Null where the slot follows no ", though".
 */
export function concessionBreak(textBefore: string, rewrites: readonly string[]): { rewrites: string[]; back: number } | null {
  const kept = WORD_THEN_THOUGH.exec(textBefore);
  if (!kept) return null;
  return { rewrites: rewrites.map((r) => `${kept[1]}. ${r[0].toUpperCase()}${r.slice(1)}`), back: kept[0].length };
}
const WORD_THEN_THOUGH = /([\p{L}\p{N}'’)]+),\s+(?:though|although)\s+$/iu;

const EDGE_WORD = String.raw`(?:(?:frankly|honestly|really|seriously|quite frankly|to be honest)\s*,?\s+)?`;
const WORD_THEN_COMMA = /[\p{L}\p{N}'’)]+,\s*$/u;
const WORD_THEN_CONJUNCTION = new RegExp(String.raw`[\p{L}\p{N}'’)]+,?\s+(?:and|but)\s+${EDGE_WORD}$`, 'iu');
const CLAUSE_AND_CONJUNCTION = new RegExp(String.raw`(?:^|[.!?]\s+|\n\s*)(?!\s*${OPENS_SUBORDINATE})[^.!?\n]*?[\p{L}\p{N}'’)]{2,},?\s+(?:and|but)\s+${EDGE_WORD}$`, 'iu');
/** A rewrite joining a clause of its own with "and" ("I want to help, and I need us to keep this respectful"). */
const OWN_AND = /,\s+and\s+/u;

/** A rewrite that is a sentence of its own: "we're sorry …", or the agent hearing the customer ("I can hear how …"). */
const OWN_VOICE = /^(?:I|we)\s+(?:can hear|understand|know|want)\b/iu;
const startsSentence = (r: string) => SUBJECT_AND_BE.test(r) || OWN_VOICE.test(r);

/** A rewrite ending on the trouble it apologises for, which the agent's words after the span go on to explain. */
const ENDS_ON_TROUBLE = /\b(?:the|any)\s+(?:[\p{L}-]+\s+)?(?:trouble|inconvenience|frustrations?|disappointment|confusion|upset|stress|disruption|hassle|delays?|let ?down)$/iu;
const ENDS_ON_THE_TROUBLE = /\s+the\s+trouble$/i;
const DUE_TO = /^\s+due\s+to\b/i;
const ABOUT = /^\s+(?:regarding|concerning)\b/i;
/** "with" a trouble of its own ("the delay", "the cancelled flight"): that is what the apology is for. */
const WITH_TROUBLE = /^\s+with(?=\s+(?:the|your|this|that)\s+(?:delay|delays|delayed|late|cancell?ations?|cancell?ed|wait|outage)\b)/i;

/** Rewrites that `fits` take as `fitted(r)`, the others with the agent's `words` after them; the span grows by `words`. Null when none fits. */
function refitAfter(rewrites: readonly string[], fits: (r: string) => boolean, fitted: (r: string) => string, words: string): { rewrites: string[]; extra: number } | null {
  return rewrites.some(fits) ? { rewrites: rewrites.map((r) => (fits(r) ? fitted(r) : r + words)), extra: words.length } : null;
}

const endsOnTrouble = (r: string) => ENDS_ON_TROUBLE.test(r);
const endsOnTheTrouble = (r: string) => ENDS_ON_THE_TROUBLE.test(r);

/** A refusal's hard stop right after the span ("…no refunds on swimwear, full stop."): a softer rewrite drops it. */
/** "…, whatever the traffic", "…, no question" at the end of a promise's sentence: a softened promise drops it too. */
const GUARANTEE_TAIL = /^\s*[,;–—-]?\s*(?:no matter what|whatever happens|whatever the (?:traffic|weather|queues?)|come what may|rain or shine|without fail|no question(?: about it)?|no doubt(?: about it)?|without (?:a )?doubt|for sure|for certain|guaranteed)(?=\s*[.!?]*\s*$)/iu;
const HARD_STOP = /^\s*[,;–—-]?\s*(?:full stop|period|no exceptions|end of (?:story|discussion)|and that['’]s (?:that|final)|that['’]s final)(?=\s*[.!?]*\s*$)/iu;

/** A name ending the sentence right after the span, with no comma before it: "…sorry for any inconvenience Ian." (Not a day or month: "…out by Friday.") */
const NAME_AFTER = /^\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Today|Tonight|Tomorrow)\b)\p{Lu}\p{Ll}+(?=\s*[.!?…]|\s*$)/u;
/** A rewrite that ends on a word needing what follows ("…will be out by"): the capital after it is no name addressed. */
const ENDS_WANTING_MORE = /\b(?:by|on|at|to|for|in|with|from|until|before|after|the|a|an|of|about|and|or|is|are|be|was|were|your|our|my)$/i;
const addressesName = (r: string) => /\p{L}$/u.test(r) && !ENDS_WANTING_MORE.test(r);
const HOPED_THEN_TIME = /^\s+(today|tonight|this (?:morning|afternoon|evening|weekend))\b/i;
const THIS_HOPED = /\bthis (hasn't|has not) gone the way you hoped$/i;
const endsOnThisHoped = (r: string) => THIS_HOPED.test(r);

/**
 * The agent's words right after the span, fitted to the rewrites before them (judged clunky or wrong as they were):
 * "the trouble [due to] our policy" → "the trouble caused by our policy", "the trouble [regarding] your gate" → "the
 * trouble with your gate", "sorry about the trouble [with] the delay" → "sorry about the delay", a refusal's ", full
 * stop" goes, so does a softened promise's ", whatever the traffic" (`softensPromise`), "…hoped [today]" → "sorry today hasn't gone the way you hoped", and a name is addressed ("…the trouble
 * caused, Ian", not "caused Ian").
 * `extra`: how far the span now ends after the match. Null where nothing needs fitting.
 */
export function fitWordsAfter(textAfter: string, rewrites: readonly string[], softensPromise = false): { rewrites: string[]; extra: number } | null {
  const emphasis = HARD_STOP.exec(textAfter)?.[0] ?? (softensPromise ? GUARANTEE_TAIL.exec(textAfter)?.[0] : undefined);
  if (emphasis && rewrites.length) return refitAfter(rewrites, () => true, (r) => r, emphasis);
  const due = DUE_TO.exec(textAfter)?.[0];
  if (due) return refitAfter(rewrites, endsOnTrouble, (r) => `${r} caused by`, due);
  const about = ABOUT.exec(textAfter)?.[0];
  if (about) return refitAfter(rewrites, endsOnTheTrouble, (r) => `${r} with`, about);
  const withTrouble = WITH_TROUBLE.exec(textAfter)?.[0];
  if (withTrouble) return refitAfter(rewrites, endsOnTheTrouble, (r) => r.replace(ENDS_ON_THE_TROUBLE, ''), withTrouble);
  const time = HOPED_THEN_TIME.exec(textAfter);
  if (time) return refitAfter(rewrites, endsOnThisHoped, (r) => r.replace(THIS_HOPED, `${time[1].toLowerCase()} $1 gone the way you hoped`), time[0]);
  return NAME_AFTER.test(textAfter) ? refitAfter(rewrites, addressesName, (r) => `${r},`, '') : null;
}

// "Many thanks, sincere [apologies once more, for any discomfort]": an adjective the agent gave the apology becomes its adverb.
const ADJECTIVE_DEGREE: Record<string, string> = { sincere: 'sincerely', sincerest: 'sincerely', deepest: 'deeply', heartfelt: 'truly' };
const DEGREE_BEFORE = new RegExp(`(?:\\b(?:${DEGREE_WORDS}|${Object.keys(ADJECTIVE_DEGREE).join('|')})\\s+)+$`, 'iu');
const OWN_SUBJECT = /^(?:I|I['’]m|we|we['’]re|our|my|please)\b/i;

/**
 * A degree the agent put before an apology with no subject ("Very [sorry for any difficulty]", "and again sincerely
 * [apologize if …]"): a rewrite bringing its own subject takes it in ("We're very sorry …"), instead of leaving
 * "Very we're sorry". `back`: how far the span now starts before the match. Null where nothing dangles.
 */
export function takeDanglingDegree(textBefore: string, match: string, rewrites: readonly string[]): { rewrites: string[]; back: number } | null {
  const degree = DEGREE_BEFORE.exec(textBefore)?.[0];
  // "…on Monday, so [the colour isn't our fault]": "so" after a comma or opening the sentence joins clauses, no degree.
  if (degree && /^so\s+$/i.test(degree) && /(?:^|[,;:.!?]\s*)so\s+$/i.test(textBefore)) return null;
  if (!degree || OWN_SUBJECT.test(match) || !rewrites.some((r) => SUBJECT_AND_BE.test(r))) return null;
  const words = degree
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .map((word) => ADJECTIVE_DEGREE[word] ?? word)
    .join(' ');
  return {
    rewrites: rewrites.map((r) => {
      const subject = SUBJECT_AND_BE.exec(r)?.[0];
      if (!subject) return degree + r;
      const rest = r.slice(subject.length);
      const fitted = `${subject}${DEGREE_START.test(rest) ? '' : `${words} `}${rest}`;
      return /^\p{Lu}/u.test(degree) ? fitted[0].toUpperCase() + fitted.slice(1) : fitted;
    }),
    back: degree.length,
  };
}

/**
 * "Please," "and please", "just" right before the span: said to soften an order ("Please, you need to calm down");
 * or a sentence's edge ("Frankly, you're being abusive"), which would sharpen the calm line that replaces it.
 */
const ORDER_SOFTENER_BEFORE = /(?:\b(?:please|pls|plz|kindly)\s*,?|\bjust|^[\s\p{Cf}]*(?:(?:quite\s+)?frankly|seriously|look|listen)\s*,?)\s+$/iu;
/**
 * Where the span is a reproach (blame, judgement, confrontation): the edge the agent put before it ("Honestly,", "With
 * respect,", "Excuse me,", "Let's be clear:", "And no,"), also after a greeting ("Hi Dave, frankly …"), goes with it.
 */
const EDGE_BEFORE = /(?:(?:^[\s\p{Cf}]*|[,;:]\s*)(?:(?:quite\s+)?frankly|honestly|seriously|look|listen|with (?:all due )?respect|excuse me|let['’]s be clear|to be clear)\s*[,:]?|^[\s\p{Cf}]*and(?:\s+no)?\s*,?)\s+$/iu;
/** A rewrite that is a clause of its own: the agent's voice, or a statement about the situation. */
const OWN_CLAUSE = /^(?:I|I['’](?:m|ve|ll|d)|we|we['’](?:re|ve|ll|d)|this|that|it|it['’]s|you|you['’](?:re|ve))\b/u;

/**
 * The "please" or "just" softening an order the span replaces, or the edge word before a reproach (`reproach`), goes
 * with it when the one-key rewrite is a clause of its own: "Please, [you need to calm down]" becomes "I can hear how
 * frustrating…", not "Please, I can hear…". `back`: how far the span now starts before the match. Null where nothing dangles.
 */
export function takeOrderSoftener(textBefore: string, rewrites: readonly string[], reproach = false): { rewrites: string[]; back: number } | null {
  const edge = reproach ? EDGE_BEFORE.exec(textBefore)?.[0] : undefined;
  const softener = (edge || ORDER_SOFTENER_BEFORE.exec(textBefore)?.[0])?.replace(/^[,;:\s\p{Cf}]*/u, '');
  if (!softener || !rewrites.length || !OWN_CLAUSE.test(rewrites[0])) return null;
  // A rewrite that is no clause of its own (a placeholder) keeps the agent's word before it.
  return { rewrites: rewrites.map((r) => (OWN_CLAUSE.test(r) ? r : softener + r)), back: softener.length };
}

const BUT_BEFORE = new RegExp(BUT_THEN_EDGE, 'iu');
const ACKNOWLEDGES = /^(?:I|we)\s+(?:can hear|understand|know|hear)\b/iu;

/**
 * After the agent's own acknowledgement ("I know it's been off since Tuesday [but] please calm down"), a one-key rewrite
 * that goes on from it instead of acknowledging again takes the "but" as "and": "…since Tuesday and I want to sort this
 * out with you". `back`: how far the span now starts before the match. Null where nothing joins.
 */
export function joinAcknowledgement(textBefore: string, rewrites: readonly string[]): { rewrites: string[]; back: number } | null {
  const but = BUT_BEFORE.exec(textBefore)?.[0].slice(1);
  // Only the agent's own voice goes on from it ("and I want to…"); "but you'll need to…" keeps its contrast.
  // A rewrite with an "and" of its own starts a sentence instead (see breakSplice).
  if (!but || !rewrites.length || ACKNOWLEDGES.test(rewrites[0]) || !/^(?:I|we)\b/iu.test(rewrites[0]) || OWN_AND.test(rewrites[0])) return null;
  return { rewrites: rewrites.map((r) => (ACKNOWLEDGES.test(r) ? but + r : `and ${r}`)), back: but.length };
}

/** Join a replacement into its text: no doubled word or punctuation at either edge, a comma after a fronted marker. */
export function fitJoins(replacement: string, textBefore: string, textAfter: string, frontedMarker: boolean): string {
  let out = replacement;
  const prev = WORD_AT_END.exec(textBefore.slice(-TAIL_WINDOW))?.[1];
  const first = WORD_AT_START.exec(out);
  if (prev && first && !out.startsWith('[') && first[1].toLowerCase() === prev.toLowerCase() && /\s$/.test(textBefore)) out = out.slice(first[0].length).replace(/^\s+/, '');
  // The draft's own subject and verb stay ("We're genuinely [sorry …]", "Were [sorry …]"): "we're" again would say them twice.
  else if (SUBJECT_AND_BE.test(out) && SUBJECT_AND_BE_BEFORE.test(textBefore.slice(-TAIL_WINDOW))) out = out.replace(SUBJECT_AND_BE, '');
  const next = WORD_AT_START.exec(textAfter);
  const last = WORD_AT_END.exec(out);
  // "sorry that" before "that's not your style" says "that" once.
  if (next && last && /^\s/.test(textAfter) && last[1].toLowerCase() === next[1].toLowerCase().replace(/['’]s$/, '') && last.index > 0) out = out.slice(0, last.index).replace(/\s+$/, '');
  if (/[,;:]$/.test(out) && /^\s*[,;:.!?]/.test(textAfter)) out = out.slice(0, -1);
  if (/^[,;:.]/.test(out) && /[,;:.]\s*$/.test(textBefore)) out = out.replace(/^[,;:.]\s*/, '');
  if (frontedMarker && /^\s+[\p{L}\p{N}]/u.test(textAfter) && !/[,;:]$|\bthat$/.test(out)) out += ',';
  return out;
}

const WE_WORDS = /\b(?:we|we're|we've|we'll|we'd|our|ours|us)\b/gi;
const I_WORDS = /\b(?:I|I'm|I've|I'll|I'd|my|mine|me)\b/g;
const countOf = (text: string, re: RegExp) => (text.match(re) ?? []).length;

/** Whether a draft mostly speaks as "we" (counted once per lint, not per finding). */
export function draftSpeaksAsWe(draft: string): boolean {
  return countOf(draft, WE_WORDS) > countOf(draft, I_WORDS);
}

const FIRST_SUBJECT = /\b(?:(we|we're|we've|we'll|we'd)|I|I'm|I've|I'll|I'd)\b/i;

/**
 * Whether the agent speaks as "we" here: the match's first subject, the one apologising ("we apologize", not the "we" of
 * "I apologize for any trouble we may have caused"), else the draft's usual voice ("our records" says neither).
 */
export function speaksAsWe(match: string, draftWe: () => boolean): boolean {
  const first = FIRST_SUBJECT.exec(match);
  return first ? first[1] !== undefined : draftWe();
}

const VOICE: Record<string, [string, string]> = { '{I}': ['I', 'we'], "{I'm}": ["I'm", "we're"], '{my}': ['my', 'our'], '{me}': ['me', 'us'] };

export interface RewriteSituation {
  /** The matched text (for `edit` and {match}). */
  match: string;
  /** Speak as "we" ({I} → we, {I'm} → we're …). */
  we: boolean;
  placement: Placement;
  upset: boolean;
  context: LintContext | undefined;
  /** The draft around the span: before its sentence, and after the span (a window of each), for thanks or hopes said twice. */
  nearby?: string;
  /**
   * An earlier sentence of the span's paragraph apologises ("We're sorry your bag is late."), one ends right before it on
   * its line, and that one is no refusal the span's apology softens ("Same Day Flight Change isn't always an option.").
   */
  apologyBefore?: boolean;
  /**
   * "This" would point at the wrong thing: the sentence right before the span's, on its line, is good news or thanks for
   * praise ("We're pleased to hear it, Carleen."), or the paragraph goes on to deny any trouble ("While we're unaware of any issues…").
   */
  noReferent?: boolean;
  /** The agent goes on after the span's sentence, in its paragraph, or with a clause of its own after the span. */
  explainedAfter?: boolean;
  /** The next sentence on the span's line refers back to it ("What if I knock £50 off? I think the manager would allow it."). */
  callbackAfter?: boolean;
  /** The customer is leaving: the ticket says so (the churn trigger) or the draft does (see DraftSituation.leaving). */
  leaving?: boolean;
}

const LEADING_FUNCTION_WORD = /^(?:there|it|this|that|these|those|the|we|you|they|your|ur|our|my|he|she|his|her|its|their)\b/i;

/**
 * The agent goes on after the span. A clause of theirs after it must start a sentence of its own ("…the promo, it was 20%
 * off"), not hang on it ("…the booking page, as breakfast was never included"); a dash keeps the explanation in the
 * sentence ("…what the condition report covers – it doesn't include…").
 */
function explainedAfter(s: RewriteSituation): boolean {
  return s.placement.clauseAfter ? s.placement.breakTail !== '' || s.placement.dashAfter : s.explainedAfter === true;
}

/** Whether a rewrite's `if` conditions hold here. */
export function holds(conditions: readonly RewriteCondition[] | undefined, s: RewriteSituation): boolean {
  if (!conditions) return true;
  const sentiment = s.context?.customerSentiment;
  const hasAfter = s.placement.continues;
  return conditions.every((c) => {
    switch (c) {
      case 'upset':
        return s.upset;
      case 'not-upset':
        return !s.upset;
      case 'pleased':
        return sentiment !== undefined && sentiment > 0.3;
      case 'question':
        return s.placement.question;
      case 'statement':
        return !s.placement.question;
      case 'after':
        return hasAfter;
      case 'no-after':
        return !hasAfter;
      case 'clause-follows':
        return s.placement.clauseFollows;
      case 'shared-subject':
        return s.placement.sharedSubject;
      case 'own-subject':
        return !s.placement.sharedSubject;
      case 'sentence-start':
        return s.placement.atSentenceStart;
      case 'sentence-opening':
        return s.placement.afterOpener;
      case 'joins-apology':
        return s.placement.joinsApology;
      case 'report-follows':
        return s.placement.reportFollows;
      case 'no-report':
        return !s.placement.reportFollows;
      case 'after-apology':
        return s.placement.wholeSentence && s.apologyBefore === true;
      case 'no-referent':
        return s.noReferent === true;
      case 'no-object':
        return !s.placement.objectFollows;
      case 'tag':
        return s.placement.tag;
      case 'no-tag':
        return !s.placement.tag;
      case 'ends-sentence':
        return s.placement.endsSentence;
      case 'clause-after':
        return s.placement.clauseAfter;
      case 'acknowledged':
        return s.placement.acknowledged;
      case 'explained-after':
        return explainedAfter(s);
      // A placeholder for the explanation only where the agent gives none after the span.
      case 'unexplained':
        return !explainedAfter(s);
      case 'not-acted-on':
        return !s.placement.actedOn;
      case 'not-after-so':
        return !s.placement.afterSo;
      case 'not-health':
        return !s.placement.health;
      case 'no-callback':
        return s.callbackAfter !== true;
      case 'approved':
        return s.context?.approved === true;
      case 'not-approved':
        return s.context?.approved !== true;
      case 'leaving':
        return s.leaving === true;
    }
  });
}

/** A parallel clause repeating the linking word a match may end with: "…, and if …", "… or that …". */
const PARALLEL = new Map(['if', 'that', 'whether', 'because', 'when'].map((word) => [word, new RegExp(`\\b(?:and|or)\\s+(?:also\\s+)?${word}\\b`, 'i')]));
const LAST_WORD = /(\p{L}+)\s*$/u;
const lastWord = (text: string) => LAST_WORD.exec(text)?.[1].toLowerCase();

/**
 * Whether a rewrite drops the linking word the match ends with while the sentence repeats it in a
 * parallel clause: "sorry if we missed…, and if we fell short" would become "sorry that we missed…,
 * and if we fell short", half owned and half hedged. A rewrite that keeps the agent's words ({match}) keeps the word.
 */
function breaksParallel(template: string, match: string, textAfter: string): boolean {
  if (template.includes('{match}')) return false;
  const word = lastWord(match);
  const repeated = word && PARALLEL.get(word);
  return !!repeated && lastWord(template) !== word && repeated.test(textAfter);
}

const OWN_WORDS = /\{[^}]*\}|\[[^\]]*\]/g;
const LONG_WORD = /\p{L}{7,}/gu;
const APOLOGY = /\b(?:sorry|apolog\w*|regret\w*)\b/i;
// "Kindly proceed … and please sign it" would become "please proceed … and please sign it" (within a clause).
const PLEASE = /\bplease\b/i;
const CLAUSE_BREAK = /[;:—–]/;
// "We appreciate you letting us know" thanks too; "I appreciate this is frustrating" does not.
const THANKS = /\b(?:thank\w*|grateful|appreciat\w*\s+(?:you|your|it|hearing|(?:the|this)\s+(?:feedback|heads|note|update|information|info)))\b/i;
/**
 * What a rewrite's own words say (first) and the words that already say it (second), in the sentence
 * before the span or the draft around it: "Thank you! Thank you for telling us.", "the way you hoped. We hope…".
 */
const ECHOES: readonly (readonly [RegExp, RegExp])[] = [
  [THANKS, THANKS],
  [/\bhoped\b/i, /\bhop(?:e|ed|es|ing|efully)\b/i],
  [/\bto hear\b/i, /\bto hear\b/i],
  [/\bpatience\b/i, /\bpatien(?:ce|t)\b/i],
  // "I want to help, and I need us to keep this respectful. I'm trying to help with the loan."
  [/\bwant to (?:keep )?help/i, /\b(?:(?:trying|here|want|wanting|happy|glad) to help|(?:I|we)(?:['’]ll| will| can) help|let (?:me|us) help)\b/i],
  // "give it a go and let me know; if not, please let me know", "I'm going to leave it there. I'm going to pause here".
  [/\blet (?:me|us) know\b/i, /\blet (?:me|us) know\b/i],
  [/\bpause here\b/i, /\b(?:leave it there|stop (?:here|there)|pause)\b/i],
  // "Before you give up your seasonal pitch, before we look at offers, …".
  [/^\s*before\b/i, /\bbefore you\b/i],
];

/**
 * Whether a rewrite's own wording repeats what the agent already said: a long word earlier in the
 * sentence ("we understand your frustration and we understand why you're frustrated"), an apology
 * earlier in the sentence ("I'm sorry but I'm sorry this happened"), a "please" its clause already has,
 * or thanks, hopes or patience the draft already gives around it ("Thank you! Thank you for telling us.", "the
 * way you hoped. We hope…", "Thank you for your patience. Your patience is appreciated"). A doubled idea, not a fix.
 */
function repeatsSentence(template: string, sentenceBefore: string, nearby: string, sentenceAfter: string): boolean {
  // The template's voice tokens read as words ("let {me} know" says "let me know"); the agent's words and placeholders do not count.
  const own = template.replace(/\{(?:I|I'm|my|me)\}/g, (token) => VOICE[token][0]).replace(OWN_WORDS, ' ');
  // The last few hundred characters are enough, and keep this linear in a very long sentence.
  const tail = sentenceBefore.slice(-TAIL_WINDOW);
  if (APOLOGY.test(own) && APOLOGY.test(tail)) return true;
  if (PLEASE.test(own) && saysPleaseTwice(own, tail, sentenceAfter)) return true;
  if (ECHOES.some(([says, said]) => says.test(own) && (said.test(tail) || said.test(nearby)))) return true;
  const words = own.match(LONG_WORD);
  if (!words) return false;
  const before = ` ${tail.toLowerCase().replace(/[^\p{L}]+/gu, ' ')} `;
  return words.some((w) => before.includes(` ${w.toLowerCase()} `));
}

/** Whether the rewrite's "please" lands in a clause of the sentence that already has one (its first clause joins the text before, its last the text after). */
function saysPleaseTwice(own: string, tail: string, sentenceAfter: string): boolean {
  const ownClauses = own.split(CLAUSE_BREAK);
  if (PLEASE.test(ownClauses[0]) && PLEASE.test(tail.split(CLAUSE_BREAK).pop()!)) return true;
  return PLEASE.test(ownClauses[ownClauses.length - 1]) && PLEASE.test(sentenceAfter.slice(0, TAIL_WINDOW).split(CLAUSE_BREAK)[0]);
}

/** The text a marker's removal takes with it: the comma and space after it and the next letter (re-cased), or null. */
export function removalTail(textAfter: string): string | null {
  return /^,?\s+[\p{L}\p{N}]/u.exec(textAfter)?.[0] ?? null;
}

// A rule's edit pattern is compiled once, not per finding.
const editPatterns = new Map<string, RegExp>();
function editPattern(source: string): RegExp {
  let pattern = editPatterns.get(source);
  // "d": group offsets, so the agent's words come back from the span as they were typed.
  if (!pattern) editPatterns.set(source, (pattern = new RegExp(source, 'diu')));
  return pattern;
}

/**
 * A rule's edit of the replaced span, or null where its pattern does not match. Edits are written with straight
 * apostrophes, so they read a copy with the draft's typographic ones straightened; the agent's words come back
 * from the span as typed (’ and all), and the edit's own words are fitted like a template's (`fitOwn`).
 */
function applyEdit(span: string, [source, replacement]: readonly [string, string], fitOwn: (words: string) => string): string | null {
  const m = editPattern(source).exec(span.replace(/’/g, "'"));
  if (!m) return null;
  const pieces = replacement.split(/\\(\d)/);
  const filled = pieces.map((piece, k) => {
    if (k % 2 === 0) return fitOwn(piece);
    const at = m.indices![Number(piece)];
    if (!at) return '';
    const words = span.slice(at[0], at[1]);
    // The agent's sentence-opening "It" or "The", moved after the edit's own words ("I expect it will…"), loses its capital.
    return at[0] === 0 && pieces.slice(0, k).join('').trim() ? words.replace(LEADING_FUNCTION_WORD, (w) => w.toLowerCase()) : words;
  });
  return span.slice(0, m.index) + filled.join('') + span.slice(m.index + m[0].length);
}

/** A template's own word that the agent's words it carries start with goes: "sorry that" + "that wasn't…" says "that" once. */
function withoutEchoedWord(own: string, agentWords: string): string {
  const last = WORD_AT_END.exec(own);
  const next = WORD_AT_START.exec(agentWords);
  return last && next && /\s$/.test(own) && last[1].toLowerCase() === next[1].toLowerCase().replace(/['’]s$/, '') ? own.slice(0, last.index) : own;
}

const AGENT_WORDS = /(\{match\}|\{after\}|\{before\})/;

const DEGREE = new RegExp(`\\b(${DEGREE_WORDS})\\s+(?:sorry|apologi[sz]e|regret)\\b`, 'iu');
const BARE_SORRY = new RegExp(`(?<!\\b(?:${DEGREE_WORDS})\\s+)\\bsorry\\b`, 'iu');

/**
 * A rewrite's "sorry" keeps the degree the replaced apology had ("Very sorry for any trouble!" stays very sorry),
 * and its "again" ("We're sorry again for the inconvenience" stays an apology said again).
 */
function keepDegree(rewrite: string, replaced: string): string {
  const degree = DEGREE.exec(replaced)?.[1];
  const out = degree ? rewrite.replace(BARE_SORRY, (sorry) => `${degree.toLowerCase()} ${sorry}`) : rewrite;
  return APOLOGY_AGAIN.test(replaced) && !/\bagain\b/i.test(out) ? out.replace(/\bsorry\b/i, 'sorry again') : out;
}
const APOLOGY_AGAIN = /\bagain,?\s+(?:\p{L}+\s+)?(?:sorry|apologi[sz]e|apologies|regret)|\b(?:sorry|apologi[sz]e|apologies|regret)\s+(?:once\s+(?:again|more)|again)\b/iu;

/** Whether a rule offers its {remove} here: its conditions hold, and its edit, if any, matches the replaced span. */
export function offersRemoval(rewrites: readonly RewriteSpec[], situation: RewriteSituation): boolean {
  const { placement, match } = situation;
  return rewrites.some((r) => r.text === '{remove}' && holds(r.if, situation) && (!r.edit || editPattern(r.edit[0]).test((placement.before + match + placement.after).replace(/’/g, "'"))));
}

/**
 * The rewrites that apply here, filled and fitted into the draft at the placement. `swallowed`: text
 * after the span that a marker's removal ({remove}) takes in; every other rewrite gives it back.
 */
export function fitRewrites(
  rewrites: readonly RewriteSpec[],
  slot: Slot | undefined,
  situation: RewriteSituation,
  textBefore: string,
  textAfter: string,
  style: DraftStyle,
  swallowed = '',
): string[] {
  const { placement, context } = situation;
  const replaced = placement.before + situation.match + placement.after;
  // Steady's own words take the draft's voice, degree, facts, register and apostrophes; the agent's stay as typed.
  const fitOwn = (words: string) => {
    const out = keepDegree(words.replace(/\{(?:I|I'm|my|me)\}/g, (token) => VOICE[token][situation.we ? 1 : 0]), replaced);
    const fitted = fitRegister(fillFacts(out, context?.facts), style.contractions());
    return style.curlyApostrophes() ? withCurlyApostrophes(fitted) : fitted;
  };
  const out: string[] = [];
  for (const r of rewrites) {
    if (!holds(r.if, situation) || repeatsSentence(r.text, textBefore, situation.nearby ?? textAfter, textAfter) || breaksParallel(r.text, situation.match, textAfter)) continue;
    if (r.text === '{remove}') {
      if (!swallowed) continue;
      const next = swallowed.slice(-1);
      const removed = placement.atSentenceStart ? next.toUpperCase() : next;
      if (!out.includes(removed)) out.push(removed);
      continue;
    }
    let match = situation.match;
    if (r.edit) {
      // The edit reads the whole replaced span, so a clause rewrite can keep or reshape the agent's words after the match.
      const edited = applyEdit(replaced, r.edit, fitOwn);
      if (edited === null) continue;
      match = edited.trim();
    }
    // The agent's words inside a rewrite ("let me check whether {match}") lose a sentence-start capital.
    const inner = r.text.startsWith('{match}') ? match : match.replace(LEADING_FUNCTION_WORD, (w) => w.toLowerCase());
    const agentWords: Record<string, string> = { '{match}': inner, '{after}': placement.after, '{before}': placement.before };
    const pieces = r.text.split(AGENT_WORDS);
    let text = pieces.map((piece, k) => (k % 2 ? agentWords[piece] : withoutEchoedWord(fitOwn(piece), agentWords[pieces[k + 1]] ?? ''))).join('').trim();
    text = text.replace(/\s{2,}/g, ' ');
    // A name the agent capitalised mid-sentence keeps its capital ("I can guarantee Luna won't pull…" → "…, Luna won't pull…").
    const ownName = r.text.startsWith('{match}') && /^\p{Lu}\p{Ll}/u.test(inner) && replaced.indexOf(inner.split(/\s/)[0]) > 0;
    if (!ownName || placement.atSentenceStart) text = fitCase(text, placement.atSentenceStart);
    const fronted = slot === 'marker' && (placement.atSentenceStart || /,\s*$/.test(textBefore));
    text = fitJoins(text, textBefore, textAfter, fronted && !/^,/.test(swallowed)) + swallowed;
    if (text && !out.includes(text)) out.push(text);
    if (out.length === 3) break;
  }
  return out;
}

/** An article just before a replaced span, which must agree with the rewrite: "an " in "caused by an ". */
export const ARTICLE_BEFORE = /(?<=^|[\s(“"])(an?)\s+$/iu;

const DETERMINER = /^(?:\[|(?:a|an|the|this|that|these|those|your|our|my|their|his|her|its|some|any|no|each|every)\b)/iu;
const VOWEL_SOUND = /^(?:[aeio]|u(?!ni|s[eu]|ti|r[aeiou])|hour|honest|hono)/iu;

// What can follow a noun phrase the replaced span ends ("an equipment change." / "… change to a smaller jet").
const PHRASE_ENDS = /^(?:\s*[^\s\p{L}\p{N}]|\s*$|\s+(?:to|on|at|in|for|of|with|from|by|and|but|or|that|which|who|so|because|as|is|was|are|were|has|had|have|will|would|could|may|might|can|today|yesterday|now)\b)/iu;

/**
 * A rewrite after an article of the draft: the article fitted to it ("a" or "an"), or dropped before a
 * placeholder or determiner that ends the noun phrase ("caused by [the same in plain words].").
 */
export function withArticle(article: string, rewrite: string, textAfter: string): string {
  if (!rewrite) return rewrite;
  if (DETERMINER.test(rewrite)) {
    if (!PHRASE_ENDS.test(textAfter) && rewrite.startsWith('[')) return `${article} ${rewrite}`;
    return /^\p{Lu}/u.test(article) ? rewrite[0].toUpperCase() + rewrite.slice(1) : rewrite;
  }
  const fitted = VOWEL_SOUND.test(rewrite) ? 'an' : 'a';
  return `${/^\p{Lu}/u.test(article) ? fitted[0].toUpperCase() + fitted.slice(1) : fitted} ${rewrite}`;
}

/** The span a finding's rewrites replace: its `replace` span when wider than the underline. */
export function rewriteSpan(f: { start: number; end: number; replace?: { start: number; end: number } }): { start: number; end: number } {
  return f.replace ?? { start: f.start, end: f.end };
}

/** A draft with one of a finding's rewrites applied, as the card applies it. */
export function applyFindingRewrite(text: string, f: { start: number; end: number; replace?: { start: number; end: number }; rewrites: readonly string[] }, index = 0): string {
  const { start, end } = rewriteSpan(f);
  return applyRewrite(text, start, end, f.rewrites[index]);
}

/**
 * A rewrite as a list shows it on its own, out of its sentence. A rewrite that ends its sentence
 * before the agent's next clause carries that clause's first letter, capitalised (". T" for
 * ", that is our policy"), and a removal is only what it keeps of `replaced` (the text it replaces):
 * neither reads alone.
 */
export function rewriteLabel(rewrite: string, replaced = ''): string {
  // Not the comma a rewrite gives the name after it ("…the trouble, [Ian]"): the label is the words.
  const label = rewrite.replace(/([.!?])\s+\S$/u, '$1').replace(/,$/, '');
  return /[\p{L}\p{N}]/u.test(label) && !keepsOnlyEdge(rewrite, replaced) ? label : 'Remove it';
}

/** A removal keeps only words at an edge of what it replaces: the word before a dropped sentence or phrase, the letter after a marker. */
function keepsOnlyEdge(rewrite: string, replaced: string): boolean {
  const kept = rewrite.trim().toLowerCase();
  const was = replaced.trim().toLowerCase();
  return kept.length < was.length && (was.startsWith(kept) || was.endsWith(kept));
}

export interface RewritePreview {
  /** The sentence up to the replaced span, the rewrite, and the rest of the sentence. */
  before: string;
  changed: string;
  after: string;
  /** Placeholders the agent must fill in this rewrite. */
  placeholders: string[];
}

/** The whole sentence after a finding's rewrite, with the change marked (the card's preview). */
export function previewRewrite(text: string, f: { start: number; end: number; replace?: { start: number; end: number }; rewrites: readonly string[] }, index: number): RewritePreview {
  const { start, end } = rewriteSpan(f);
  // Just after the last line break or sentence end before the span; the text's start when there is none.
  const sentenceStart = Math.max(0, ...['\n', '. ', '! ', '? '].map((p) => {
    const at = text.lastIndexOf(p, start - 1);
    return at < 0 ? 0 : at + p.length;
  }));
  const rest = text.slice(end).search(/[.!?](?=\s|$)|\n/);
  const sentenceEnd = rest < 0 ? text.length : end + rest + 1;
  const changed = f.rewrites[index];
  return {
    before: text.slice(sentenceStart, start).trimStart(),
    changed,
    after: text.slice(end, sentenceEnd).trimEnd(),
    placeholders: placeholdersIn(changed).map((p) => p.text),
  };
}
