/**
 * Word tokenizer that keeps exact UTF-16 offsets into the input and gives each
 * token the normalised forms patterns match against. Contractions are split
 * into their parts ("that's" -> that + is/has, "can't" -> can + not) so a
 * rule written as "that is our policy" also catches "That's our policy".
 * Invisible characters (zero-width spaces and joiners, BOM, bidi marks) are
 * ignored inside words and never start or end a token; HTML tags and
 * entities are skipped.
 */

import { vocabularyVersion, wordId } from './vocabulary';
import { isUnspacedSentenceEnd } from './sentences';

export interface Token {
  start: number;
  end: number;
  /** Normalised spellings this token may stand for (lower case, straight apostrophe). */
  forms: readonly string[];
  /** Vocabulary ids of `forms` (-1 for words no pattern uses); see withCurrentIds. */
  ids: readonly number[];
  /** True for punctuation tokens (",", ";", ":", "—", "(", quotes). */
  punct: boolean;
}

const LETTER_MARK_NUMBER = /^[\p{L}\p{M}\p{N}]$/u;
const LETTER_NUMBER = /^[\p{L}\p{N}]$/u;
const APOSTROPHES = /[’ʼ`]/g;
const PUNCT = ',;:—–()"“”';
const PUNCT_FORMS = [...PUNCT].map((p) => [p === '“' || p === '”' ? '"' : p]);
/** Ids of PUNCT_FORMS in the vocabulary the shape caches were filled under (see upToDateShapes). */
let punctIds = PUNCT_FORMS.map(idsOf);

/** Zero-width characters, soft hyphen, word joiners, BOM and bidi controls: ignored inside words. */
function isInvisible(c: number): boolean {
  if (c < 0xad) return false; // most characters, tested first
  return c === 0xad || (c >= 0x200b && c <= 0x200f) || (c >= 0x2060 && c <= 0x2064) || c === 0xfeff || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/** How many characters of text[start, end) show: invisible ones pasted into a phrase do not make it longer. */
export function visibleLength(text: string, start: number, end: number): number {
  let length = end - start;
  for (let i = start; i < end; i++) if (isInvisible(text.charCodeAt(i))) length--;
  return length;
}

/**
 * `text` without invisible characters, and where each of its UTF-16 units is in `text`
 * (offsets null when `text` has none).
 */
export function withoutInvisibles(text: string): { visible: string; offsets: number[] | null } {
  let first = 0;
  while (first < text.length && !isInvisible(text.charCodeAt(first))) first++;
  if (first === text.length) return { visible: text, offsets: null };
  let visible = text.slice(0, first);
  const offsets = Array.from({ length: first }, (_, i) => i);
  for (let i = first + 1; i < text.length; i++) {
    if (isInvisible(text.charCodeAt(i))) continue;
    offsets.push(i);
    visible += text[i];
  }
  return { visible, offsets };
}

// Letter/mark/number classes of BMP characters, looked up once each: 1 = letter or number, 2 = mark only, 3 = neither.
const bmpClass = new Uint8Array(0x10000);
const astralClass = new Map<number, number>();
function charClass(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : 3;
  if (c >= 0xd800 && c <= 0xdbff) {
    // Astral characters (emoji, rare scripts) are looked up once each too: a draft of 50,000 emoji stays cheap.
    const code = text.codePointAt(i)!;
    let astral = astralClass.get(code);
    if (astral === undefined) {
      const pair = String.fromCodePoint(code);
      if (astralClass.size >= 10_000) astralClass.clear();
      astralClass.set(code, (astral = LETTER_NUMBER.test(pair) ? 1 : LETTER_MARK_NUMBER.test(pair) ? 2 : 3));
    }
    return astral;
  }
  let known = bmpClass[c];
  if (!known) {
    const char = String.fromCharCode(c);
    bmpClass[c] = known = LETTER_NUMBER.test(char) ? 1 : LETTER_MARK_NUMBER.test(char) ? 2 : 3;
  }
  return known;
}

const isApostrophe = (c: number) => c === 39 || c === 96 || c === 0x2019 || c === 0x2bc;

/**
 * The form a word typed in capitals only, of 2 to 5 letters, gets besides its spelling ("VRM", "GTY", but also
 * "OK", "BA"): patterns name it as %caps, and rules say which codes customers know.
 */
export const CAPS_FORM = '%caps';
const CAPS_CLASS_MIN = 2;
const CAPS_CLASS_MAX = 5;
/** A word typed in capitals only, as plainWordEnd() reads one (ASCII letters, CAPS_CLASS_MIN to CAPS_CLASS_MAX of them). */
const CAPS_CODE = new RegExp(`^[A-Z]{${CAPS_CLASS_MIN},${CAPS_CLASS_MAX}}$`);

const NOT_BASES: Record<string, string> = { ca: 'can', wo: 'will', sha: 'shall', ai: 'is', do: 'do' };
const SUFFIX_FORMS: Record<string, readonly string[]> = {
  "'s": ['is', 'has', "'s"],
  "'re": ['are'],
  "'m": ['am'],
  "'ll": ['will'],
  "'ve": ['have'],
  "'d": ['would', 'had'],
};
/** Contractions typed without the apostrophe, common in chat. */
const BARE = new Map<string, readonly [string, string]>(Object.entries({
  dont: ['do', 'not'], doesnt: ['does', 'not'], didnt: ['did', 'not'], cant: ['can', 'not'],
  couldnt: ['could', 'not'], wouldnt: ['would', 'not'], shouldnt: ['should', 'not'], isnt: ['is', 'not'],
  arent: ['are', 'not'], wasnt: ['was', 'not'], werent: ['were', 'not'], wont: ['will', 'not'],
  im: ['i', 'am'], ive: ['i', 'have'], youre: ['you', 'are'], youll: ['you', 'will'], thats: ['that', 'is'],
  theres: ['there', 'is'], cannot: ['can', 'not'], whats: ['what', 'is'], hasnt: ['has', 'not'], havent: ['have', 'not'],
} satisfies Record<string, readonly [string, string]>));

/** Chat spellings read as the word they stand for too ("watch ur language"), so every rule catches them. */
const CHAT = new Map<string, string>(Object.entries({ u: 'you', ur: 'your', yr: 'your', pls: 'please', plz: 'please', thx: 'thanks' }));

/** Tokens of text[from, to), with offsets into `text`. */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const version = upToDateShapes();
  const tokens: Token[] = [];
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      i++;
      continue;
    }
    // Most words are ASCII letters and apostrophes: read in one pass, without slicing them out of the text.
    const plainEnd = plainWordEnd(text, i, to);
    if (plainEnd > 0) {
      if (plainEnd - i <= SHORT_WORD) pushShape(tokens, shortWordShape(plainKey, plainHash, text, i, plainEnd), i, plainEnd, null);
      else pushShape(tokens, cachedShape(text.slice(i, plainEnd)), i, plainEnd, null);
      i = plainEnd;
      continue;
    }
    const end = wordEnd(text, i, to);
    if (end > i) {
      pushRaw(tokens, text.slice(i, end), i);
      i = end;
    } else if (c === 60 || c === 38) {
      // HTML tags and entities (source pasted as text) are skipped.
      const skip = c === 60 ? tagEnd(text, i, to) : entityEnd(text, i, to);
      i = skip > 0 ? skip : i + 1;
    } else {
      const p = punctIndex(c);
      if (p >= 0) tokens.push({ start: i, end: i + 1, forms: PUNCT_FORMS[p], ids: punctIds[p], punct: true });
      i++;
    }
  }
  currentTokens = tokens;
  currentVersion = version;
  return tokens;
}

/** Index of `c` in PUNCT, or -1. */
function punctIndex(c: number): number {
  if (c < 0x80) {
    if (c === 44) return 0;
    if (c === 59) return 1;
    if (c === 58) return 2;
    if (c === 40) return 5;
    if (c === 41) return 6;
    return c === 34 ? 7 : -1;
  }
  if (c === 0x2014) return 3;
  if (c === 0x2013) return 4;
  if (c === 0x201c) return 8;
  return c === 0x201d ? 9 : -1;
}

/** The token list whose ids were last brought up to date, and in which vocabulary version (matching checks them on every run). */
let currentTokens: readonly Token[] = [];
let currentVersion = -1;

/**
 * `tokens`, with ids brought up to date if patterns with new words were parsed since they were
 * made (or the list is not the one tokenize made last). Matching calls this, so the order of parsing
 * patterns and tokenizing text never matters.
 */
export function withCurrentIds(tokens: readonly Token[]): readonly Token[] {
  const version = vocabularyVersion();
  if (currentTokens === tokens && currentVersion === version) return tokens;
  for (const token of tokens) (token as { ids: readonly number[] }).ids = idsOf(token.forms);
  currentTokens = tokens;
  currentVersion = version;
  return tokens;
}

/**
 * End of the word at `i` when it is plain: ASCII letters and apostrophes, ending where wordEnd() would end it
 * (at `to`, or before a character that cannot continue it); else -1, and wordEnd() reads the word. Its
 * key and hash are left in plainKey and plainHash (for words of up to SHORT_WORD characters).
 */
function plainWordEnd(text: string, i: number, to: number): number {
  let key = 0;
  let hash = 0;
  let caps = true;
  let j = i;
  for (; j < to; j++) {
    const c = text.charCodeAt(j);
    const lower = c | 0x20;
    let digit: number;
    if (lower >= 97 && lower <= 122) {
      digit = lower - 96;
      if (c === lower) caps = false;
    } else if (isApostrophe(c)) {
      digit = 27;
      caps = false; // "RTS'd" is a contraction, not a code
    } else break;
    key = key * 28 + digit;
    hash = Math.imul(hash ^ digit, 0x01000193);
  }
  if (j === i) return -1;
  if (j < to) {
    const c = text.charCodeAt(j);
    if (c < 0x80) {
      // Digits continue the word, and so does a part joined by "-" or ".".
      if ((c >= 48 && c <= 57) || ((c === 45 || c === 46) && joinedPartStart(text, j, to) > 0)) return -1;
    } else if (isInvisible(c) || charClass(text, j) !== 3) return -1;
  }
  const length = j - i;
  plainKey = caps && length >= CAPS_CLASS_MIN && length <= CAPS_CLASS_MAX ? key + CAPS_KEY : key;
  plainHash = hash;
  return j;
}

/**
 * The word plainWordEnd() found last: its letters (either case) and apostrophes (any kind, all read as "'")
 * as digits 1-27 of a base-28 number (below 2^49 for SHORT_WORD), plus CAPS_KEY for a code in capitals
 * (below 2^50, so exact as a double); and a hash of the same digits.
 */
let plainKey = 0;
let plainHash = 0;

/** Whether the last word wordEnd() found contains invisible characters, or digits. */
let sawInvisible = false;
let sawDigit = false;

/**
 * End of the word starting at `i` (or `i` when none starts there): letters, marks, digits,
 * apostrophes and invisible characters, then parts joined by "-" or "." ("e-mail", "v2.1").
 */
function wordEnd(text: string, i: number, to: number): number {
  sawInvisible = false;
  sawDigit = false;
  let j = i;
  while (j < to) {
    const c = text.charCodeAt(j);
    if (c >= 48 && c <= 57) sawDigit = true;
    if (isApostrophe(c)) j++;
    else if (isInvisible(c)) {
      sawInvisible = true;
      j++;
    } else {
      const cls = charClass(text, j);
      if (cls === 3) break;
      j += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    }
  }
  if (j === i) return i;
  while (j + 1 < to) {
    const c = text.charCodeAt(j);
    const groupEnd = c === 44 ? thousandsGroupEnd(text, j, to) : -1;
    if (groupEnd > 0) {
      // "£4,100" is one number: read as three tokens, its "100" looked like a certainty ("…, 100%").
      if (groupEnd > j + 4) sawInvisible = true;
      j = groupEnd;
      continue;
    }
    if (c !== 45 && c !== 46) break;
    const next = joinedPartStart(text, j, to);
    if (next < 0) break;
    if (next > j + 1) sawInvisible = true;
    j = next;
    // The joined part may hold marks and invisible characters too ("server-s\u200bide").
    while (j < to) {
      const c = text.charCodeAt(j);
      if (isInvisible(c)) {
        sawInvisible = true;
        j++;
      } else if (charClass(text, j) !== 3) j += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
      else break;
    }
  }
  return Math.min(j, to);
}

/**
 * Where the thousands group that the "," at `j` starts ends: a digit before the comma, and three digits
 * after it that end the number (invisible characters between them ignored, as inside any word); else -1.
 */
function thousandsGroupEnd(text: string, j: number, to: number): number {
  const isDigit = (k: number) => k >= 0 && k < to && text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 57;
  let before = j - 1;
  while (before >= 0 && isInvisible(text.charCodeAt(before))) before--;
  if (!isDigit(before)) return -1;
  let k = j + 1;
  for (let digits = 0; digits < 3; digits++) {
    while (k < to && isInvisible(text.charCodeAt(k))) k++;
    if (!isDigit(k)) return -1;
    k++;
  }
  let next = k;
  while (next < to && isInvisible(text.charCodeAt(next))) next++;
  return next < to && charClass(text, next) === 1 ? -1 : k;
}

/** Where the part the "-" or "." at `j` joins to its word starts (a letter or digit), or -1. */
function joinedPartStart(text: string, j: number, to: number): number {
  // "caused.As" is two sentences typed without a space, not one word (see isUnspacedSentenceEnd).
  if (text.charCodeAt(j) === 46 && isUnspacedSentenceEnd(text, j, j + 1)) return -1;
  // Invisible characters may sit right after the joiner too ("port-\u200bin").
  let next = j + 1;
  while (next < to && isInvisible(text.charCodeAt(next))) next++;
  return next < to && charClass(text, next) === 1 ? next : -1;
}

/** End of an HTML tag like <p class="x"> or </b> at `i`, or -1. */
function tagEnd(text: string, i: number, to: number): number {
  let j = i + 1;
  if (text[j] === '/') j++;
  const c = text.charCodeAt(j);
  if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90))) return -1;
  const limit = Math.min(to, j + 302);
  for (let k = j + 1; k < limit; k++) {
    if (text[k] === '>') return k + 1;
    if (text[k] === '<') return -1;
  }
  return -1;
}

/** End of an HTML entity like &nbsp; or &#39; at `i`, or -1. */
function entityEnd(text: string, i: number, to: number): number {
  let j = i + 1;
  if (text[j] === '#') j++;
  const start = j;
  while (j < to && j - start < 10 && charClass(text, j) === 1 && text.charCodeAt(j) < 0x80) j++;
  return j > start && text[j] === ';' ? j + 1 : -1;
}

/** How a word (as typed, without invisible characters) becomes tokens; computed once per distinct word. */
interface WordShape {
  forms: readonly string[];
  ids: readonly number[];
  /** Contractions: where the second token starts, and its forms. */
  cut: number;
  rest: readonly string[];
  restIds: readonly number[];
}

const NO_FORMS: readonly string[] = [];
const NO_IDS: readonly number[] = [];
const shapes = new Map<string, WordShape | null>();
const SHORT_WORD = 10;
const SHAPE_CACHE_SIZE = 20_000;

/**
 * Short words of ASCII letters and apostrophes (most of a draft) by a number spelling them in either case:
 * looked up without slicing the word out of the text and hashing the slice. An open-addressed table of
 * typed arrays, as a Map of numbers was most of the tokenizer's time in profiles.
 */
const SHORT_SLOTS = 1 << 16; // above 3 x SHAPE_CACHE_SIZE, so probes stay short
const shortKeys = new Float64Array(SHORT_SLOTS);
const shortShapes: (WordShape | null)[] = new Array<WordShape | null>(SHORT_SLOTS).fill(null);
/** The slots filled since the table was last cleared. */
const usedSlots: number[] = [];

/** The vocabulary version the shape caches (and punctIds) were filled under. */
let shapesVersion = vocabularyVersion();

/** Empty the shape caches when patterns with new words were parsed since they were filled (their ids are stale); returns the version. */
function upToDateShapes(): number {
  const version = vocabularyVersion();
  if (version !== shapesVersion) {
    shapes.clear();
    clearShortWordShapes();
    punctIds = PUNCT_FORMS.map(idsOf);
    shapesVersion = version;
  }
  return version;
}

function clearShortWordShapes(): void {
  // Only the slots in use: a new tab's first lint registers words (building matchers) between sentences,
  // and clearing all 65,536 slots each time was a good part of it.
  for (let k = 0; k < usedSlots.length; k++) {
    shortKeys[usedSlots[k]] = 0;
    shortShapes[usedSlots[k]] = null;
  }
  usedSlots.length = 0;
}

/** The shape of the short word text[from, to) spelled by `key` (see plainKey), shaped when missing. */
function shortWordShape(key: number, hash: number, text: string, from: number, to: number): WordShape | null {
  let slot = shortWordSlot(hash);
  for (let stored = shortKeys[slot]; stored !== 0; stored = shortKeys[slot]) {
    if (stored === key + 1) return shortShapes[slot];
    slot = (slot + 1) & (SHORT_SLOTS - 1);
  }
  if (usedSlots.length >= SHAPE_CACHE_SIZE) {
    clearShortWordShapes();
    slot = shortWordSlot(hash);
  }
  usedSlots.push(slot);
  shortKeys[slot] = key + 1;
  // Lower-casing ASCII letters and straightening apostrophes keeps the length.
  return (shortShapes[slot] = shapeOf(normalizeWord(text.slice(from, to)), to - from, key >= CAPS_KEY));
}

/** Where the table's probe for a word with `hash` starts. */
function shortWordSlot(hash: number): number {
  return Math.imul(hash, 0x9e3779b1) >>> 16;
}

/** Added to the key of a short word in capitals only ("VRM"): it gets the %caps class its lower-case spelling does not. */
const CAPS_KEY = 2 ** 49;

/** The shape of a word as typed, shaped when missing. */
function cachedShape(raw: string): WordShape | null {
  let shape = shapes.get(raw);
  if (shape === undefined) {
    if (shapes.size >= SHAPE_CACHE_SIZE) shapes.clear();
    shapes.set(raw, (shape = shapeOf(normalizeWord(raw), raw.length)));
  }
  return shape;
}

/** Push the tokens of a raw word from the input (it may contain invisible characters). */
function pushRaw(tokens: Token[], raw: string, start: number): void {
  if (sawInvisible) {
    pushWithInvisibles(tokens, raw, start);
    return;
  }
  // Numbers (order ids, dates) are mostly unique: shaping them directly keeps the cache to real words.
  if (sawDigit) {
    pushShape(tokens, shapeOf(normalizeWord(raw), raw.length), start, start + raw.length, null);
    return;
  }
  pushShape(tokens, cachedShape(raw), start, start + raw.length, null);
}

/** Words with invisible characters: shape them without those, and map each kept character back to its offset. */
function pushWithInvisibles(tokens: Token[], raw: string, start: number): void {
  const offsets: number[] = [];
  let visible = '';
  for (let i = 0; i < raw.length; i++) {
    if (isInvisible(raw.charCodeAt(i))) continue;
    offsets.push(start + i);
    visible += raw[i];
  }
  if (!visible) return;
  offsets.push(offsets[offsets.length - 1] + 1); // end of the last visible character
  // A code in capitals keeps its %caps class when an invisible character was pasted into or next to it.
  pushShape(tokens, shapeOf(normalizeWord(visible), visible.length, CAPS_CODE.test(visible)), offsets[0], offsets[offsets.length - 1], offsets);
}

/** `offsets[i]` is the input offset of the word's i-th visible character (null when they follow `start` 1:1). */
function pushShape(tokens: Token[], shape: WordShape | null, start: number, end: number, offsets: number[] | null): void {
  if (!shape) return;
  if (shape.cut > 0) {
    const at = offsets ? offsets[shape.cut] : start + shape.cut;
    tokens.push({ start, end: at, forms: shape.forms, ids: shape.ids, punct: false });
    tokens.push({ start: at, end, forms: shape.rest, ids: shape.restIds, punct: false });
  } else {
    tokens.push({ start, end, forms: shape.forms, ids: shape.ids, punct: false });
  }
}

/** Lower case with straight apostrophes. */
function normalizeWord(raw: string): string {
  const lower = raw.toLowerCase();
  return lower.includes('’') || lower.includes('ʼ') || lower.includes('`') ? lower.replace(APOSTROPHES, "'") : lower;
}

