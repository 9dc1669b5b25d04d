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

const INVISIBLE_CHARS = '\\u00AD\\u200B-\\u200F\\u2060-\\u2064\\uFEFF\\u202A-\\u202E\\u2066-\\u2069';
// Letters, marks, digits, apostrophes and invisible characters; inner "-" or "." joins parts ("e-mail", "v2.1").
// HTML tags and entities (source pasted as text) are matched only to be skipped.
const WORD = new RegExp(`<\\/?[a-zA-Z][^<>]{0,300}>|&#?[a-zA-Z0-9]{1,10};|[\\p{L}\\p{M}\\p{N}'’ʼ\`${INVISIBLE_CHARS}]+(?:[-.][\\p{L}\\p{N}]+)*|[,;:—–()"“”]`, 'gu');
const INVISIBLE = new RegExp(`[${INVISIBLE_CHARS}]`, 'u');
const IS_INVISIBLE = new RegExp(`^[${INVISIBLE_CHARS}]$`, 'u');
const APOSTROPHES = /[’ʼ`]/g;
const NEEDS_NORMALISING = /[’ʼ`A-Z\u0080-\uFFFF]/;

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
const BARE: Record<string, readonly [string, string]> = {
  dont: ['do', 'not'], doesnt: ['does', 'not'], didnt: ['did', 'not'], cant: ['can', 'not'],
  couldnt: ['could', 'not'], wouldnt: ['would', 'not'], shouldnt: ['should', 'not'], isnt: ['is', 'not'],
  arent: ['are', 'not'], wasnt: ['was', 'not'], werent: ['were', 'not'], wont: ['will', 'not'],
  im: ['i', 'am'], ive: ['i', 'have'], youre: ['you', 'are'], youll: ['you', 'will'], thats: ['that', 'is'],
  theres: ['there', 'is'], cannot: ['can', 'not'], whats: ['what', 'is'], hasnt: ['has', 'not'], havent: ['have', 'not'],
};

export function normalizeWord(raw: string): string {
  if (!NEEDS_NORMALISING.test(raw)) return raw;
  return raw.replace(new RegExp(INVISIBLE.source, 'gu'), '').replace(APOSTROPHES, "'").toLowerCase();
}

export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  WORD.lastIndex = from;
  const slice = to === text.length ? text : text.slice(0, to);
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(slice)) !== null) {
    const raw = m[0];
    const start = m.index;
    if (raw[0] === '<' || raw[0] === '&') continue;
    if (raw.length === 1 && isPunct(raw)) {
      tokens.push({ start, end: start + 1, forms: formsOf(raw === '“' || raw === '”' ? '"' : raw), punct: true });
      continue;
    }
    if (INVISIBLE.test(raw)) pushWithInvisibles(tokens, raw, start);
    else pushWord(tokens, normalizeWord(raw), start, start + raw.length, null);
  }
  return tokens;
}

function isPunct(char: string): boolean {
  return ',;:—–()"“”'.includes(char);
}

/** Words with invisible characters: normalise without them, and map each kept character back to its offset. */
function pushWithInvisibles(tokens: Token[], raw: string, start: number): void {
  const offsets: number[] = [];
  let visible = '';
  for (let i = 0; i < raw.length; i++) {
    if (IS_INVISIBLE.test(raw[i])) continue;
    offsets.push(start + i);
    visible += raw[i];
  }
  if (!visible) return;
  offsets.push(offsets[offsets.length - 1] + 1); // end of the last visible character
  pushWord(tokens, normalizeWord(visible), offsets[0], offsets[offsets.length - 1], offsets);
}

/** `word` is normalised; `offsets[i]` is the input offset of its i-th character (null when it maps 1:1 from `start`). */
function pushWord(tokens: Token[], word: string, start: number, end: number, offsets: number[] | null): void {
  if (!/[^']/.test(word)) return;
  // Lower-casing can change the length (rare letters); then offsets inside the word are unknown, so no split.
  if (word.length !== (offsets ? offsets.length - 1 : end - start)) {
    tokens.push({ start, end, forms: formsOf(word), punct: false });
    return;
  }
  const at = (i: number) => (offsets ? offsets[i] : start + i);
  const split = (cut: number, first: readonly string[], second: readonly string[]) => {
    tokens.push({ start, end: at(cut), forms: first, punct: false });
    tokens.push({ start: at(cut), end, forms: second, punct: false });
  };
  const bare = BARE[word];
  if (bare) {
    // "dont" splits as do|nt, "cannot" as can|not, "thats" as that|s.
    split(word === 'cannot' ? 3 : word.endsWith('nt') ? word.length - 2 : bare[0].length, formsOf(bare[0]), formsOf(bare[1]));
    return;
  }
  if (word.length > 3 && word.endsWith("n't")) {
    const base = word.slice(0, -3);
    split(base.length, formsOf(NOT_BASES[base] ?? base), formsOf('not'));
    return;
  }
  const apos = word.indexOf("'");
  if (apos > 0) {
    const forms = SUFFIX_FORMS[word.slice(apos)];
    if (forms) {
      split(apos, formsOf(word.slice(0, apos)), forms);
      return;
    }
  }
  const clean = word.replace(/^'+|'+$/g, '');
  tokens.push({ start, end, forms: clean === word ? formsOf(word) : [clean, word], punct: false });
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
