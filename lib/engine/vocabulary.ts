/**
 * Integer ids for the words patterns use, so matching indexes arrays instead
 * of hashing strings. Words are registered when a pattern is parsed; a token
 * form no pattern uses has id -1.
 */
const ids = new Map<string, number>();
let size = 0;
let version = 0;

/**
 * Words holding ids 0 .. reserved.length - 1 before anyone looks them up (a start table's, in a new tab), found
 * by binary search over `order` (their positions, sorted by word) and kept in `ids` once found: putting
 * every word of the table in `ids` up front was a tenth of a new tab's cold start.
 */
let reserved: readonly string[] = [];
let order: Int32Array = new Int32Array(0);

/** Gives `words` ids 0 .. words.length - 1, in the order of `sorted` (their positions, ordered by word). Only into an empty vocabulary. */
export function reserveWords(words: readonly string[], sorted: Int32Array): void {
  if (size !== 0) throw new Error('words can only be reserved in an empty vocabulary');
  reserved = words;
  order = sorted;
  size = words.length;
  version++;
}

/** The id of a reserved word, or -1. */
function reservedId(form: string): number {
  let lo = 0;
  let hi = order.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const word = reserved[order[mid]];
    if (word === form) return order[mid];
    if (word < form) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The id of a pattern word, registering it if new. */
export function registerWord(form: string): number {
  let id = ids.get(form);
  if (id === undefined) {
    id = reservedId(form);
    if (id < 0) {
      id = size++;
      version++;
    }
    ids.set(form, id);
  }
  return id;
}

/** A set or list of pattern words (see Forms in pattern.ts). */
type Words = ReadonlySet<string> | readonly string[];

// Patterns share their sets of words (macros, a start table's sets): each is registered once.
const idsOfWords = new WeakMap<Words, Int32Array>();

/** The ids of `words`, registering new ones; the same set always gets the same array back. */
export function registerWords(words: Words): Int32Array {
  let found = idsOfWords.get(words);
  if (!found) {
    const list = new Int32Array(Array.isArray(words) ? words.length : (words as ReadonlySet<string>).size);
    let k = 0;
    words.forEach((word) => (list[k++] = registerWord(word)));
    idsOfWords.set(words, (found = list));
  }
  return found;
}

/** Records the ids of a list of words already registered (a start table knows them): registerWords then looks nothing up. */
export function knownWords(words: readonly string[], ids: Int32Array): void {
  idsOfWords.set(words, ids);
}

export function wordId(form: string): number {
  const id = ids.get(form);
  if (id !== undefined) return id;
  const found = reservedId(form);
  // Kept without a new version: the id was the word's all along.
  if (found >= 0) ids.set(form, found);
  return found;
}

/** How many words are registered (ids run from 0 to this). */
export function vocabularySize(): number {
  return size;
}

/** Changes whenever a word is registered (cached token ids made before are stale). */
export function vocabularyVersion(): number {
  return version;
}
