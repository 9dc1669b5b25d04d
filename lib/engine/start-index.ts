/**
 * Patterns indexed by the token forms they can start with, so each token only
 * tries the few patterns that can begin there (instead of every pattern).
 */
import type { Token } from './tokenize';

interface Entry<T> {
  value: T;
  /** Last lookup that returned this entry (dedupes tokens with several forms). */
  mark: number;
}

export class StartIndex<T> {
  private readonly byForm = new Map<string, Entry<T>[]>();
  private readonly anyWord: Entry<T>[] = [];
  private readonly found: T[] = [];
  private lookup = 0;

  /** `first`: the forms the pattern can start with, or null when it can start with any word. */
  add(first: ReadonlySet<string> | null, value: T): void {
    const entry = { value, mark: 0 };
    if (first === null) {
      this.anyWord.push(entry);
      return;
    }
    for (const form of first) {
      const list = this.byForm.get(form);
      if (list) list.push(entry);
      else this.byForm.set(form, [entry]);
    }
  }

  /** The values whose pattern may start at `token`. The array is reused by the next call. */
  candidates(token: Token): readonly T[] {
    const found = this.found;
    found.length = 0;
    const mark = ++this.lookup;
    if (!token.punct) for (const entry of this.anyWord) found.push(entry.value);
    for (const form of token.forms) {
      const list = this.byForm.get(form);
      if (!list) continue;
      for (const entry of list) {
        if (entry.mark === mark) continue;
        entry.mark = mark;
        found.push(entry.value);
      }
    }
    return found;
  }
}
