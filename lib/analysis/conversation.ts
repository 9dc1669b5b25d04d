/**
 * Whole-conversation analysis with per-message caching: customer messages get
 * a sentiment and trigger hits, the conversation a trajectory, and (on
 * request, asynchronously) the facts for the decision map. When a call's
 * messages extend the previous call's, only the new ones are processed.
 */
import { MAX_MESSAGE_CHARS, type AnalysedMessage, type ConversationMessage, type ExtractedFact, type Sentiment, type Trajectory, type TriggerHit } from '../ticket';
import { createSentimentScorer, type SentimentOptions } from './sentiment';
import { computeTrajectory } from './trajectory';
import { findPhraseTriggers, questionsOf, repeatedQuestionHits, type Question } from './triggers';
import type { CompiledTrigger } from './trigger-rules';
import { extractFacts, loadDateParser } from './extract';

export interface ConversationReading {
  messages: AnalysedMessage[];
  trajectory: Trajectory;
  triggers: TriggerHit[];
}

export interface ConversationAnalysis extends ConversationReading {
  facts: ExtractedFact[];
}

export interface ConversationAnalyzerOptions {
  /** Compiled rules/triggers.yaml (parseTriggerFile / compileTriggers). */
  triggers: readonly CompiledTrigger[];
  sentiment?: SentimentOptions;
}

export interface ConversationAnalyzer {
  /** Sentiment, triggers and trajectory. Synchronous and cheap enough to run on every change. */
  read(messages: readonly ConversationMessage[]): ConversationReading;
  /** read() plus facts (loads compromise on first use). */
  analyse(messages: readonly ConversationMessage[]): Promise<ConversationAnalysis>;
}

/** What one customer message contributes on its own; cached by id and text. */
interface MessageReading {
  sentiment: Sentiment;
  hits: TriggerHit[];
  questions: Question[];
}

/** Running state after a sequence of messages, so a longer sequence can continue from it. */
interface ReadingState {
  keys: string[];
  messages: AnalysedMessage[];
  triggers: TriggerHit[];
  points: { messageId: string; score: number }[];
  questions: Question[];
}

const EMPTY_STATE: ReadingState = { keys: [], messages: [], triggers: [], points: [], questions: [] };
const keyOf = (m: ConversationMessage) => `${m.role}\u0000${m.id}\u0000${m.text}`;

export function createConversationAnalyzer(options: ConversationAnalyzerOptions): ConversationAnalyzer {
  const scorer = createSentimentScorer(options.sentiment);
  const repeatTrigger = options.triggers.find((t) => t.repeatedQuestion) ?? null;
  const readings = new Map<string, MessageReading>();
  const facts = new Map<string, ExtractedFact[]>();
  let last: ReadingState = EMPTY_STATE;

  function readMessage(m: ConversationMessage, key: string): MessageReading {
    let reading = readings.get(key);
    if (!reading) {
      const part = analysedPart(m);
      reading = { sentiment: scorer.score(part.text), hits: findPhraseTriggers(options.triggers, part), questions: questionsOf(part.text) };
      readings.set(key, reading);
    }
    return reading;
  }

  function read(messages: readonly ConversationMessage[]): ConversationReading {
    const keys = messages.map(keyOf);
    const reuse = extendsPrevious(last.keys, keys);
    const state: ReadingState = reuse
      ? { keys, messages: [...last.messages], triggers: [...last.triggers], points: [...last.points], questions: [...last.questions] }
      : { keys, messages: [], triggers: [], points: [], questions: [] };
    for (let i = reuse ? last.keys.length : 0; i < messages.length; i++) {
      const m = messages[i];
      if (m.role !== 'customer') {
        state.messages.push({ ...m });
        continue;
      }
      const reading = readMessage(m, keys[i]);
      state.messages.push({ ...m, sentiment: reading.sentiment });
      state.points.push({ messageId: m.id, score: reading.sentiment.score });
      state.triggers.push(...reading.hits);
      if (repeatTrigger) state.triggers.push(...repeatedQuestionHits(repeatTrigger, m, reading.questions, state.questions));
      state.questions.push(...reading.questions);
    }
    last = state;
    if (!reuse) forgetOthers(readings, keys);
    return { messages: state.messages, trajectory: computeTrajectory(state.points), triggers: onceEach(state.triggers) };
  }

  return {
    read,
    async analyse(messages) {
      const reading = read(messages);
      const nlp = await loadDateParser();
      const found: ExtractedFact[] = [];
      for (const m of messages) {
        if (m.role !== 'customer') continue;
        const key = keyOf(m);
        let list = facts.get(key);
        if (!list) facts.set(key, (list = extractFacts(analysedPart(m), nlp)));
        found.push(...list);
      }
      forgetOthers(facts, messages.map(keyOf));
      return { ...reading, facts: found };
    },
  };
}

/** One-shot analysis of a whole conversation. */
export function analyseConversation(messages: readonly ConversationMessage[], triggers: readonly CompiledTrigger[]): Promise<ConversationAnalysis> {
  return createConversationAnalyzer({ triggers }).analyse(messages);
}

/**
 * The part of a message that is analysed: adapters already cap what they read (lib/helpdesks/caps.ts);
 * this keeps the service worker bounded whatever a page sends. Offsets into the part are offsets into the message.
 */
function analysedPart(m: ConversationMessage): ConversationMessage {
  return m.text.length > MAX_MESSAGE_CHARS ? { ...m, text: m.text.slice(0, MAX_MESSAGE_CHARS) } : m;
}

/**
 * The same trigger with the same words (a title repeated in the first message) is listed once, at its
 * first place. A question asked again stays: asking again is the signal.
 */
function onceEach(hits: readonly TriggerHit[]): TriggerHit[] {
  const seen = new Set<string>();
  return hits.filter((h) => {
    if (h.evidence.trimEnd().endsWith('?')) return true;
    const key = `${h.trigger}\u0000${h.evidence.toLowerCase().replace(/\s+/g, ' ').trim()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function extendsPrevious(previous: readonly string[], current: readonly string[]): boolean {
  if (previous.length === 0 || previous.length > current.length) return false;
  for (let i = 0; i < previous.length; i++) if (previous[i] !== current[i]) return false;
  return true;
}

/** Drop cache entries for messages no longer in the conversation (edited or removed). */
function forgetOthers<T>(cache: Map<string, T>, keys: readonly string[]): void {
  if (cache.size <= keys.length) return;
  const keep = new Set(keys);
  for (const key of cache.keys()) if (!keep.has(key)) cache.delete(key);
}
