/**
 * What the decision map can be pre-filled with, read from the conversation:
 * the customer's concern in their own words, known facts (numbers, dates,
 * amounts, tracking state, earlier promises and whether they were kept, how
 * often the customer has asked), the customer's claims still to verify, and
 * the agents' promises. Built on what the analysis already found (triggers,
 * facts, the review's promises) so each signal is detected once.
 * Every item is a suggestion: the panel shows it until the agent accepts,
 * edits or dismisses it, and never writes over what the agent typed.
 */
import type { ConversationMessage, ExtractedFact, TriggerHit, TriggerId } from '../ticket';
import type { DecisionMap } from '../store/db';
import type { TicketPromise } from '../review/review';
import { splitSentences } from '../engine/sentences';

export type SuggestedField = 'concern' | 'knownFacts' | 'factsToVerify' | 'promises';

export interface MapSuggestion {
  /** Stable per ticket (field and text): what a dismissal remembers. */
  id: string;
  field: SuggestedField;
  text: string;
}

export interface PrefillInput {
  messages: readonly Pick<ConversationMessage, 'id' | 'role' | 'author' | 'text'>[];
  triggers: readonly TriggerHit[];
  facts: readonly ExtractedFact[];
  /** Promises of the agents' replies (and the draft), in order, with whether the customer says they were kept (ticketPromises). */
  promises: readonly TicketPromise[];
  /** The likely concern behind a trigger (rules/triggers.yaml `concern`). */
  concernOf(trigger: TriggerId): string | undefined;
}

const FACT_LABELS: Record<ExtractedFact['kind'], string> = {
  'order-number': 'Order',
  'ticket-number': 'Ticket',
  'invoice-number': 'Invoice',
  amount: 'Amount',
  date: 'Date mentioned',
  deadline: 'Deadline',
};

/** The trigger whose concern says most about this ticket comes first; thanks and relief say nothing about a concern. */
const CONCERN_ORDER: readonly TriggerId[] = ['broken-promise', 'refund', 'billing', 'churn', 'repetition', 'transfer-hold', 'delay', 'policy', 'confusion', 'abuse'];

