/**
 * Facts for the decision map from customer messages: order / ticket / invoice
 * numbers and amounts (regular expressions), dates and deadlines (compromise).
 * compromise costs ~250 ms to load, so it is imported on first use and never
 * sits in the per-keystroke path; callers cache results per message.
 */
import type { ExtractedFact } from '../ticket';
import type { MessageText } from './triggers';
import { splitSentences } from '../engine/sentences';

type Nlp = typeof import('compromise').default;

let loading: Promise<Nlp> | null = null;

/** Load compromise once (dynamic import); later calls share the same promise. */
export function loadDateParser(): Promise<Nlp> {
  loading ??= import('compromise').then((m) => m.default);
  return loading;
}

// Every repeat is bounded ({0,40}): an unbounded run retried at each digit of "1.1.1…" is quadratic.
const ID = String.raw`#?\s?([A-Z]{0,4}-?\d[\w-]{0,40}\d)`;
const LABELLED_IDS: readonly { kind: ExtractedFact['kind']; pattern: RegExp }[] = [
  { kind: 'invoice-number', pattern: /\b(INV[-\s]?\d[\w-]{0,40}\d)\b/gi },
  { kind: 'invoice-number', pattern: new RegExp(String.raw`\binvoice(?:\s+(?:number|no\.?|num|id))?\s*[:#]?\s*${ID}`, 'gi') },
  { kind: 'order-number', pattern: new RegExp(String.raw`\border(?:\s+(?:number|no\.?|num|id|ref(?:erence)?))?\s*[:#]?\s*${ID}`, 'gi') },
  { kind: 'ticket-number', pattern: new RegExp(String.raw`\b(?:ticket|case|request)(?:\s+(?:number|no\.?|num|id))?\s*[:#]?\s*${ID}`, 'gi') },
];

const AMOUNT = new RegExp(
  [
    String.raw`(?:R\$|US\$|[$€£¥₹])\s?\d[\d,.]{0,30}\d|(?:R\$|US\$|[$€£¥₹])\s?\d`,
    String.raw`\b(?:USD|EUR|GBP|BRL|CHF)\s?\d[\d,.]{0,30}`,
    String.raw`\b\d[\d,.]{0,30}\s?(?:dollars?|euros?|pounds?|bucks|reais|usd|eur|gbp|chf)\b`,
  ].join('|'),
  'gi',
);

const DATE_MATCH = '(by|before|until|till|within|in|on|since|from|after)? (next|this|last|the|a)? #Value? #Date+ (ago)?';
const DEADLINE_START = /^(?:by|before|until|till|within|no later than)\b/i;
/** A bare unit ("3 weeks", "the month") is a duration, not a date, unless anchored. */
const BARE_UNIT = /^(?:(?:the|a|\d+|\w+)\s+)?(?:days?|weeks?|months?|years?|hours?|minutes?)$/i;
const NOT_A_DATE = /['’]s$|^\d+-(?:day|week|month|year)$/i;
const NUMERIC_DATE = /\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b/g;

/** Facts mentioned in one message. `nlp` comes from loadDateParser(). */
export function extractFacts(message: MessageText, nlp: Nlp): ExtractedFact[] {
  const facts: ExtractedFact[] = [];
  const seen = new Set<string>();
  const add = (kind: ExtractedFact['kind'], text: string) => {
    const key = `${kind}:${text.toLowerCase()}`;
    if (seen.has(key)) return;
    seen.add(key);
    facts.push({ kind, text, messageId: message.id });
  };
  const claimed: string[] = [];
  for (const { kind, pattern } of LABELLED_IDS) {
    for (const m of message.text.matchAll(pattern)) {
      const id = m[1].replace(/\s/g, '');
      if (claimed.includes(id)) continue;
      claimed.push(id);
      add(kind, id);
    }
  }
  for (const m of message.text.matchAll(AMOUNT)) add('amount', m[0].replace(/[.,]$/, ''));
  for (const phrase of datePhrases(message.text, nlp)) add(DEADLINE_START.test(phrase) ? 'deadline' : 'date', phrase);
  return facts;
}

/** Cheap gate: compromise only parses sentences that could hold a date. */
const DATE_HINT =
  /\b(?:mon|tues|wednes|thurs|fri|satur|sun)day|\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b|\d(?:st|nd|rd|th)\b|\b(?:today|tonight|tomorrow|yesterday|weekend|week|weeks|month|months|year|years|days?|hours?|morning|afternoon|evening|noon|midnight|ago)\b/i;

/** compromise takes ~50 µs a word: dates are looked for in the first 5,000 characters of dated sentences only. */
const MAX_DATE_TEXT = 5_000;

function datePhrases(text: string, nlp: Nlp): string[] {
  const out: string[] = [];
  const dated: string[] = [];
  let datedChars = 0;
  for (const r of splitSentences(text)) {
    const sentence = text.slice(r.start, r.end);
    if (!DATE_HINT.test(sentence)) continue;
    datedChars += sentence.length;
    if (datedChars > MAX_DATE_TEXT) break;
    dated.push(sentence);
  }
  const found = dated.length ? (nlp(dated.join('\n')).match(DATE_MATCH).out('array') as string[]) : [];
  for (const m of found) {
    // "fix this today" is read as "this today"; "60-day terms" and "next year's price" describe something else.
    const phrase = m.replace(/[\s.,;:!?)]+$/, '').replace(/^this (?=(?:today|tonight|tomorrow)\b)/i, '');
    if (NOT_A_DATE.test(phrase)) continue;
    if (!BARE_UNIT.test(phrase) || /^(?:within|in|by|before|next|this|last)\b|\bago$/i.test(phrase)) out.push(phrase);
  }
  for (const m of text.matchAll(NUMERIC_DATE)) if (!out.some((p) => p.includes(m[0]))) out.push(m[0]);
  return out;
}
