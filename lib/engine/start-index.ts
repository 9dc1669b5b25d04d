/**
 * Patterns indexed by the token forms they can start with, so each token only
 * tries the few patterns that can begin there, and only when each word every
 * match needs (CompiledPattern.required) occurs close enough after it.
 */
import { MAX_SPAN_TOKENS } from './pattern';
import { withCurrentIds, type Token } from './tokenize';
import { registerWord } from './vocabulary';
import type { Forms } from './pack';

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
  anyWithinSpan(forms: Forms, from: number): boolean {
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

/**
 * Entries and requirements are numbers into flat arrays, and a requirement is met by one comparison
 * (see seenAt): checking them at every token was most of the index's time, spent chasing pointers.
 *
 * Loops here index arrays or use forEach rather than for-of: a new tab builds the index and runs its
 * first lint in unoptimised code, where every for-of step allocates an iterator result.
 */
export class StartIndex<T> {
  /** Entry numbers by the word id they can start with, and requirement numbers by the ids that meet them. */
  private readonly byFirst: number[][] = [];
  private readonly byRequired: number[][] = [];
  private readonly anyWord: number[] = [];
  /** Per entry: its value, and its requirements, requiredList[requiredFrom[e] .. requiredTo[e]). */
  private readonly values: T[] = [];
  private readonly requiredFrom: number[] = [];
  private readonly requiredTo: number[] = [];
  private readonly requiredList: number[] = [];
  /** Per entry: the last lookup that saw it (dedupes tokens with several forms). */
  private readonly marks: number[] = [];
  /** Per requirement: its forms. */
  private readonly requirementForms: Forms[] = [];
  /**
   * Per requirement: where one of its forms was last seen, as sentenceBase + token index. Each prepared
   * sentence gets a higher base, so a position left from an earlier sentence is below all of this one's.
   */
  private readonly seenAt: number[] = [];
  private sentenceBase = 0;
  private nextBase = 0;
  /** One requirement per distinct set of forms (patterns built from the same macros share them), so a token marks each once. */
  private readonly requirements = new Map<string, number>();
  private readonly requirementOf = new Map<Forms, number>();
  /** See candidates(). */
  readonly found: T[] = [];
  private lookup = 0;
  private positions: FormPositions | null = null;

  /** `first`: the forms the pattern can start with (null: any word); `required`: see CompiledPattern. */
  add(first: Forms | null, required: readonly Forms[], value: T): void {
    const entry = this.values.length;
    this.values.push(value);
    this.requiredFrom.push(this.requiredList.length);
    required.forEach((forms) => this.requiredList.push(this.requirement(forms)));
    this.requiredTo.push(this.requiredList.length);
    this.marks.push(0);
    if (first === null) this.anyWord.push(entry);
    else first.forEach((form) => (this.byFirst[registerWord(form)] ??= []).push(entry));
  }

  private requirement(forms: Forms): number {
    // Shared sets of forms (macros, a start table's sets) are looked up as they are; parsed ones by their words.
    let requirement = this.requirementOf.get(forms);
    if (requirement !== undefined) return requirement;
    // A start table's lists are distinct already (sorting each for a key was most of loading the index).
    const key = Array.isArray(forms) ? null : [...forms].sort().join(' ');
    requirement = key === null ? undefined : this.requirements.get(key);
    if (requirement === undefined) {
      const added = (requirement = this.requirementForms.length);
      this.requirementForms.push(forms);
      this.seenAt.push(-1);
      if (key !== null) this.requirements.set(key, added);
      forms.forEach((form) => (this.byRequired[registerWord(form)] ??= []).push(added));
    }
    this.requirementOf.set(forms, requirement);
    return requirement;
  }

  /** Call once per token list before asking for its candidates. */
  prepare(list: readonly Token[]): void {
    const tokens = withCurrentIds(list);
    if (this.nextBase + tokens.length >= MAX_BASE) {
      this.seenAt.fill(-1);
      this.nextBase = 0;
    }
    const base = (this.sentenceBase = this.nextBase);
    this.nextBase += tokens.length + 1;
    const seenAt = this.seenAt;
    for (let i = 0; i < tokens.length; i++) {
      const ids = tokens[i].ids;
      for (let k = 0; k < ids.length; k++) {
        const requirements = ids[k] >= 0 ? this.byRequired[ids[k]] : undefined;
        if (!requirements) continue;
        for (let r = 0; r < requirements.length; r++) seenAt[requirements[r]] = base + i;
      }
    }
    this.positions = tokens.length > MAX_SPAN_TOKENS ? new FormPositions(tokens) : null;
  }

  /**
   * How many values' patterns may match from token `i` of the prepared tokens; they are
   * `found[0 .. count)`, valid until the next call (the array is reused, never cleared).
   */
  candidates(tokens: readonly Token[], i: number): number {
    const found = this.found;
    let count = 0;
    const mark = ++this.lookup;
    const ids = tokens[i].ids;
    // Not only at words: a pattern that can start with any word may also start with punctuation ("(_ | , _)").
    const anyWord = this.anyWord;
    for (let e = 0; e < anyWord.length; e++) if (this.requiredNear(anyWord[e], i)) found[count++] = this.values[anyWord[e]];
    for (let k = 0; k < ids.length; k++) {
      const list = ids[k] >= 0 ? this.byFirst[ids[k]] : undefined;
      if (!list) continue;
      for (let e = 0; e < list.length; e++) {
        const entry = list[e];
        if (this.marks[entry] === mark) continue;
        this.marks[entry] = mark;
        if (this.requiredNear(entry, i)) found[count++] = this.values[entry];
      }
    }
    return count;
  }

  /** Whether each requirement of `entry` is met at token `i` or after it (and, in a long sentence, within a phrase's span of it). */
  private requiredNear(entry: number, i: number): boolean {
    const at = this.sentenceBase + i;
    const to = this.requiredTo[entry];
    for (let r = this.requiredFrom[entry]; r < to; r++) if (this.seenAt[this.requiredList[r]] < at) return false;
    if (!this.positions) return true;
    for (let r = this.requiredFrom[entry]; r < to; r++) if (!this.positions.anyWithinSpan(this.requirementForms[this.requiredList[r]], i)) return false;
    return true;
  }
}

/** Sentence bases start again from 0 below this, so positions stay small integers. */
const MAX_BASE = 2 ** 30;
