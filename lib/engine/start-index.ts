/**
 * Patterns indexed by the token forms they can start with, so each token only
 * tries the few patterns that can begin there, and only when each word every
 * match needs (CompiledPattern.required) occurs close enough after it.
 */
import { MAX_SPAN_TOKENS } from './pattern';
import { withCurrentIds, type Token } from './tokenize';
import { registerWord } from './vocabulary';
import type { Forms } from './pack';

/** One set of forms a pattern needs, and where one of them was last seen. */
interface Requirement {
  forms: Forms;
  /** Sentence in which one of the forms was last seen, and the last token index it was seen at. */
  seenIn: number;
  seenAt: number;
}

interface Entry<T> {
  value: T;
  required: readonly Requirement[];
  /** Last lookup that saw this entry (dedupes tokens with several forms). */
  mark: number;
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
 * Loops here index arrays or use forEach rather than for-of: a new tab builds the index and runs its
 * first lint in unoptimised code, where every for-of step allocates an iterator result.
 */
export class StartIndex<T> {
  /** Entries by the word id they can start with, and requirements by the ids that meet them. */
  private readonly byFirst: Entry<T>[][] = [];
  private readonly byRequired: Requirement[][] = [];
  private readonly anyWord: Entry<T>[] = [];
  /** One requirement per distinct set of forms (patterns built from the same macros share them), so a token marks each once. */
  private readonly requirements = new Map<string, Requirement>();
  private readonly requirementOf = new Map<Forms, Requirement>();
  /** See candidates(). */
  readonly found: T[] = [];
  private lookup = 0;
  private sentence = 0;
  private positions: FormPositions | null = null;

  /** `first`: the forms the pattern can start with (null: any word); `required`: see CompiledPattern. */
  add(first: Forms | null, required: readonly Forms[], value: T): void {
    const entry: Entry<T> = { value, required: required.map((forms) => this.requirement(forms)), mark: 0 };
    if (first === null) this.anyWord.push(entry);
    else first.forEach((form) => (this.byFirst[registerWord(form)] ??= []).push(entry));
  }

  private requirement(forms: Forms): Requirement {
    // Shared sets of forms (macros, a start table's sets) are looked up as they are; parsed ones by their words.
    let requirement = this.requirementOf.get(forms);
    if (requirement) return requirement;
    // A start table's lists are distinct already (sorting each for a key was most of loading the index).
    const key = Array.isArray(forms) ? null : [...forms].sort().join(' ');
    requirement = key === null ? undefined : this.requirements.get(key);
    if (!requirement) {
      requirement = { forms, seenIn: 0, seenAt: -1 };
      if (key !== null) this.requirements.set(key, requirement);
      forms.forEach((form) => (this.byRequired[registerWord(form)] ??= []).push(requirement!));
    }
    this.requirementOf.set(forms, requirement);
    return requirement;
  }

  /** Call once per token list before asking for its candidates. */
  prepare(list: readonly Token[]): void {
    const tokens = withCurrentIds(list);
    const sentence = ++this.sentence;
    for (let i = 0; i < tokens.length; i++) {
      const ids = tokens[i].ids;
      for (let k = 0; k < ids.length; k++) {
        const requirements = ids[k] >= 0 ? this.byRequired[ids[k]] : undefined;
        if (!requirements) continue;
        for (let r = 0; r < requirements.length; r++) {
          requirements[r].seenIn = sentence;
          requirements[r].seenAt = i;
        }
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
    for (let e = 0; e < anyWord.length; e++) if (this.requiredNear(anyWord[e], i)) found[count++] = anyWord[e].value;
    for (let k = 0; k < ids.length; k++) {
      const list = ids[k] >= 0 ? this.byFirst[ids[k]] : undefined;
      if (!list) continue;
      for (let e = 0; e < list.length; e++) {
        const entry = list[e];
        if (entry.mark === mark) continue;
        entry.mark = mark;
        if (this.requiredNear(entry, i)) found[count++] = entry.value;
      }
    }
    return count;
  }

  private requiredNear(entry: Entry<T>, i: number): boolean {
    const required = entry.required;
    for (let r = 0; r < required.length; r++) {
      const requirement = required[r];
      if (requirement.seenIn !== this.sentence || requirement.seenAt < i) return false;
      if (this.positions && !this.positions.anyWithinSpan(requirement.forms, i)) return false;
    }
    return true;
  }
}
