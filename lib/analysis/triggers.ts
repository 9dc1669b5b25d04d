/**
 * Trigger detection in one customer message (phrase hits), and the one
 * cross-message trigger: asking essentially the same question again.
 */
import type { TriggerHit } from '../ticket';
import { splitSentences } from '../engine/sentences';
import type { CompiledTrigger } from './trigger-rules';

export interface MessageText {
  id: string;
  text: string;
}

/** Phrase hits of every trigger in one message, in text order. */
export function findPhraseTriggers(triggers: readonly CompiledTrigger[], message: MessageText): TriggerHit[] {
  const hits: TriggerHit[] = [];
  for (const trigger of triggers) {
    let excluded: { start: number; end: number }[] | undefined; // only looked for once a phrase hits
    for (const m of message.text.matchAll(trigger.pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (end === start) continue;
      excluded ??= trigger.except ? spans(trigger.except, message.text) : [];
      if (excluded.some((x) => x.start < end && start < x.end)) continue;
      hits.push({ trigger: trigger.id, messageId: message.id, start, end, evidence: m[0], script: trigger.script });
    }
  }
  return hits.sort((a, b) => a.start - b.start || a.end - b.end);
}

function spans(pattern: RegExp, text: string): { start: number; end: number }[] {
  return [...text.matchAll(pattern)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/** A question sentence with its content words, for the repeated-question check. */
export interface Question {
  start: number;
  end: number;
  words: ReadonlySet<string>;
}

const STOPWORDS = new Set(
  ('a an the and or but so if then than of to in on at for from by with about as is are was were be been am do does did ' +
    'i me my you your we our it its this that these those there here what how why when where which who can could would ' +
    'should will shall may might must have has had not no yes just please still again any some all hi hello thanks thank')
    .split(' '),
);

/** Question sentences of a message (ending in "?"), with their content words. */
export function questionsOf(text: string): Question[] {
  const out: Question[] = [];
  if (!text.includes('?')) return out;
  for (const { start, end } of splitSentences(text)) {
    const sentence = text.slice(start, end);
    if (!sentence.includes('?')) continue;
    const words = new Set<string>();
    for (const w of sentence.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? []) {
      if (!STOPWORDS.has(w)) words.add(w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w);
    }
    out.push({ start, end, words });
  }
  return out;
}

/** Share of content words in common, relative to the longer question. */
export function questionOverlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  return common / Math.max(a.size, b.size, 1);
}

/**
 * Hits for questions in `message` that repeat one of `earlier` (questions
 * from previous customer messages), using the trigger's repeatedQuestion rule.
 */
export function repeatedQuestionHits(
  trigger: CompiledTrigger,
  message: MessageText,
  questions: readonly Question[],
  earlier: readonly Question[],
): TriggerHit[] {
  const rule = trigger.repeatedQuestion;
  if (!rule) return [];
  const hits: TriggerHit[] = [];
  for (const q of questions) {
    if (q.words.size < rule.minWords) continue;
    if (!earlier.some((e) => e.words.size >= rule.minWords && questionOverlap(q.words, e.words) >= rule.overlap)) continue;
    hits.push({
      trigger: trigger.id,
      messageId: message.id,
      start: q.start,
      end: q.end,
      evidence: message.text.slice(q.start, q.end),
      script: trigger.script,
    });
  }
  return hits;
}
