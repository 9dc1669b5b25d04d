/**
 * Integer ids for the words patterns use, so matching indexes arrays instead
 * of hashing strings. Words are registered when a pattern is parsed; a token
 * form no pattern uses has id -1.
 */
const ids = new Map<string, number>();
let version = 0;

/** The id of a pattern word, registering it if new. */
export function registerWord(form: string): number {
  let id = ids.get(form);
  if (id === undefined) {
    ids.set(form, (id = ids.size));
    version++;
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
  return ids.get(form) ?? -1;
}

/** How many words are registered (ids run from 0 to this). */
export function vocabularySize(): number {
  return ids.size;
}

/** Changes whenever a word is registered (cached token ids made before are stale). */
export function vocabularyVersion(): number {
  return version;
}
