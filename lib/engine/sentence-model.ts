/**
 * A sentence classifier for weak phrasing no rule has a pattern for: multinomial logistic regression
 * over a sentence's word 1-, 2- and 3-grams, trained by scripts/train-sentence-model.ts on the
 * hand-labelled replies in tests/eval/handmade, with real and polite replies as negatives. The linter
 * asks it only about sentences no rule matched, so it widens what is caught without touching what the
 * rules find; its findings carry advice and no rewrite.
 */
import { PackError } from './pack';
import { PHRASE_CATEGORIES } from './types';
import type { Token } from './tokenize';
import { vocabularySize } from './vocabulary';

/** rules/sentence-model.yaml as written by the trainer. */
export interface SentenceModelData {
  /** The phrase categories, then "none". */
  classes: string[];
  /** A sentence is flagged when its likeliest category has at least this probability. */
  threshold: number;
  /** Weights are stored as signed bytes: weight = byte × scale. */
  scale: number;
  /** Per class, in units of `scale`. */
  bias: number[];
  /** The words of the n-grams, "|"-separated; they are numbered from 1 in this order. */
  words: string;
  /**
   * Base64 of the n-grams: per feature three little-endian 16-bit word numbers (0 after the last
   * word of a shorter n-gram). Numbers, so a new tab builds its lookup table without splitting strings.
   */
  grams: string;
  /** Base64 of the signed weight bytes: feature f's are bytes f × classes … (f + 1) × classes. */
  weights: string;
}

export const MODEL_FILE = 'sentence-model.yaml';
export const ADVICE_FILE = 'sentence-advice.yaml';
/** The rule id of the model's findings (disable it like any rule). */
export const MODEL_RULE_ID = 'sentence-model';
export const NO_CATEGORY = 'none';
/** Marks the start of a sentence, so its opening words are features of their own ("^ needless to"). */
const START = '^';

/** A sentence's words as the model reads them: lower-case forms, digits as 0, no punctuation. */
export function modelWords(tokens: readonly Token[]): string[] {
  const words = [START];
  for (const token of tokens) if (!token.punct) words.push(modelWord(token.forms[0]));
  return words;
}

const DIGITS = /[0-9]+/g;

function modelWord(form: string): string {
  // Read by character codes: a regular expression test per word was a tenth of scoring a sentence.
  for (let k = 0; k < form.length; k++) {
    const c = form.charCodeAt(k);
    if (c >= 48 && c <= 57) return form.replace(DIGITS, '0');
  }
  return form;
}

/** Every 1-, 2- and 3-gram of `words`, each once (the training side of SentenceModel.classify). */
export function ngrams(words: readonly string[]): string[] {
  const out = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    if (i > 0) out.add(words[i]);
    if (i + 1 < words.length) out.add(`${words[i]} ${words[i + 1]}`);
    if (i + 2 < words.length) out.add(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
  }
  return [...out];
}

export interface SentenceVerdict {
  category: string;
  probability: number;
}

export class SentenceModel {
  readonly classes: readonly string[];
  private readonly threshold: number;
  private readonly scale: number;
  private readonly bias: Int32Array;
  private readonly weights: Int8Array;
  /** Each word of any feature, numbered from 1 (0: a word no feature has). */
  private readonly wordNumbers = new Map<string, number>();
  /** Per word number, the row of its 1-gram + 1 (0: none): read directly, as most words have one. */
  private readonly unigramRows: Int32Array;
  /**
   * The 2- and 3-grams by their words' numbers (c is 0 for a 2-gram), in an open-addressing table of
   * four numbers a slot, a, b, c and row + 1 (0: empty): numbers, not strings, so reading a sentence
   * builds no string, and side by side, so a probe reads one cache line.
   */
  private readonly slots: Int32Array;
  private readonly mask: number;
  /**
   * A bit per hash of each 2- and 3-gram (see gramHash): most word pairs and triples of a sentence are
   * no feature, and the bit turns them away without a probe of the slot table (a cache miss in a lint).
   */
  private readonly gramBits = new Int32Array(GRAM_BITS >> 5);
  private readonly scores: Int32Array;
  private readonly seen: Int32Array;
  private lookup = 0;
  /**
   * Per vocabulary id (see Token.ids), its word's number + 1, or 0 when not looked up yet: a token of a
   * word patterns use is read by its id, where a Map lookup per token was a third of scoring a sentence.
   */
  private numberById = new Int32Array(0);

