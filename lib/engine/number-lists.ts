/**
 * Lists of small integers packed into one string, a character per number: a pack's start table ships
 * this way, so loading it makes a few strings instead of twenty thousand arrays (whose garbage
 * collection was a third of a new tab's cold start), and reading it back builds nothing: a list is
 * read where it lies, through an offset table at the head of the string.
 */

/** Numbers are stored as character codes shifted by this, so -3 and up stay clear of control characters. */
const SHIFT = 0x24;
const MIN_LISTED_NUMBER = 0x21 - SHIFT;
/** Past this, a code would reach the surrogates, which do not survive text encodings on their own. */
export const MAX_LISTED_NUMBER = 0xd7ff - SHIFT;
/** Offsets and the list count take two characters of 15 bits each. */
const HALF = 15;
const LOW = (1 << HALF) - 1;

/**
 * `lists` as one string: their count, then where each list starts and where the last one ends (as
 * offsets past this head), then every list's numbers, a character each.
 */
export function encodeNumberLists(lists: readonly (readonly number[])[]): string {
  const codes: number[] = [];
  const add = (n: number) => {
    if (!Number.isInteger(n) || n < MIN_LISTED_NUMBER || n > MAX_LISTED_NUMBER) throw new RangeError(`${n} cannot be stored in a number list (integers from ${MIN_LISTED_NUMBER} to ${MAX_LISTED_NUMBER})`);
    codes.push(n + SHIFT);
  };
  const wide = (n: number) => codes.push((n >> HALF) + SHIFT, (n & LOW) + SHIFT);
  wide(lists.length);
  let offset = 0;
  for (const list of lists) (wide(offset), (offset += list.length));
  wide(offset);
  lists.forEach((list) => list.forEach(add));
  // In slices: String.fromCharCode takes its codes as arguments, and a stack holds only so many.
  const parts: string[] = [];
  for (let k = 0; k < codes.length; k += 8192) parts.push(String.fromCharCode(...codes.slice(k, k + 8192)));
  return parts.join('');
}

/** Reads an encodeNumberLists string back, in place. */
export class NumberLists {
  readonly length: number;
  /** Where the numbers start, past the head. */
  private readonly data: number;

  constructor(private readonly text: string) {
    this.length = this.wide(0);
    this.data = 2 + 2 * (this.length + 1);
  }

  private wide(at: number): number {
    return ((this.text.charCodeAt(at) - SHIFT) << HALF) | (this.text.charCodeAt(at + 1) - SHIFT);
  }

  /** Where list `at`'s numbers start in the text. */
  private start(at: number): number {
    return this.data + this.wide(2 + 2 * at);
  }

  /** How many numbers list `at` holds. */
  sizeOf(at: number): number {
    return this.wide(4 + 2 * at) - this.wide(2 + 2 * at);
  }

  /** Every list at once, for a table read whole: their numbers in one array, list `at`'s at numbers[from[at] .. from[at + 1]). */
  readAll(): { numbers: Int32Array; from: Int32Array } {
    const from = new Int32Array(this.length + 1);
    for (let at = 0; at <= this.length; at++) from[at] = this.wide(2 + 2 * at);
    const numbers = new Int32Array(from[this.length]);
    const { text, data } = this;
    for (let k = 0; k < numbers.length; k++) numbers[k] = text.charCodeAt(data + k) - SHIFT;
    return { numbers, from };
  }

  list(at: number): number[] {
    const size = this.sizeOf(at);
    const from = this.start(at);
    const list = new Array<number>(size);
    for (let k = 0; k < size; k++) list[k] = this.text.charCodeAt(from + k) - SHIFT;
    return list;
  }

  /**
   * List `at` summed as it is read: each number added to the sum before it (lists of ascending numbers
   * are stored as differences). Read in one loop, not number by number through at(): a new tab reads
   * tens of thousands of these numbers in code not yet optimised, where each call costs.
   */
  runningSums(at: number): Int32Array {
    const start = this.start(at);
    const sums = new Int32Array(this.sizeOf(at));
    for (let k = 0, sum = 0; k < sums.length; k++) sums[k] = sum += this.text.charCodeAt(start + k) - SHIFT;
    return sums;
  }
}
