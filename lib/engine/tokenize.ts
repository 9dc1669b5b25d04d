/**
 * Word tokenizer that keeps exact UTF-16 offsets into the input and gives each
 * token the normalised forms patterns match against. Contractions are split
 * into their parts ("that's" -> that + is/has, "can't" -> can + not) so a
 * rule written as "that is our policy" also catches "That's our policy".
 * Invisible characters (zero-width spaces and joiners, BOM, bidi marks) are
 * ignored inside words and never start or end a token; HTML tags and
 * entities are skipped.
 */

export interface Token {
  start: number;
  end: number;
  /** Normalised spellings this token may stand for (lower case, straight apostrophe). */
  forms: readonly string[];
  /** True for punctuation tokens (",", ";", ":", "—", "(", quotes). */
  punct: boolean;
}

const LETTER_MARK_NUMBER = /^[\p{L}\p{M}\p{N}]$/u;
const LETTER_NUMBER = /^[\p{L}\p{N}]$/u;
const APOSTROPHES = /[’ʼ`]/g;
const PUNCT = ',;:—–()"“”';

/** Zero-width characters, soft hyphen, word joiners, BOM and bidi controls: ignored inside words. */
function isInvisible(c: number): boolean {
  return c === 0xad || (c >= 0x200b && c <= 0x200f) || (c >= 0x2060 && c <= 0x2064) || c === 0xfeff || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

// Letter/mark/number classes of BMP characters, looked up once each: 1 = letter or number, 2 = mark only, 3 = neither.
const bmpClass = new Uint8Array(0x10000);
function charClass(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : 3;
  if (c >= 0xd800 && c <= 0xdbff) {
    const pair = text.slice(i, i + 2);
    return LETTER_NUMBER.test(pair) ? 1 : LETTER_MARK_NUMBER.test(pair) ? 2 : 3;
  }
  let known = bmpClass[c];
  if (!known) {
    const char = String.fromCharCode(c);
    bmpClass[c] = known = LETTER_NUMBER.test(char) ? 1 : LETTER_MARK_NUMBER.test(char) ? 2 : 3;
  }
  return known;
}

const isApostrophe = (c: number) => c === 39 || c === 96 || c === 0x2019 || c === 0x2bc;

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

export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 60 || c === 38) {
      // HTML tags and entities (source pasted as text) are skipped.
      const skip = c === 60 ? tagEnd(text, i, to) : entityEnd(text, i, to);
      i = skip > 0 ? skip : i + 1;
      continue;
    }
    if (PUNCT.includes(text[i])) {
      tokens.push({ start: i, end: i + 1, forms: formsOf(c === 0x201c || c === 0x201d ? '"' : text[i]), punct: true });
      i++;
      continue;
    }
    const end = wordEnd(text, i, to);
    if (end === i) {
      i++;
      continue;
    }
    pushRaw(tokens, text.slice(i, end), i);
    i = end;
  }
  return tokens;
}

/**
 * End of the word starting at `i` (or `i` when none starts there): letters, marks, digits,
 * apostrophes and invisible characters, then parts joined by "-" or "." ("e-mail", "v2.1").
 */
function wordEnd(text: string, i: number, to: number): number {
  let j = i;
  while (j < to) {
    const c = text.charCodeAt(j);
    if (isApostrophe(c) || isInvisible(c)) j++;
    else {
      const cls = charClass(text, j);
      if (cls === 3) break;
      j += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    }
  }
  if (j === i) return i;
  while (j + 1 < to) {
    const c = text.charCodeAt(j);
    if ((c !== 45 && c !== 46) || charClass(text, j + 1) !== 1) break;
    j++;
    while (j < to && charClass(text, j) === 1) j += text.charCodeAt(j) >= 0xd800 && text.charCodeAt(j) <= 0xdbff ? 2 : 1;
  }
  return Math.min(j, to);
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

/** Normalise a raw word (lower case, straight apostrophes, invisible characters left out) and push its tokens. */
function pushRaw(tokens: Token[], raw: string, start: number): void {
  let invisible = false;
  let plain = true;
  for (let k = 0; k < raw.length; k++) {
    const c = raw.charCodeAt(k);
    if (c >= 0x80 || (c >= 65 && c <= 90) || c === 96) {
      plain = false;
      if (isInvisible(c)) invisible = true;
    }
  }
  if (invisible) pushWithInvisibles(tokens, raw, start);
  else pushWord(tokens, plain ? raw : normalizeWord(raw), start, start + raw.length, null);
}

/** Lower case with straight apostrophes. */
function normalizeWord(raw: string): string {
  return raw.toLowerCase().replace(APOSTROPHES, "'");
}

/** Words with invisible characters: normalise without them, and map each kept character back to its offset. */
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
  pushWord(tokens, normalizeWord(visible), offsets[0], offsets[offsets.length - 1], offsets);
}

/** `word` is normalised; `offsets[i]` is the input offset of its i-th character (null when it maps 1:1 from `start`). */
function pushWord(tokens: Token[], word: string, start: number, end: number, offsets: number[] | null): void {
  // Lower-casing can change the length (rare letters); then offsets inside the word are unknown, so no split.
  const cut = word.length === (offsets ? offsets.length - 1 : end - start) ? contractionCut(word) : -1;
  if (cut > 0) {
    const at = offsets ? offsets[cut] : start + cut;
    const bare = BARE.get(word);
    const head = word.slice(0, cut);
    const first = bare ? bare[0] : word.endsWith("n't") ? (NOT_BASES[head] ?? head) : head;
    const second = bare ? formsOf(bare[1]) : word.endsWith("n't") ? formsOf('not') : SUFFIX_FORMS[word.slice(cut)];
    tokens.push({ start, end: at, forms: formsOf(first), punct: false });
    tokens.push({ start: at, end, forms: second, punct: false });
    return;
  }
  if (word[0] !== "'" && word[word.length - 1] !== "'") {
    tokens.push({ start, end, forms: formsOf(word), punct: false });
    return;
  }
  const clean = word.replace(/^'+|'+$/g, '');
  if (clean) tokens.push({ start, end, forms: [clean, word], punct: false });
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

// One shared forms array per word keeps long drafts from allocating one per token.
const SINGLE_FORMS = new Map<string, readonly string[]>();
function formsOf(word: string): readonly string[] {
  let forms = SINGLE_FORMS.get(word);
  if (!forms) {
    if (SINGLE_FORMS.size >= 50_000) SINGLE_FORMS.clear();
    SINGLE_FORMS.set(word, (forms = [word]));
  }
  return forms;
}