  constructor(data: SentenceModelData) {
    this.classes = data.classes;
    this.threshold = data.threshold;
    this.scale = data.scale;
    this.bias = Int32Array.from(data.bias);
    const bytes = decodeBase64(data.weights);
    this.weights = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
    const words = data.words ? data.words.split('|') : [];
    for (let i = 0; i < words.length; i++) this.wordNumbers.set(words[i], i + 1);
    const grams = decodeBase64(data.grams);
    const n = grams.length / 6;
    let size = 16;
    while (size < n * 2) size *= 2;
    // Locals, not fields: this runs once per new tab, in code not yet optimised.
    const slots = (this.slots = new Int32Array(4 * size));
    const mask = (this.mask = size - 1);
    const unigramRows = (this.unigramRows = new Int32Array(words.length + 1));
    const gramBits = this.gramBits;
    for (let row = 0, at = 0; row < n; row++, at += 6) {
      const a = grams[at] | (grams[at + 1] << 8);
      const b = grams[at + 2] | (grams[at + 3] << 8);
      const c = grams[at + 4] | (grams[at + 5] << 8);
      if (b === 0) {
        unigramRows[a] = row + 1;
        continue;
      }
      const hash = gramHash(a, b, c);
      gramBits[(hash & (GRAM_BITS - 1)) >> 5] |= 1 << (hash & 31);
      let slot = (hash >>> 17) & mask;
      while (slots[4 * slot + 3] !== 0) slot = (slot + 1) & mask;
      slots[4 * slot] = a;
      slots[4 * slot + 1] = b;
      slots[4 * slot + 2] = c;
      slots[4 * slot + 3] = row + 1;
    }
    this.scores = new Int32Array(data.classes.length);
    this.seen = new Int32Array(n);
  }

  /** The likeliest weak category of a sentence, when the model is confident enough; null otherwise. */
  classify(tokens: readonly Token[]): SentenceVerdict | null {
    this.score(tokens, 0, tokens.length);
    const k = this.classes.length;
    let best = 0;
    for (let c = 1; c < k - 1; c++) if (this.scores[c] > this.scores[best]) best = c;
    const probability = this.probabilityOf(best);
    return probability >= this.threshold ? { category: this.classes[best], probability } : null;
  }

  /** How likely the model finds `category` for the words of tokens [from, to) read on their own (a clause of a sentence). */
  probability(tokens: readonly Token[], from: number, to: number, category: string): number {
    this.score(tokens, from, to);
    return this.probabilityOf(this.classes.indexOf(category));
  }

  /** Sums into `scores` the weights of the n-grams of tokens [from, to); from 0, the sentence start counts as a word. */
  private score(tokens: readonly Token[], from: number, to: number): void {
    const k = this.classes.length;
    const scores = this.scores;
    scores.set(this.bias);
    const mark = ++this.lookup;
    // The words' numbers two and one back.
    let a = 0;
    let b = from === 0 ? (this.wordNumbers.get(START) ?? 0) : 0;
    for (let i = from; i < to; i++) {
      if (tokens[i].punct) continue;
      const c = this.numberOf(tokens[i]);
      if (c !== 0) {
        this.addRow(this.unigramRows[c], mark, scores, k);
        if (b !== 0) {
          this.add(b, c, 0, mark, scores, k);
          if (a !== 0) this.add(a, b, c, mark, scores, k);
        }
      }
      a = b;
      b = c;
    }
  }

  /** The number of a word token's word (0: no feature has it). */
  private numberOf(token: Token): number {
    const id = token.ids[0];
    if (id < 0) return this.wordNumbers.get(modelWord(token.forms[0])) ?? 0;
    if (id >= this.numberById.length) {
      const grown = new Int32Array(Math.max(vocabularySize(), id + 1));
      grown.set(this.numberById);
      this.numberById = grown;
    }
    let number = this.numberById[id];
    if (number === 0) this.numberById[id] = number = (this.wordNumbers.get(modelWord(token.forms[0])) ?? 0) + 1;
    return number - 1;
  }

  /** Softmax of the last scores, for one class. */
  private probabilityOf(index: number): number {
    const scores = this.scores;
    let max = scores[0];
    for (let c = 1; c < scores.length; c++) if (scores[c] > max) max = scores[c];
    let total = 0;
    for (let c = 0; c < scores.length; c++) total += Math.exp((scores[c] - max) * this.scale);
    return Math.exp((scores[index] - max) * this.scale) / total;
  }