/** `word` is normalised; `length` is the typed word's length (lower-casing rare letters can change it); `caps`: typed as a code in capitals. */
function shapeOf(word: string, length: number, caps = false): WordShape | null {
  // Quote marks around a word stay in its tokens but are not read: "'that's'" still splits as that + is.
  let lead = 0;
  let trail = word.length;
  while (lead < trail && word.charCodeAt(lead) === 39) lead++;
  while (trail > lead && word.charCodeAt(trail - 1) === 39) trail--;
  if (lead === trail) return null;
  const clean = lead === 0 && trail === word.length ? word : word.slice(lead, trail);
  // When lower-casing changed the length, offsets inside the word are unknown, so it is not split.
  const cut = word.length === length ? contractionCut(clean) : -1;
  if (cut > 0) {
    const bare = BARE.get(clean);
    const head = clean.slice(0, cut);
    if (bare) return shape([bare[0]], lead + cut, [bare[1]]);
    if (clean.endsWith("n't")) return shape([NOT_BASES[head] ?? head], lead + cut, ['not']);
    return shape([head], lead + cut, SUFFIX_FORMS[clean.slice(cut)]);
  }
  const forms = clean === word ? [word] : [clean, word];
  const chat = CHAT.get(clean);
  if (chat) forms.push(chat);
  return shape(caps ? [...forms, CAPS_FORM] : forms, -1, NO_FORMS);
}

function shape(forms: readonly string[], cut: number, rest: readonly string[]): WordShape {
  return { forms, ids: idsOf(forms), cut, rest, restIds: rest === NO_FORMS ? NO_IDS : idsOf(rest) };
}

function idsOf(forms: readonly string[]): number[] {
  return forms.map(wordId);
}

/** Where a contraction splits into two tokens ("ca|n't", "do|nt", "that|'s", "can|not"), or -1. */
function contractionCut(word: string): number {
  // "dont" splits as do|nt, "cannot" as can|not, "thats" as that|s.
  const bare = BARE.get(word);
  if (bare) return word === 'cannot' ? 3 : word.endsWith('nt') ? word.length - 2 : bare[0].length;
  const apos = word.indexOf("'");
  if (apos < 0) return -1;
  if (word.length > 3 && word.endsWith("n't")) return word.length - 3;
  return apos > 0 && SUFFIX_FORMS[word.slice(apos)] ? apos : -1;
}
