/**
 * A pack's start table read back (see PatternStarts in pack.ts): the start forms, required forms and
 * NFA of each of its patterns, and which patterns start with each word and which required sets each
 * word meets, so the start index reads what a word needs when a draft first has it, instead of
 * indexing every pattern when a new tab opens.
 */
import { WORD_STATE, type Forms, type Nfa } from './pattern';
import { knownWords, registerWord, reserveWords, vocabularySize } from './vocabulary';
import { encodeNumberLists, NumberLists } from './number-lists';

/** The table as a pack ships it: number lists (see number-lists.ts) over `words` and `sets`. */
export interface PatternStarts {
  /** The macros the patterns were parsed with: the table holds only while every one is unchanged. */
  macros: Record<string, string>;
  /** Every form the sets hold. */
  words: string[];
  /** Their positions, ordered by word (as `<` compares strings), as one number list: a new tab looks words up here (see reserveWords). */
  order: string;
  /** The distinct sets of forms, as positions in `words`, ascending and stored as differences (see encodeAscending). */
  sets: string;
  /** For each of patternSources(pack, draft), in order: its first-form set (-1: any word), its second-form set (-1: none, see secondForms), then its required sets. */
  patterns: string;
  /**
   * For each of those patterns, its NFA (see buildNfa): the entry state, then three numbers a state:
   * its kind (a WORD state as the position of its forms in `sets`, ANY -1, SPLIT -2, ACCEPT -3), out1 and out2.
   */
  nfas: string;
  /**
   * For each word: the patterns whose first-form set holds it, in order (the index reads a word's patterns
   * here), as differences from the number before (see encodeAscending).
   */
  startingWith: string;
  /**
   * For each word: the patterns whose second-form set holds it, in order, as differences like startingWith. With
   * startingWith it gives the patterns a pair of words can begin (see patternsStartingWithThen), so the index
   * reads no pattern's second set.
   */
  secondWith: string;
  /** For each word: the sets it is in that are some pattern's required set, in order, as differences like startingWith. */
  requiredWith: string;
  /** The words in the most required sets, most first (see COMMON_WORDS): the start index gives each a bit instead of marking its sets. */
  common: number[];
}

/**
 * Ascending lists kept as the first number and then each one's difference from the one before: small
 * numbers are one byte in UTF-8 where set and pattern numbers took three, which made these lists a
 * sixth of the download. NumberLists.runningSums reads them back.
 */
export function encodeAscending(lists: readonly (readonly number[])[]): string {
  return encodeNumberLists(lists.map((list) => list.map((n, k) => (k === 0 ? n : n - list[k - 1]))));
}

/** How many words get a bit of their own in the start index: two lanes of 32. */
export const COMMON_WORDS = 64;

/** The `limit` numbers below `n` with the highest count (above 1), highest first, the lower number first on a tie. */
export function mostShared(count: (k: number) => number, n: number, limit: number): number[] {
  const top: number[] = [];
  const counts: number[] = [];
  for (let k = 0; k < n; k++) {
    const c = count(k);
    if (c < 2 || (top.length === limit && c <= counts[limit - 1])) continue;
    let at = Math.min(top.length, limit - 1);
    while (at > 0 && counts[at - 1] < c) at--;
    top.splice(at, 0, k);
    counts.splice(at, 0, c);
    top.length = counts.length = Math.min(top.length, limit);
  }
  return top;
}

