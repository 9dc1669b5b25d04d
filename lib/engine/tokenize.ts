/**
 * Word tokenizer that keeps exact UTF-16 offsets into the input and gives each
 * token the normalised forms patterns match against. Contractions are split
 * into their parts ("that's" -> that + is/has, "can't" -> can + not) so a
 * rule written as "that is our policy" also catches "That's our policy".
 */

export interface Token {
  start: number;
  end: number;
  /** Normalised spellings this token may stand for (lower case, straight apostrophe). */
  forms: readonly string[];
  /** True for punctuation tokens (",", ";", ":", "-", quotes). */
  punct: boolean;
}

// Letters, marks, digits, apostrophes and the invisible characters that can sit inside words.
const WORD = /[\p{L}\p{M}\p{N}'’ʼ`\u200B-\u200F\u2060\uFEFF\u202A-\u202E\u2066-\u2069]+(?:[-.][\p{L}\p{N}]+)*|[,;:—–()"“”]/gu;
const INVISIBLE = /[\u200B-\u200F\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/g;
const APOSTROPHES = /[’ʼ`]/g;

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
  return raw.replace(INVISIBLE, '').replace(APOSTROPHES, "'").toLowerCase();
}

export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  WORD.lastIndex = from;
  const slice = to === text.length ? text : text.slice(0, to);
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(slice)) !== null) {
    const raw = m[0];
    const start = m.index;
    if (raw.length === 1 && /[,;:—–()"“”]/.test(raw)) {
      tokens.push({ start, end: start + 1, forms: [raw === '“' || raw === '”' ? '"' : raw], punct: true });
      continue;
    }
    pushWord(tokens, raw, start);
  }
  return tokens;
}

function pushWord(tokens: Token[], raw: string, start: number): void {
  const word = normalizeWord(raw);
  const end = start + raw.length;
  if (!word.replace(/'/g, '')) return;
  // Positions in `raw` map 1:1 to `word` only when nothing invisible was removed.
  const aligned = word.length === raw.length;
  const bare = BARE[word];
  if (bare && aligned) {
    // "dont" splits as do|nt, "cannot" as can|not, "thats" as that|s.
    const cut = word === 'cannot' ? 3 : word.endsWith('nt') ? word.length - 2 : bare[0].length;
    tokens.push({ start, end: start + cut, forms: [bare[0]], punct: false });
    tokens.push({ start: start + cut, end, forms: [bare[1]], punct: false });
    return;
  }
  if (aligned && word.endsWith("n't") && word.length > 3) {
    const base = word.slice(0, -3);
    tokens.push({ start, end: start + base.length, forms: [NOT_BASES[base] ?? base], punct: false });
    tokens.push({ start: start + base.length, end, forms: ['not'], punct: false });
    return;
  }
  const apos = word.indexOf("'");
  if (aligned && apos > 0) {
    const suffix = word.slice(apos);
    const forms = SUFFIX_FORMS[suffix];
    if (forms) {
      tokens.push({ start, end: start + apos, forms: [word.slice(0, apos)], punct: false });
      tokens.push({ start: start + apos, end, forms, punct: false });
      return;
    }
  }
  const clean = word.replace(/^'+|'+$/g, '');
  tokens.push({ start, end, forms: clean === word ? [word] : [clean, word], punct: false });
}