/** A sentence that asks for something: "I want…", "Can someone tell me…", "Please…", "Where is…?". */
const REQUEST =
  /\b(?:i|we)(?: really| just)? (?:want|need|demand|expect|would like|['’]d like)\b|(?:^|[,;]\s*)(?:can|could|would|will) (?:you|someone|somebody|anyone|u)\b|\bplease\b|^(?:where|when|why|how) (?:is|are|was|will|do|does|did|can|long)\b[^?]*\?/i;

/** What the customer says the tracking shows. */
const TRACKING =
  /\b(?:(?:the|your|my|our) )?tracking\b[^.!?\n]{0,40}?\b(?:has ?n['’]?t|has not|have ?n['’]?t|have not|not|no|never|stopped|still|stuck)\b[^.!?\n]{0,60}|\bno (?:update|movement|change|scan)s? (?:on|in) (?:the |my |your )?tracking\b[^.!?\n]{0,30}/i;

/** Claims the agent can check: something not received, damaged or wrong, a charge, what a page or email said. */
const CLAIM = new RegExp(
  [
    String.raw`\b(?:never|not|has ?n['’]?t|have ?n['’]?t|did ?n['’]?t|did not|has not|have not)(?: yet| even)? (?:been )?(?:arrived?|received?|delivered|shipped|got(?:ten)?|showed up|turned up)\b`,
    String.raw`\b(?:arrived|came|was|were|is|are)(?: \w+){0,2} (?:damaged|broken|cracked|missing|wrong|faulty|defective|empty)\b`,
    String.raw`\b(?:charged|billed|debited)(?: me)? (?:twice|double|two times|again|wrongly|incorrectly|the wrong|too much|more than)\b`,
    String.raw`\b(?:two|2|double|duplicate|extra|unexpected) (?:charges|payments|debits|transactions)\b`,
    String.raw`\b(?:page|site|website|email|confirmation|checkout|receipt|invoice|statement|app|listing|guide|instructions|documentation|docs)\b[^.!?\n]{0,30}\b(?:said|says|shows?|showed|stated|states|promised)\b`,
    String.raw`\b(?:i|we) (?:already |have already |had already )?(?:paid|returned|sent (?:it|them) back|cancell?ed)\b`,
  ].join('|'),
  'i',
);

/** How the customer counts their contacts: "the THIRD time I'm asking", "my 3rd email" (not "the second time this happened"). */
const ORDINALS: Record<string, number> = { second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, fifth: 5, '5th': 5, sixth: 6, '6th': 6 };
const COUNT =
  /\b(second|third|fourth|fifth|sixth|2nd|3rd|4th|5th|6th) (?:time (?:that )?(?:i|we)(?:['’]?(?:m|ve|re)| am| have| are)? (?:\w+ )?(?:ask|writ|contact|call|email|messag|chas|reach|rais|report|complain|tweet|explain)\w*|email|message|request|call(?:back)?|attempt|ticket|chat|complaint)\b/i;

/** A time the customer has been waiting, as they put it ("It's been two weeks"). */
const WAITED = /\b(?:\d+|a|two|three|four|five|six|several|many) (?:days?|weeks?|months?)\b/i;

const GREETING = /^(?:(?:hi|hello|hey|dear)\b[^,.!?\n]{0,30}[,.!]\s*)+/i;
const MAX_QUOTE = 140;

export function prefillMap(input: PrefillInput): MapSuggestion[] {
  const out: MapSuggestion[] = [];
  const add = (field: SuggestedField, text: string) => {
    const clean = text.replace(/\s+/g, ' ').trim().replace(/^[-•*]\s+/, '');
    if (clean && !out.some((s) => s.field === field && s.text.toLowerCase() === clean.toLowerCase())) out.push({ id: `${field}:${clean}`, field, text: clean });
  };
  const customer = input.messages.filter((m) => m.role === 'customer');
  const sentences = customer.flatMap((m) => customerSentences(m.text));

  // Concern: the customer's own requests, then the likeliest concern behind what they said.
  const requests = sentences.filter((s) => REQUEST.test(s));
  if (requests.length) add('concern', `In their words: ${requests.slice(-2).map(quote).join(' ')}`);
  const strongest = CONCERN_ORDER.find((t) => input.triggers.some((h) => h.trigger === t));
  const concern = strongest && input.concernOf(strongest);
  if (concern) add('concern', concern);

  // Known facts.
  for (const f of input.facts) add('knownFacts', `${FACT_LABELS[f.kind]}: ${f.text}`);
  const tracking = sentences.map((s) => TRACKING.exec(s)?.[0]).filter((t): t is string => !!t);
  if (tracking.length) add('knownFacts', `Tracking, as the customer reports it: ${quote(tracking[tracking.length - 1])}`);
  // A wait the customer counts against a promise ("four days, not 48 hours") is told with that promise below.
  const complaints = input.triggers.filter((h) => h.trigger === 'broken-promise');
  const waited = input.triggers.filter((h) => h.trigger === 'delay' && WAITED.test(h.evidence) && !complaints.some((c) => c.messageId === h.messageId && c.start < h.end && h.start < c.end));
  if (waited.length) add('knownFacts', `Waiting: ${quote(waited[waited.length - 1].evidence)}`);
  for (const p of input.promises) {
    if (!p.author) continue;
    add('knownFacts', p.brokenEvidence ? `Earlier promise not kept: ${p.author} wrote ${quote(p.text)}; the customer: ${quote(p.brokenEvidence)}` : `Earlier promise: ${p.author} wrote ${quote(p.text)}`);
  }
  const contacts = contactCount(input);
  if (contacts) add('knownFacts', contacts);

  // Facts to verify: claims the agent has not checked yet (tracking is already a known fact).
  for (const s of sentences) if (CLAIM.test(s) && !TRACKING.test(s) && !s.endsWith('?')) add('factsToVerify', `The customer says ${quote(s)}`);

  // Promises: what agents have already committed to, in their words.
  for (const p of input.promises) add('promises', p.text);
  return out;
}

/** "Customer has asked 3 times": their own count ("third time"), else their messages when there are several. */
function contactCount(input: PrefillInput): string | undefined {
  const counted = input.triggers
    .filter((h) => h.trigger === 'repetition')
    .map((h) => sentenceAround(input.messages, h))
    .map((sentence) => ({ sentence, n: ORDINALS[COUNT.exec(sentence)?.[1].toLowerCase() ?? ''] ?? 0 }))
    .filter((c) => c.n > 0);
  const written = input.messages.filter((m) => m.role === 'customer').length;
  const said = counted[counted.length - 1];
  if (said && said.n >= written) return `Customer has asked ${said.n} times (${quote(said.sentence)})`;
  return written >= 3 ? `Customer has written ${written} times in this conversation` : undefined;
}

/** The sentence of its message a trigger hit sits in. */
function sentenceAround(messages: PrefillInput['messages'], hit: TriggerHit): string {
  const text = messages.find((m) => m.id === hit.messageId)?.text ?? '';
  const sentence = splitSentences(text).find((r) => r.start <= hit.start && hit.end <= r.end);
  return sentence ? text.slice(sentence.start, sentence.end) : hit.evidence;
}

/** The customer's sentences, greetings and signatures left out. */
function customerSentences(text: string): string[] {
  return splitSentences(text)
    .map((r) => text.slice(r.start, r.end).replace(GREETING, '').trim())
    .filter((s) => s.length > 3 && !/^(?:--|sent from\b|thanks?\b|regards\b|best\b|cheers\b)/i.test(s));
}

const trimEnd = (s: string) => s.replace(/[\s,;:.!]+$/, '');

function quote(text: string): string {
  const flat = trimEnd(text.replace(/\s+/g, ' ').trim());
  const body = flat.length > MAX_QUOTE ? `${flat.slice(0, MAX_QUOTE - 1).replace(/\s+\S*$/, '')}…` : flat;
  return `“${body}”`;
}

/** Suggestions still to show on this map: not dismissed, not already there, and no concern suggested over one the agent wrote. */
export function openSuggestions(map: Pick<DecisionMap, SuggestedField | 'dismissedSuggestions'>, suggestions: readonly MapSuggestion[]): MapSuggestion[] {
  const dismissed = new Set(map.dismissedSuggestions ?? []);
  return suggestions.filter((s) => {
    if (dismissed.has(s.id)) return false;
    if (s.field === 'concern') return !map.concern.trim();
    return !map[s.field].includes(s.text);
  });
}

/** The map with a suggestion accepted as the agent's own entry (or their edited version of it); a concern the agent wrote stays. */
export function acceptSuggestion<M extends Pick<DecisionMap, SuggestedField | 'dismissedSuggestions'>>(map: M, suggestion: MapSuggestion, text = suggestion.text): M {
  const value = text.trim();
  if (!value) return map;
  // An edited suggestion is settled: its original wording is not offered again.
  const settled = value === suggestion.text ? map : dismissSuggestion(map, suggestion);
  if (suggestion.field === 'concern') return settled.concern.trim() ? settled : { ...settled, concern: value };
  const list = settled[suggestion.field];
  return list.includes(value) ? settled : { ...settled, [suggestion.field]: [...list, value] };
}

export function dismissSuggestion<M extends Pick<DecisionMap, 'dismissedSuggestions'>>(map: M, suggestion: MapSuggestion): M {
  const dismissed = map.dismissedSuggestions ?? [];
  return dismissed.includes(suggestion.id) ? map : { ...map, dismissedSuggestions: [...dismissed, suggestion.id] };
}
