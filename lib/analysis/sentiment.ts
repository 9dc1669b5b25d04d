/**
 * Customer sentiment: the `sentiment` package (AFINN) run per sentence with a
 * support-language lexicon, a negation/intensifier window, shouting, repeated
 * punctuation, emoji and cheap sarcasm markers layered on top.
 */
import Sentiment from 'sentiment';
import english from 'sentiment/languages/en/index.js';
import type { Sentiment as SentimentResult, SentimentLabel } from '../ticket';
import { splitSentences } from '../engine/sentences';
import {
  CLAUSE_BREAKS,
  EMOJI_WEIGHTS,
  INTENSIFIERS,
  NEGATORS,
  SARCASM,
  SARCASM_WEIGHT,
  SUPPORT_PHRASES,
  SUPPORT_WORDS,
} from './support-lexicon';

export interface SentimentOptions {
  /** Extra or overriding word weights (AFINN scale), e.g. product names that read as negative. */
  extras?: Readonly<Record<string, number>>;
  /** Scores at or below -threshold are negative, at or above +threshold positive. Default 0.12. */
  threshold?: number;
}

export interface SentimentScorer {
  /** Score one customer message. */
  score(text: string): SentimentResult;
}

/** Raw sentence sums are squashed into [-1, 1]; a sum of -4 (one strong complaint) lands near -0.6. */
const SQUASH = 5;
/** Greetings and sign-offs must not cancel out a complaint in the same message. */
const POSITIVE_WEIGHT_WITH_COMPLAINT = 0.4;
const NEGATION_REACH = 3;
const NEGATED_FACTOR = -0.8;
const CAPS_FACTOR = 1.5;
const EMOJI = /(\p{Extended_Pictographic}(?:\uFE0F)?)/gu;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;
const CAPS_WORD = /\b[A-Z]{3,}\b/g;
const SHOUT_HINT = /[A-Z]{3}/;
const NONE: ReadonlySet<string> = new Set();
const LETTER_WORD = /\b[A-Za-z]{3,}\b/g;

const engine = new Sentiment();
let languageCount = 0;
let defaultLanguage: string | undefined;

/**
 * Register a private language (AFINN + support lexicon + extras) rather than
 * passing `extras` per call: sentiment merges extras into its shared English
 * table, which would silently change every other caller.
 */
function registerLanguage(extras?: Readonly<Record<string, number>>): string {
  const language = `steady-${++languageCount}`;
  const labels: Record<string, number> = { ...english.labels };
  engine.registerLanguage(language, { labels, scoringStrategy: { apply: adjustForContext } });
  // Registration merges sentiment's own emoji table into `labels`; ours wins.
  Object.assign(labels, SUPPORT_WORDS, EMOJI_WEIGHTS, extras);
  return language;
}

export function createSentimentScorer(options: SentimentOptions = {}): SentimentScorer {
  const threshold = options.threshold ?? 0.12;
  const language = options.extras ? registerLanguage(options.extras) : (defaultLanguage ??= registerLanguage());

  function scoreSentence(sentence: string): number {
    const spaced = sentence.replace(EMOJI, ' $1 ');
    const result = engine.analyze(spaced, { language });
    let positive = 0;
    let negative = 0;
    const shouted = shoutedWords(sentence);
    for (const entry of result.calculation) {
      for (const [word, value] of Object.entries(entry)) {
        const weighted = shouted.has(word) ? value * CAPS_FACTOR : value;
        if (weighted > 0) positive += weighted;
        else negative += weighted;
      }
    }
    for (const { pattern, weight } of SUPPORT_PHRASES) {
      const hits = sentence.match(pattern)?.length ?? 0;
      if (weight < 0) negative += weight * hits;
      else positive += weight * hits;
    }
    if (SARCASM.some((marker) => marker.test(sentence))) {
      positive = 0;
      negative += SARCASM_WEIGHT;
    }
    let sum = positive + negative;
    sum += punctuationWeight(sentence, sum);
    if (isShouting(sentence)) sum = sum > 0 ? sum : sum * CAPS_FACTOR - 1;
    return sum;
  }

  return {
    score(text) {
      const sentences = splitSentences(text).map((r) => scoreSentence(text.slice(r.start, r.end)));
      const complaint = sentences.some((s) => s < 0);
      let raw = 0;
      for (const s of sentences) raw += s > 0 && complaint ? s * POSITIVE_WEIGHT_WITH_COMPLAINT : s;
      const score = Math.tanh(raw / SQUASH);
      return { score: round(score), label: labelFor(score, threshold) };
    },
  };
}

/** sentiment calls this per scored token (tokens are lower-cased, punctuation stripped). */
function adjustForContext(tokens: string[], cursor: number, tokenScore: number): number {
  // An emoji is the writer's own feeling: "not happy 😡" negates "happy", not the 😡.
  if (PICTOGRAPH.test(tokens[cursor] ?? '')) return tokenScore;
  let score = tokenScore;
  for (let i = cursor - 1; i >= 0 && i >= cursor - NEGATION_REACH; i--) {
    const token = tokens[i];
    if (CLAUSE_BREAKS.has(token)) break;
    if (i === cursor - 1 && INTENSIFIERS[token] !== undefined) score *= INTENSIFIERS[token];
    if (NEGATORS.has(token)) {
      score *= NEGATED_FACTOR;
      break;
    }
  }
  return score;
}

/** Lower-case forms of ALL-CAPS words (3+ letters), so "NOT WORKING" weighs more. */
function shoutedWords(sentence: string): ReadonlySet<string> {
  if (!SHOUT_HINT.test(sentence)) return NONE;
  const words = sentence.match(CAPS_WORD);
  return new Set(words ? words.map((w) => w.toLowerCase()) : []);
}

/** Most of a sentence in capitals (3+ words) reads as shouting. */
function isShouting(sentence: string): boolean {
  if (!SHOUT_HINT.test(sentence)) return false;
  const words = sentence.match(LETTER_WORD);
  if (!words || words.length < 3) return false;
  const caps = words.filter((w) => w === w.toUpperCase()).length;
  return caps / words.length >= 0.6;
}

/** "!!!" amplifies whatever the sentence says; "??" and "?!" read as exasperation. */
function punctuationWeight(sentence: string, sum: number): number {
  let weight = 0;
  if (/\?{2,}|\?!|!\?/.test(sentence)) weight -= 1.5;
  if (/!{2,}/.test(sentence)) weight += sum < 0 ? sum * 0.3 - 0.5 : sum > 0 ? sum * 0.3 : -0.5;
  return weight;
}

function labelFor(score: number, threshold: number): SentimentLabel {
  if (score <= -threshold) return 'negative';
  if (score >= threshold) return 'positive';
  return 'neutral';
}

const round = (n: number) => Math.round(n * 1000) / 1000;
