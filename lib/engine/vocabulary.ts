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

export function wordId(form: string): number {
  return ids.get(form) ?? -1;
}

/** Changes whenever a word is registered (cached token ids made before are stale). */
export function vocabularyVersion(): number {
  return version;
}