  /** Adds the weights of the 2- or 3-gram (a, b, c) (c = 0: a 2-gram), once per sentence. */
  private add(a: number, b: number, c: number, mark: number, scores: Int32Array, k: number): void {
    const hash = gramHash(a, b, c);
    if ((this.gramBits[(hash & (GRAM_BITS - 1)) >> 5] & (1 << (hash & 31))) === 0) return;
    const slots = this.slots;
    for (let slot = (hash >>> 17) & this.mask; ; slot = (slot + 1) & this.mask) {
      const entry = slots[4 * slot + 3];
      if (entry === 0) return;
      if (slots[4 * slot] === a && slots[4 * slot + 1] === b && slots[4 * slot + 2] === c) return this.addRow(entry, mark, scores, k);
    }
  }

  /** Adds the weights of the feature in `row` - 1 (0: none), once per sentence. */
  private addRow(entry: number, mark: number, scores: Int32Array, k: number): void {
    if (entry === 0) return;
    const row = entry - 1;
    if (this.seen[row] === mark) return;
    this.seen[row] = mark;
    for (let j = 0, at = row * k; j < k; j++) scores[j] += this.weights[at + j];
  }
}

/** Bits of SentenceModel.gramBits (a power of two): 8 KB, a few times the 2- and 3-grams a model has. */
const GRAM_BITS = 1 << 16;

/** A hash of the n-gram (a, b, c): its low bits pick its gramBits bit, its top bits the slot it is first looked for in. */
function gramHash(a: number, b: number, c: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77) ^ Math.imul(c + 0x165667b1, 0xc2b2ae3d);
  h ^= h >>> 15;
  return Math.imul(h, 0x2c1b3c6d);
}

/** The model with its advice per category, as the built-in pack carries it. */
export interface SentenceModelPack {
  model: SentenceModelData;
  /** Per category the model reports. */
  advice: Record<string, ReportedCategory>;
}

/** What a finding of a reported category says, and how sure the model must be of it. */
export interface ReportedCategory {
  message: string;
  /** The lowest probability reported: the category's `min-probability`, or 0 (the model's threshold decides). */
  minProbability: number;
}

/** A category's entry in rules/sentence-advice.yaml. */
export interface CategoryAdvice {
  /** Absent unless `reported` is false. */
  message?: string;
  /**
   * False: the model learns the category (its sentences are not "none") but never reports it, where its
   * hits on real replies were mostly wrong. Its flag examples are then sentences it must leave alone too.
   */
  reported?: false;
  /**
   * Above the model's threshold: how sure it must be to report the category, where its less sure hits
   * on real replies were mostly wrong.
   */
  'min-probability'?: number;
  /** Sentences the model must flag with this category, and look-alikes it must leave alone (the test suite runs them). */
  examples: { flag: string[]; pass: string[] };
}

/** Checks rules/sentence-advice.yaml (an entry per phrase category) and returns the message and bar of each category the model reports. */
export function validateAdvice(data: unknown, file = `rules/${ADVICE_FILE}`): Record<string, ReportedCategory> {
  const fail = (field: string, problem: string): never => {
    throw new PackError(file, undefined, field, problem);
  };
  if (!data || typeof data !== 'object') return fail('(file)', 'must map each phrase category to its message and examples');
  const entries = data as Record<string, Partial<CategoryAdvice> | undefined>;
  const unknown = Object.keys(entries).find((c) => !(PHRASE_CATEGORIES as readonly string[]).includes(c));
  if (unknown) fail(unknown, `is not a phrase category (${PHRASE_CATEGORIES.join(', ')})`);
  const reportedCategories: Record<string, ReportedCategory> = {};
  for (const category of PHRASE_CATEGORIES) {
    const entry = entries[category];
    if (!entry || typeof entry !== 'object') return fail(category, 'is missing: each phrase category needs a message and examples');
    if (entry.reported !== undefined && entry.reported !== false) fail(`${category}.reported`, 'must be false (leave it out for a category the model reports)');
    const reported = entry.reported === undefined;
    if (reported && (typeof entry.message !== 'string' || !entry.message.trim())) fail(`${category}.message`, 'must be a message');
    if (!reported && entry.message !== undefined) fail(`${category}.message`, 'is never shown: the category is not reported');
    const minProbability = entry['min-probability'];
    if (minProbability !== undefined) {
      if (!reported) fail(`${category}.min-probability`, 'is never used: the category is not reported');
      if (typeof minProbability !== 'number' || !(minProbability > 0 && minProbability < 1)) fail(`${category}.min-probability`, 'must be a number between 0 and 1');
    }
    for (const kind of ['flag', 'pass'] as const) {
      const list = entry.examples?.[kind];
      if (!Array.isArray(list) || list.length === 0 || list.some((e) => typeof e !== 'string' || !e.trim())) fail(`${category}.examples.${kind}`, 'must list at least one sentence');
    }
    if (reported) reportedCategories[category] = { message: entry.message!, minProbability: minProbability ?? 0 };
  }
  return reportedCategories;
}

