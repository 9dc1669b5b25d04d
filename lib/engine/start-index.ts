/**
 * Patterns indexed by the token forms they can start with, so each token only
 * tries the few patterns that can begin there, and only when a word every
 * match needs occurs close enough after it.
 */
import { MAX_SPAN_TOKENS } from './pattern';
import type { Token } from './tokenize';

interface Entry<T> {
  value: T;
  required: ReadonlySet<string> | null;
  /** Last lookup that saw this entry (dedupes tokens with several forms). */
  mark: number;
}

/** Where each token form occurs in one sentence. */
export class FormPositions {
  /** Short sentences (every token within one span of each other) only need each form's last index. */
  private readonly last: Map<string, number> | null;
  private readonly all: Map<string, number[]> | null;

  constructor(tokens: readonly Token[]) {
    if (tokens.length <= MAX_SPAN_TOKENS) {
      const last = new Map<string, number>();
      for (let i = 0; i < tokens.length; i++) for (const form of tokens[i].forms) last.set(form, i);
      this.last = last;
      this.all = null;
      return;
    }
    const all = new Map<string, number[]>();
    for (let i = 0; i < tokens.length; i++) {
      for (const form of tokens[i].forms) {
        const list = all.get(form);
        if (list) list.push(i);
        else all.set(form, [i]);
      }
    }
    this.last = null;
    this.all = all;
  }

  /** Whether a token with one of `forms` sits at an index in [from, from + MAX_SPAN_TOKENS). */
  anyWithinSpan(forms: ReadonlySet<string>, from: number): boolean {
    if (this.last) {
      for (const form of forms) if ((this.last.get(form) ?? -1) >= from) return true;
      return false;
    }
    const to = from + MAX_SPAN_TOKENS;
    for (const form of forms) {
      const list = this.all!.get(form);
      if (!list || list[list.length - 1] < from) continue;
      let lo = 0;
      let hi = list.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid] < from) lo = mid + 1;
        else hi = mid;
      }
      if (list[lo] < to) return true;
    }
    return false;
  }
}

export class StartIndex<T> {
  private readonly byForm = new Map<string, Entry<T>[]>();
  private readonly anyWord: Entry<T>[] = [];
  private readonly found: T[] = [];
  private lookup = 0;

  /** `first`: the forms the pattern can start with (null: any word); `required`: see CompiledPattern. */
  add(first: ReadonlySet<string> | null, required: ReadonlySet<string> | null, value: T): void {
    const entry = { value, required, mark: 0 };
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

  /** The values whose pattern may match from token `i`. The array is reused by the next call. */
  candidates(tokens: readonly Token[], i: number, positions: FormPositions): readonly T[] {
    const found = this.found;
    found.length = 0;
    const mark = ++this.lookup;
    const token = tokens[i];
    if (!token.punct) {
      for (const entry of this.anyWord) if (!entry.required || positions.anyWithinSpan(entry.required, i)) found.push(entry.value);
    }
    for (const form of token.forms) {
      const list = this.byForm.get(form);
      if (!list) continue;
      for (const entry of list) {
        if (entry.mark === mark) continue;
        entry.mark = mark;
        if (!entry.required || positions.anyWithinSpan(entry.required, i)) found.push(entry.value);
      }
    }
    return found;
  }
}