export class StartTable {
  readonly setCount: number;
  private readonly words: readonly string[];
  private readonly sets: NumberLists;
  /** PatternStarts.patterns read whole when the table is: the index reads every pattern's sets, and reading them one call at a time cost twice as much. */
  private readonly patterns: { numbers: Int32Array; from: Int32Array };
  private readonly nfas: NumberLists;
  private readonly startingWith: NumberLists;
  private readonly requiredWith: NumberLists;
  private readonly secondWith: NumberLists;
  /** The lists above read back, per word, when first needed (filled up front: an array with holes is a slow one). */
  private readonly starting: (Int32Array | undefined)[];
  private readonly required: (Int32Array | undefined)[];
  private readonly second: (Int32Array | undefined)[];
  /** Per word, made when a pair first needs it: bit `p` set for each pattern of starting[word] (startBits) or second[word] (secondBits). */
  private readonly startBits: (Int32Array | undefined)[];
  private readonly secondBits: (Int32Array | undefined)[];
  /** Word ids of the table's words, and back: the vocabulary may number them otherwise when other patterns came first. */
  private readonly idOfWord: Int32Array;
  private readonly wordOfId: Int32Array;
  /** Whether each word's id is its number here (the table registered the first words, as in a new tab): its sets need no mapping. */
  private readonly sameIds: boolean;
  /** Each set's forms, made when first needed, once: patterns sharing a set share the list. */
  private readonly forms: (readonly string[] | null)[];
  private readonly ids: (Int32Array | null)[];
  /** Word ids of PatternStarts.common, in order. */
  readonly commonIds: readonly number[];

  constructor(starts: PatternStarts) {
    this.words = starts.words;
    this.sets = new NumberLists(starts.sets);
    this.patterns = new NumberLists(starts.patterns).readAll();
    this.nfas = new NumberLists(starts.nfas);
    this.setCount = this.sets.length;
    // Shipped rather than worked out here: working them out was a third of a new tab's cold start.
    this.startingWith = new NumberLists(starts.startingWith);
    this.requiredWith = new NumberLists(starts.requiredWith);
    this.secondWith = new NumberLists(starts.secondWith);
    this.forms = new Array<readonly string[] | null>(this.setCount).fill(null);
    this.ids = new Array<Int32Array | null>(this.setCount).fill(null);
    // Locals, not fields, in the loops: this runs once per new tab, unoptimised.
    const { words } = starts;
    const idOfWord = (this.idOfWord = new Int32Array(words.length));
    this.sameIds = vocabularySize() === 0;
    if (this.sameIds) {
      reserveWords(words, Int32Array.from(new NumberLists(starts.order).list(0)));
      for (let w = 0; w < words.length; w++) idOfWord[w] = w;
    } else for (let w = 0; w < words.length; w++) idOfWord[w] = registerWord(words[w]);
    const wordOfId = (this.wordOfId = new Int32Array(vocabularySize()).fill(-1));
    for (let w = 0; w < words.length; w++) wordOfId[idOfWord[w]] = w;
    this.commonIds = starts.common.map((w) => idOfWord[w]);
    this.starting = new Array<Int32Array | undefined>(this.words.length).fill(undefined);
    this.required = new Array<Int32Array | undefined>(this.words.length).fill(undefined);
    this.second = new Array<Int32Array | undefined>(this.words.length).fill(undefined);
    this.startBits = new Array<Int32Array | undefined>(this.words.length).fill(undefined);
    this.secondBits = new Array<Int32Array | undefined>(this.words.length).fill(undefined);
  }

  /** The patterns whose first token can be table word `word`, in order. */
  patternsStartingWith(word: number): Int32Array {
    return (this.starting[word] ??= this.startingWith.runningSums(word));
  }

  /** The patterns whose second token can be table word `word`, in order. */
  patternsSecondWith(word: number): Int32Array {
    return (this.second[word] ??= this.secondWith.runningSums(word));
  }

  /**
   * The patterns whose first token can be table word `first` and whose second can be table word `then`, in
   * order: the shorter of the two lists, each pattern looked up in a bit set of the other's.
   */
  patternsStartingWithThen(first: number, then: number): number[] {
    const starting = this.patternsStartingWith(first);
    const second = this.patternsSecondWith(then);
    const [list, bits] = starting.length <= second.length ? [starting, (this.secondBits[then] ??= this.bitsOf(second))] : [second, (this.startBits[first] ??= this.bitsOf(starting))];
    const found: number[] = [];
    for (let k = 0; k < list.length; k++) if ((bits[list[k] >> 5] & (1 << (list[k] & 31))) !== 0) found.push(list[k]);
    return found;
  }