/** Checks rules/sentence-model.yaml, naming the field that is wrong. */
export function validateSentenceModel(data: unknown, file = `rules/${MODEL_FILE}`): SentenceModelData {
  const fail = (field: string, problem: string): never => {
    throw new PackError(file, undefined, field, problem);
  };
  if (!data || typeof data !== 'object') return fail('(file)', 'must be a mapping');
  const m = data as Record<string, unknown>;
  const expected = [...PHRASE_CATEGORIES, NO_CATEGORY];
  if (!Array.isArray(m.classes) || m.classes.join() !== expected.join()) fail('classes', `must be the phrase categories, then "${NO_CATEGORY}": ${expected.join(', ')}`);
  if (typeof m.threshold !== 'number' || !(m.threshold > 0 && m.threshold < 1)) fail('threshold', 'must be a number between 0 and 1');
  if (typeof m.scale !== 'number' || !(m.scale > 0)) fail('scale', 'must be a positive number');
  if (!Array.isArray(m.bias) || m.bias.length !== expected.length || m.bias.some((b) => !Number.isInteger(b))) fail('bias', `must be ${expected.length} integers, one per class`);
  if (typeof m.words !== 'string' || m.words.split('|').some((w) => !/^\S+$/.test(w))) fail('words', 'must be a string of "|"-separated words');
  const words = (m.words as string).split('|');
  if (new Set(words).size !== words.length) fail('words', 'lists a word twice');
  for (const field of ['grams', 'weights'] as const) if (typeof m[field] !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(m[field] as string)) fail(field, 'must be a base64 string');
  const grams = decodeBase64(m.grams as string);
  if (grams.length % 6 !== 0) fail('grams', 'must hold three 16-bit word numbers per feature');
  const keys = new Set<number>();
  for (let row = 0; row < grams.length / 6; row++) {
    const [a, b, c] = [0, 1, 2].map((k) => wordNumberAt(grams, row, k));
    if (a === 0 || a > words.length || b > words.length || c > words.length || (b === 0 && c !== 0)) fail('grams', `feature ${row} names a word that is not in "words"`);
    const key = (a * 65536 + b) * 65536 + c;
    if (keys.has(key)) fail('grams', `feature ${row} repeats an earlier n-gram`);
    keys.add(key);
  }
  if (decodeBase64(m.weights as string).length !== keys.size * expected.length) fail('weights', `must hold ${expected.length} weights per feature (${keys.size} features)`);
  return m as unknown as SentenceModelData;
}

/** The number of word `k` (0 to 2) of feature `row` in the grams bytes (0: the n-gram is shorter). */
function wordNumberAt(grams: Uint8Array, row: number, k: number): number {
  return grams[row * 6 + k * 2] | (grams[row * 6 + k * 2 + 1] << 8);
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE64.length; i++) BASE64_VALUES[BASE64.charCodeAt(i)] = i;

/** A native base64 decoder: Uint8Array.fromBase64 in current browsers, Buffer in Node. */
const nativeDecoder: ((text: string) => Uint8Array) | undefined =
  (Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array }).fromBase64 ??
  ((globalThis as { Buffer?: { from(text: string, encoding: 'base64'): Uint8Array } }).Buffer && ((text: string) => (globalThis as unknown as { Buffer: { from(text: string, encoding: 'base64'): Uint8Array } }).Buffer.from(text, 'base64')));

/**
 * Base64 to bytes: natively where the platform can (decoding by hand was most of building the model
 * in a new tab), else by hand (Node's atob takes a tenth of a second on a model's weights).
 */
function decodeBase64(text: string): Uint8Array {
  if (nativeDecoder) return nativeDecoder(text);
  let length = text.length;
  while (length > 0 && text.charCodeAt(length - 1) === 61) length--; // "="
  const bytes = new Uint8Array(Math.floor((length * 3) / 4));
  let bits = 0;
  let count = 0;
  let at = 0;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? BASE64_VALUES[code] : -1;
    if (value < 0) throw new Error(`not base64 at character ${i}`);
    bits = (bits << 6) | value;
    count += 6;
    if (count >= 8) {
      count -= 8;
      bytes[at++] = (bits >> count) & 0xff;
    }
  }
  return bytes;
}
