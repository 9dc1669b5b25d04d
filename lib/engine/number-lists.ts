/**
 * Lists of small integers packed into one string, a character per number: a pack's start table ships
 * this way, so loading it makes three strings instead of twenty thousand arrays (whose garbage
 * collection was a third of a new tab's cold start), and a list is read only when first needed.
 */

/** Numbers are stored as character codes shifted by this, so -3 and up stay clear of control characters. */
const SHIFT = 0x24;
const MIN_LISTED_NUMBER = 0x21 - SHIFT;
/** Past this, a code would reach the surrogates, which do not survive text encodings on their own. */
export const MAX_LISTED_NUMBER = 0xd7ff - SHIFT;

/** `lists` as one string: each list's length, then its numbers, a character each. */
export function encodeNumberLists(lists: readonly (readonly number[])[]): string {
  const codes: string[] = [];
  const add = (n: number) => {
    if (!Number.isInteger(n) || n < MIN_LISTED_NUMBER || n > MAX_LISTED_NUMBER) throw new RangeError(`${n} cannot be stored in a number list (integers from ${MIN_LISTED_NUMBER} to ${MAX_LISTED_NUMBER})`);
    codes.push(String.fromCharCode(n + SHIFT));
  };
  for (const list of lists) {
    add(list.length);
    list.forEach(add);
  }
  return codes.join('');
}

/** Reads an encodeNumberLists string back, list by list. */
export class NumberLists {
  /** Where each list's length is (its numbers follow it). */
  private readonly starts: number[] = [];

  constructor(private readonly text: string) {
    // A jump per list, not a step per number: this runs once per new tab, in code not yet optimised.
    for (let i = 0; i < text.length; i += text.charCodeAt(i) - SHIFT + 1) this.starts.push(i);
  }

  get length(): number {
    return this.starts.length;
  }

  /** How many numbers list `at` holds. */
  sizeOf(at: number): number {
    return this.text.charCodeAt(this.starts[at]) - SHIFT;
  }

  /** Number `k` of list `at`. */
  at(at: number, k: number): number {
    return this.text.charCodeAt(this.starts[at] + 1 + k) - SHIFT;
  }

  list(at: number): number[] {
    const size = this.sizeOf(at);
    const list = new Array<number>(size);
    for (let k = 0; k < size; k++) list[k] = this.at(at, k);
    return list;
  }
}