  private bitsOf(patterns: Int32Array): Int32Array {
    const bits = new Int32Array((this.patternCount + 31) >> 5);
    for (let k = 0; k < patterns.length; k++) bits[patterns[k] >> 5] |= 1 << (patterns[k] & 31);
    return bits;
  }

  /** The sets table word `word` is in that are some pattern's required set, in order. */
  requiredSetsWith(word: number): Int32Array {
    return (this.required[word] ??= this.requiredWith.runningSums(word));
  }

  get patternCount(): number {
    return this.patterns.from.length - 1;
  }

  /** The forms of set `at`, their word ids known to the vocabulary (registerWords). */
  setForms(at: number): Forms {
    let list = this.forms[at];
    if (!list) {
      const ids = this.setIds(at);
      const words = new Array<string>(ids.length);
      for (let k = 0; k < ids.length; k++) words[k] = this.words[this.wordOfId[ids[k]]];
      knownWords((this.forms[at] = list = words), ids);
    }
    return list;
  }

  /** The word ids of set `at` (the index needs no more of most sets). */
  setIds(at: number): Int32Array {
    let ids = this.ids[at];
    if (!ids) {
      ids = this.ids[at] = this.sets.runningSums(at);
      if (!this.sameIds) for (let k = 0; k < ids.length; k++) ids[k] = this.idOfWord[ids[k]];
    }
    return ids;
  }

  /** Pattern `pattern`'s first-form set, or -1 when it can start with any word. */
  firstSet(pattern: number): number {
    return this.patterns.numbers[this.patterns.from[pattern]];
  }

  /** Pattern `pattern`'s second-form set, or -1 (see secondForms). */
  secondSet(pattern: number): number {
    return this.patterns.numbers[this.patterns.from[pattern] + 1];
  }

  /** Appends requiredSets(pattern) to `list`: the index copies every pattern's, and a subarray each was thousands made per new tab. */
  copyRequiredSets(pattern: number, list: number[]): void {
    const { numbers, from } = this.patterns;
    for (let k = from[pattern] + 2, to = from[pattern + 1]; k < to; k++) list.push(numbers[k]);
  }

  requiredSets(pattern: number): Int32Array {
    return this.patterns.numbers.subarray(this.patterns.from[pattern] + 2, this.patterns.from[pattern + 1]);
  }

  /** The table's number for the word with id `id`, or -1 when the table has no such word. */
  wordOf(id: number): number {
    return id >= 0 && id < this.wordOfId.length ? this.wordOfId[id] : -1;
  }

  nfa(pattern: number): Nfa {
    return this.readNfa(pattern, (set) => this.setForms(set));
  }

  /** The NFA with each WORD state's word ids instead of its forms: all a matcher needs (see matcherOf), and no strings to make. */
  nfaIds(pattern: number): Nfa<Int32Array> {
    return this.readNfa(pattern, (set) => this.setIds(set));
  }

  private readNfa<Words>(pattern: number, wordsOf: (set: number) => Words): Nfa<Words> {
    // Read as one list: number by number, each read would find the list again.
    const numbers = this.nfas.list(pattern);
    const count = (numbers.length - 1) / 3;
    const op: number[] = new Array<number>(count);
    const out1: number[] = new Array<number>(count);
    const out2: number[] = new Array<number>(count);
    const forms: (Words | null)[] = new Array<Words | null>(count);
    for (let s = 0, k = 1; s < count; s++, k += 3) {
      const kind = numbers[k];
      op[s] = kind >= 0 ? WORD_STATE : -kind;
      forms[s] = kind >= 0 ? wordsOf(kind) : null;
      out1[s] = numbers[k + 1];
      out2[s] = numbers[k + 2];
    }
    return { op, out1, out2, forms, entry: numbers[0] };
  }
}
