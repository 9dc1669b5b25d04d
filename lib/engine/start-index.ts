/**
 * Patterns indexed by the token forms they can start with, so each token only
 * tries the few patterns that can begin there, and only when a word every
 * match needs (CompiledPattern.required) occurs close enough after it.
 */
import { MAX_SPAN_TOKENS } from './pattern';
import { withCurrentIds, type Token } from './tokenize';
import { registerWord } from './vocabulary';

interface Entry<T> {
  value: T;
  required: ReadonlySet<string> | null;
  /** Last lookup that saw this entry (dedupes tokens with several forms). */
  mark: number;
  /** Sentence in which a required form was last seen, and the last token index it was seen at. */
  requiredIn: number;
  requiredAt: number;
}

/** Where each token form occurs in a long sentence (for the span check). */
class FormPositions {
  private readonly at = new Map<string, number[]>();

  constructor(tokens: readonly Token[]) {
    for (let i = 0; i < tokens.length; i++) {
      for (const form of tokens[i].forms) {
        const list = this.at.get(form);
        if (list) list.push(i);
        else this.at.set(form, [i]);
      }
    }
  }

  /** Whether a token with one of `forms` sits at an index in [from, from + MAX_SPAN_TOKENS). */
  anyWithinSpan(forms: ReadonlySet<string>, from: number): boolean {
    const to = from + MAX_SPAN_TOKENS;
    for (const form of forms) {
      const list = this.at.get(form);
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
  /** Entries by the word id they can start with, and by the ids they require. */
  private readonly byFirst: Entry<T>[][] = [];
  private readonly byRequired: Entry<T>[][] = [];
  private readonly anyWord: Entry<T>[] = [];
  private readonly found: T[] = [];
  private lookup = 0;
  private sentence = 0;
  private positions: FormPositions | null = null;

  /** `first`: the forms the pattern can start with (null: any word); `required`: see CompiledPattern. */
  add(first: ReadonlySet<string> | null, required: ReadonlySet<string> | null, value: T): void {
    const entry: Entry<T> = { value, required, mark: 0, requiredIn: 0, requiredAt: -1 };
    if (first === null) this.anyWord.push(entry);
    else for (const form of first) (this.byFirst[registerWord(form)] ??= []).push(entry);
    if (required) for (const form of required) (this.byRequired[registerWord(form)] ??= []).push(entry);
  }

  /** Call once per token list before asking for its candidates. */
  prepare(list: readonly Token[]): void {
    const tokens = withCurrentIds(list);
    const sentence = ++this.sentence;
    for (let i = 0; i < tokens.length; i++) {
      for (const id of tokens[i].ids) {
        const list = id >= 0 ? this.byRequired[id] : undefined;
        if (!list) continue;
        for (const entry of list) {
          entry.requiredIn = sentence;
          entry.requiredAt = i;
        }
      }
    }
    this.positions = tokens.length > MAX_SPAN_TOKENS ? new FormPositions(tokens) : null;
  }

  /** The values whose pattern may match from token `i` of the prepared tokens. The array is reused by the next call. */
  candidates(tokens: readonly Token[], i: number): readonly T[] {
    const found = this.found;
    found.length = 0;
    const mark = ++this.lookup;
    const token = tokens[i];
    if (!token.punct) for (const entry of this.anyWord) if (this.requiredNear(entry, i)) found.push(entry.value);
    for (const id of token.ids) {
      const list = id >= 0 ? this.byFirst[id] : undefined;
      if (!list) continue;
      for (const entry of list) {
        if (entry.mark === mark) continue;
        entry.mark = mark;
        if (this.requiredNear(entry, i)) found.push(entry.value);
      }
    }
    return found;
  }

  private requiredNear(entry: Entry<T>, i: number): boolean {
    if (!entry.required) return true;
    if (entry.requiredIn !== this.sentence || entry.requiredAt < i) return false;
    return !this.positions || this.positions.anyWithinSpan(entry.required, i);
  }
}
