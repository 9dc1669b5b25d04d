/**
 * Patterns indexed by the token forms they can start with and those their second token can have, so
 * each token only tries the few patterns that can begin there with the token after it, and only when
 * each word every match needs (CompiledPattern.required) occurs close enough after it.
 *
 * Not keyed by the third token as well: tried, it cut the entries a token looks
 * at from about 18 to 10 but a fresh-linter lint by under 5 %, and made a new tab's first lint about
 * 15 % slower (hub words' third-token sets). Most entries looked at fail on their learnt key, one read.
 */
import { MAX_SPAN_TOKENS } from './pattern';
import { withCurrentIds, type Token } from './tokenize';
import { registerWords, vocabularySize } from './vocabulary';
import type { Forms } from './pack';
import { COMMON_WORDS, mostShared, type StartTable } from './start-table';

/** A pattern as the index reads it (see CompiledPattern): from its start table when it has a place in the index's. */
export interface IndexedPattern {
  readonly first: Forms | null;
  readonly next: Forms | null;
  readonly required: readonly Forms[];
  /** The start table it comes from (null: none), and its number there. */
  readonly table?: StartTable | null;
  readonly tableNumber?: number;
}

/** The entries that start with one word id, in entry order: by the id of the token after them, or any (see StartIndex.followersOf). */
interface Followers {
  /** Entries that take any token after their first (or none). */
  loose: readonly number[];
  /**
   * Per id of the token after: the other entries that take it, found when a draft first has the pair (see
   * entriesThen). Listing every pair a word can begin, when it first came up, was a third of a new tab's first lint.
   */
  byNext: NextTable;
  /** The first word's number in the start table (-1: not in it), and the entries not from the table that need a second word. */
  word: number;
  parsed: readonly number[];
}

/**
 * The requirements as flat typed arrays, made when the first sentence is prepared: marking them
 * (prepare) and checking them (candidates) is most of the index's time.
 */
interface RequirementTables {
  /** Requirement numbers met by word id `id`: met[metFrom[id] .. metFrom[id + 1]) (ids below metFrom.length - 1). */
  metFrom: Int32Array;
  met: Int32Array;
  /** Entry `e`'s requirements: list[from[e] .. from[e + 1]). */
  from: Int32Array;
  list: Int32Array;
  /**
   * The words that meet the most requirements ("the", "you", ",") each have a bit in one of two 32-bit
   * lanes (by word id: commonLane, -1 for the others, and commonBit), and each requirement the bits of
   * those it holds (commonMask, two lanes a requirement). Such a word is not marked requirement by
   * requirement (it met hundreds, and marking them was most of prepare): a requirement is also met
   * where a token has a bit of its mask.
   */
  commonLane: Int8Array;
  commonBit: Int32Array;
  commonMask: Int32Array;
  /**
   * Per entry: the requirement checked first, the last one it failed on: most entries looked at fail,
   * and mostly on the same requirement, so one check turns most of them away. Learnt as lints go, so
   * making the tables costs a new tab nothing. -1: none yet; a requirement `q` that some common word
   * meets is kept as -2 - q, so the others are checked by one comparison, without reading their masks.
   */
  key: Int32Array;
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
 * Entries and requirements are numbers into flat arrays, and a requirement is met by one comparison
 * (see seenAt): checking them at every token was most of the index's time, spent chasing pointers.
 *
 * Loops here index arrays or use forEach rather than for-of: a new tab builds the index and runs its
 * first lint in unoptimised code, where every for-of step allocates an iterator result.
 */
export class StartIndex<T> {
  /** Entry numbers by the word id they can start with, and requirement numbers by the ids that meet them (entries not from the table). */
  private readonly byFirst: (number[] | null)[] = [];
  private readonly byRequired: (number[] | null)[] = [];
  private tables: RequirementTables | null = null;
  /** Entries not from the table by the ids their second token can have (see secondForms), and per entry whether it is listed there. */
  private readonly bySecond: (number[] | null)[] = [];
  private readonly needsSecond: boolean[] = [];
  /**
   * Per table pattern: the first entry made from it (-1: none), and per entry the next one made from the
   * same pattern (-1: none): a list per pattern was thousands of arrays made for every new tab.
   */
  private readonly firstEntryOf: Int32Array;
  private readonly lastEntryOf: Int32Array;
  private readonly nextOfPattern: number[] = [];
  /** Per first word id, built when a token first has it (null: no entry starts with it). */
  private followers: (Followers | null | undefined)[] = [];
  /** Scratch for one word id's candidates in candidates() (see gatherIfNear). */
  private readonly gathered: number[] = [];
  private readonly anyWord: number[] = [];
  /** Per anyWord entry: the last token of the prepared sentence its requirements are met from (they are looked at every token). */
  private anyWordUntil: number[] = [];
  /** Per entry: its value, and where its requirements start in requiredList (each entry's follow the one before's). */
  private readonly values: T[] = [];
  private readonly requiredFrom: number[] = [];
  private readonly requiredList: number[] = [];
  /** Per entry: the last lookup that saw it (dedupes tokens with several forms). */
  private readonly marks: number[] = [];
  /** Requirements below this are the table's sets, by number; the others' forms are in parsedForms. */
  private readonly tableSets: number;
  private readonly parsedForms: Forms[] = [];
  /**
   * Per requirement: where one of its forms was last seen, as sentenceBase + token index. Each prepared
   * sentence gets a higher base, so a position left from an earlier sentence is below all of this one's.
   */
  private seenAt = new Int32Array(0);
  /** Per token of the prepared sentence, two lanes each: the common-word bits of it and every token after it (see RequirementTables.commonBit). */
  private commonAfter = new Int32Array(128);
  private sentenceBase = 0;
  private nextBase = 0;
  /** One requirement per distinct set of forms (patterns built from the same macros share them), so a token marks each once. */
  private readonly requirements = new Map<string, number>();
  private readonly requirementOf = new Map<Forms, number>();
  /** See candidates(). */
  readonly found: T[] = [];
  private lookup = 0;
  private positions: FormPositions | null = null;

  /**
   * `table`: patterns placed in it are indexed from it, a word at a time as drafts first use the word,
   * so a new tab does not index thousands of patterns before its first lint.
   */
  constructor(private readonly table: StartTable | null = null) {
    this.tableSets = table ? table.setCount : 0;
    this.firstEntryOf = new Int32Array(table ? table.patternCount : 0).fill(-1);
    this.lastEntryOf = new Int32Array(table ? table.patternCount : 0);
  }

  add(pattern: IndexedPattern, value: T): void {
    const entry = this.values.length;
    this.values.push(value);
    this.marks.push(0);
    if (this.followers.length) this.followers = [];
    this.tables = null;
    this.requiredFrom.push(this.requiredList.length);
    this.nextOfPattern.push(-1);
    const number = pattern.tableNumber ?? -1;
    if (this.table && pattern.table === this.table) {
      const { table } = this;
      this.needsSecond.push(false);
      if (this.firstEntryOf[number] < 0) this.firstEntryOf[number] = entry;
      else this.nextOfPattern[this.lastEntryOf[number]] = entry;
      this.lastEntryOf[number] = entry;
      // A table set's requirement number is its own.
      table.copyRequiredSets(number, this.requiredList);
      if (table.firstSet(number) < 0) this.anyWord.push(entry);
      return;
    }
    const { first, next, required } = pattern;
    this.needsSecond.push(next !== null);
    if (next) {
      const ids = registerWords(next);
      for (let k = 0; k < ids.length; k++) listAt(this.bySecond, ids[k]).push(entry);
    }
    required.forEach((forms) => this.requiredList.push(this.requirement(forms)));
    if (first === null) this.anyWord.push(entry);
    else {
      const ids = registerWords(first);
      for (let k = 0; k < ids.length; k++) listAt(this.byFirst, ids[k]).push(entry);
    }
  }

  private requirement(forms: Forms): number {
    // Shared sets of forms (macros, a start table's sets) are looked up as they are; parsed ones by their words.
    let requirement = this.requirementOf.get(forms);
    if (requirement !== undefined) return requirement;
    // A start table's lists are distinct already (sorting each for a key was most of loading the index).
    const key = Array.isArray(forms) ? null : [...forms].sort().join(' ');
    requirement = key === null ? undefined : this.requirements.get(key);
    if (requirement === undefined) {
      const added = (requirement = this.tableSets + this.parsedForms.length);
      this.parsedForms.push(forms);
      if (key !== null) this.requirements.set(key, added);
      const ids = registerWords(forms);
      for (let k = 0; k < ids.length; k++) listAt(this.byRequired, ids[k]).push(added);
    }
    this.requirementOf.set(forms, requirement);
    return requirement;
  }

  private formsOf(requirement: number): Forms {
    return requirement < this.tableSets ? this.table!.setForms(requirement) : this.parsedForms[requirement - this.tableSets];
  }

  /** Call once per token list before asking for its candidates. */
  prepare(list: readonly Token[]): void {
    const tokens = withCurrentIds(list);
    const { metFrom, met, commonLane, commonBit } = (this.tables ??= this.requirementTables());
    if (this.nextBase + tokens.length >= MAX_BASE) {
      this.seenAt.fill(-1);
      this.nextBase = 0;
    }
    const base = (this.sentenceBase = this.nextBase);
    this.nextBase += tokens.length + 1;
    const seenAt = this.seenAt;
    const known = metFrom.length - 1;
    const table = this.table;
    if (this.commonAfter.length < 2 * tokens.length + 2) this.commonAfter = new Int32Array(4 * tokens.length + 2);
    const commonAfter = this.commonAfter;
    commonAfter.fill(0, 0, 2 * tokens.length + 2);
    for (let i = 0; i < tokens.length; i++) {
      const ids = tokens[i].ids;
      for (let k = 0; k < ids.length; k++) {
        const id = ids[k];
        if (id < 0) continue;
        const lane = id < commonLane.length ? commonLane[id] : -1;
        if (lane >= 0) {
          commonAfter[2 * i + lane] |= commonBit[id];
          continue;
        }
        if (id < known) for (let r = metFrom[id], to = metFrom[id + 1]; r < to; r++) seenAt[met[r]] = base + i;
        const word = table ? table.wordOf(id) : -1;
        if (word >= 0) for (let r = 0, sets = table!.requiredSetsWith(word); r < sets.length; r++) seenAt[sets[r]] = base + i;
      }
    }
    for (let k = 2 * tokens.length - 1; k >= 0; k--) commonAfter[k] |= commonAfter[k + 2];
    this.positions = tokens.length > MAX_SPAN_TOKENS ? new FormPositions(tokens) : null;
    this.limitAnyWord(tokens.length);
  }

  /** Where the requirements of each pattern that can start anywhere stop being met in the prepared sentence (see anyWordUntil). */
  private limitAnyWord(length: number): void {
    const { from, list, commonMask } = this.tables!;
    if (this.anyWordUntil.length !== this.anyWord.length) this.anyWordUntil = new Array<number>(this.anyWord.length).fill(-1);
    for (let k = 0; k < this.anyWord.length; k++) {
      let until = length - 1;
      const entry = this.anyWord[k];
      for (let r = from[entry]; r < from[entry + 1]; r++) until = Math.min(until, this.lastMet(list[r], commonMask[2 * list[r]], commonMask[2 * list[r] + 1], length));
      this.anyWordUntil[k] = until;
    }
  }

  /** The last token of the prepared sentence (of `length` tokens) that meets `requirement`, or below 0. */
  private lastMet(requirement: number, mask0: number, mask1: number, length: number): number {
    const last = this.seenAt[requirement] - this.sentenceBase;
    const after = this.commonAfter;
    // commonAfter only grows towards the start: the last token with a bit of the mask is where it first has one, read from the end.
    for (let j = length - 1; j > last && j >= 0; j--) if ((after[2 * j] & mask0) !== 0 || (after[2 * j + 1] & mask1) !== 0) return j;
    return last;
  }

  private requirementTables(): RequirementTables {
    const metFrom = new Int32Array(this.byRequired.length + 1);
    let total = 0;
    for (let id = 0; id < this.byRequired.length; id++) {
      metFrom[id] = total;
      total += this.byRequired[id]?.length ?? 0;
    }
    metFrom[this.byRequired.length] = total;
    const met = new Int32Array(total);
    this.byRequired.forEach((requirements, id) => requirements && met.set(requirements, metFrom[id]));
    const from = new Int32Array(this.values.length + 1);
    for (let e = 0; e < this.values.length; e++) from[e] = this.requiredFrom[e];
    from[this.values.length] = this.requiredList.length;
    const requirements = this.tableSets + this.parsedForms.length;
    if (this.seenAt.length !== requirements) {
      this.seenAt = new Int32Array(requirements).fill(-1);
      this.nextBase = 0;
    }
    const key = new Int32Array(this.values.length).fill(-1);
    return { metFrom, met, from, list: new Int32Array(this.requiredList), ...this.commonWords(metFrom, met, requirements), key };
  }

  /** See RequirementTables.commonBit: the words that meet the most requirements get a bit each. */
  private commonWords(metFrom: Int32Array, met: Int32Array, requirements: number): Pick<RequirementTables, 'commonLane' | 'commonBit' | 'commonMask'> {
    const table = this.table;
    const size = vocabularySize();
    // A start table names its common words (looking for them among thousands of words was a tenth of a new
    // tab's first lint); any word will do for correctness, as every set holding it gets its bit.
    const top = table ? table.commonIds : mostShared((id) => metFrom[id + 1] - metFrom[id], metFrom.length - 1, COMMON_WORDS);
    const commonLane = new Int8Array(size).fill(-1);
    const commonBit = new Int32Array(size);
    const commonMask = new Int32Array(2 * requirements);
    top.forEach((id, k) => {
      const lane = k >> 5;
      const bit = 1 << (k & 31);
      commonLane[id] = lane;
      commonBit[id] = bit;
      if (id < metFrom.length - 1) for (let r = metFrom[id]; r < metFrom[id + 1]; r++) commonMask[2 * met[r] + lane] |= bit;
      const word = table ? table.wordOf(id) : -1;
      if (word >= 0) for (let r = 0, sets = table!.requiredSetsWith(word); r < sets.length; r++) commonMask[2 * sets[r] + lane] |= bit;
    });
    return { commonLane, commonBit, commonMask };
  }

  /**
   * How many values' patterns may match from token `i` of the prepared tokens; they are
   * `found[0 .. count)`, valid until the next call (the array is reused, never cleared).
   */
  candidates(tokens: readonly Token[], i: number): number {
    const found = this.found;
    let count = 0;
    this.tables ??= this.requirementTables();
    const ids = tokens[i].ids;
    const after = i + 1 < tokens.length ? tokens[i + 1].ids : NO_IDS;
    // Not only at words: a pattern that can start with any word may also start with punctuation ("(_ | , _)").
    const anyWord = this.anyWord;
    for (let e = 0; e < anyWord.length; e++) if (i <= this.anyWordUntil[e] && this.requiredNear(anyWord[e], i)) found[count++] = this.values[anyWord[e]];
    if (ids.length === 1 && after.length <= 1) {
      // Most tokens: one form, and one after it, so two lists in entry order, merged as they are read.
      const followers = ids[0] >= 0 ? this.followersOf(ids[0]) : undefined;
      if (!followers) return count;
      const list = after.length === 1 ? this.entriesThen(followers, after[0]) : NO_ENTRIES;
      const loose = followers.loose;
      let a = 0;
      let b = 0;
      while (a < loose.length || b < list.length) {
        const entry = b >= list.length || (a < loose.length && loose[a] < list[b]) ? loose[a++] : list[b++];
        if (this.requiredNear(entry, i)) found[count++] = this.values[entry];
      }
      return count;
    }
    // A token of several forms, or before one: each form's entries in entry order, none twice.
    const mark = ++this.lookup;
    for (let k = 0; k < ids.length; k++) {
      const followers = ids[k] >= 0 ? this.followersOf(ids[k]) : undefined;
      if (!followers) continue;
      // The entries that pass, gathered from several lists, then put in order (few pass: sorting all was slow).
      let n = 0;
      for (let j = 0; j < after.length; j++) {
        const list = this.entriesThen(followers, after[j]);
        for (let e = 0; e < list.length; e++) n = this.gatherIfNear(list[e], i, mark, n);
      }
      for (let e = 0; e < followers.loose.length; e++) n = this.gatherIfNear(followers.loose[e], i, mark, n);
      sortPrefix(this.gathered, n);
      for (let e = 0; e < n; e++) found[count++] = this.values[this.gathered[e]];
    }
    return count;
  }

  /** Adds `entry` to `gathered[n]` when no list of this lookup (`mark`) had it and its requirements are near token `i`; returns the new length. */
  private gatherIfNear(entry: number, i: number, mark: number, n: number): number {
    if (this.marks[entry] === mark) return n;
    this.marks[entry] = mark;
    if (this.requiredNear(entry, i)) this.gathered[n++] = entry;
    return n;
  }

  /** The entries starting with word `id`, by the token after them; undefined when none starts with it. */
  private followersOf(id: number): Followers | undefined {
    // Grown a vocabulary at a time by fill, never by assigning past the end (a hole makes a slow array).
    if (id >= this.followers.length) this.followers = this.followers.concat(new Array<undefined>(Math.max(id + 1, vocabularySize()) - this.followers.length).fill(undefined));
    let followers = this.followers[id];
    if (followers === undefined) this.followers[id] = followers = this.followersFor(id);
    return followers ?? undefined;
  }

  /** The entries starting with word `id`: the loose ones listed, the others left for entriesThen; null when none starts with it. */
  private followersFor(id: number): Followers | null {
    const loose: number[] = [];
    const parsed: number[] = [];
    let starts = false;
    const word = this.table ? this.table.wordOf(id) : -1;
    const patterns = word >= 0 ? this.table!.patternsStartingWith(word) : NO_PATTERNS;
    for (let k = 0; k < patterns.length; k++) {
      if (this.firstEntryOf[patterns[k]] < 0) continue;
      starts = true;
      if (this.table!.secondSet(patterns[k]) < 0) for (let e = this.firstEntryOf[patterns[k]]; e >= 0; e = this.nextOfPattern[e]) loose.push(e);
    }
    const byFirst = this.byFirst[id] ?? NO_ENTRIES;
    for (let k = 0; k < byFirst.length; k++) (this.needsSecond[byFirst[k]] ? parsed : loose).push(byFirst[k]);
    if (!starts && !byFirst.length) return null;
    return { loose: ascending(loose), byNext: new NextTable(), word, parsed };
  }

  /** The entries of `followers` other than its loose ones that take a token of id `next` after their first, in entry order. */
  private entriesThen(followers: Followers, next: number): readonly number[] {
    if (next < 0) return NO_ENTRIES;
    let entries = followers.byNext.get(next);
    if (entries === null) followers.byNext.set(next, (entries = this.findEntriesThen(followers, next)));
    return entries;
  }

  private findEntriesThen(followers: Followers, next: number): readonly number[] {
    const entries: number[] = [];
    const nextWord = followers.word >= 0 ? this.table!.wordOf(next) : -1;
    if (nextWord >= 0) {
      const patterns = this.table!.patternsStartingWithThen(followers.word, nextWord);
      for (let k = 0; k < patterns.length; k++) for (let e = this.firstEntryOf[patterns[k]]; e >= 0; e = this.nextOfPattern[e]) entries.push(e);
    }
    // Both in entry order: merged.
    const { parsed } = followers;
    const second = this.bySecond[next] ?? NO_ENTRIES;
    for (let a = 0, b = 0; a < parsed.length && b < second.length; ) {
      if (parsed[a] < second[b]) a++;
      else if (parsed[a] > second[b]) b++;
      else {
        entries.push(parsed[a]);
        a++;
        b++;
      }
    }
    return entries.length ? ascending(entries) : NO_ENTRIES;
  }

  /** Whether each requirement of `entry` is met at token `i` or after it (and, in a long sentence, within a phrase's span of it). */
  private requiredNear(entry: number, i: number): boolean {
    const at = this.sentenceBase + i;
    const { from, list, commonMask, key } = this.tables!;
    const first = key[entry];
    if (first >= 0 && this.seenAt[first] < at) return false;
    const common0 = this.commonAfter[2 * i];
    const common1 = this.commonAfter[2 * i + 1];
    if (first < -1) {
      const q = -2 - first;
      if (this.seenAt[q] < at && (commonMask[2 * q] & common0) === 0 && (commonMask[2 * q + 1] & common1) === 0) return false;
    }
    const to = from[entry + 1];
    for (let r = from[entry]; r < to; r++) {
      const q = list[r];
      if (this.seenAt[q] < at && (commonMask[2 * q] & common0) === 0 && (commonMask[2 * q + 1] & common1) === 0) {
        key[entry] = (commonMask[2 * q] | commonMask[2 * q + 1]) === 0 ? q : -2 - q;
        return false;
      }
    }
    if (!this.positions) return true;
    for (let r = from[entry]; r < to; r++) if (!this.positions.anyWithinSpan(this.formsOf(list[r]), i)) return false;
    return true;
  }
}

const NO_IDS: readonly number[] = [];

/**
 * Lists by word id, added one at a time, in an open-addressing table probed from the id itself: ids are
 * small and dense, and this read on every token was a few percent slower as a Map.
 */
class NextTable {
  /** Per slot: its id + 1 (0: empty). */
  private keys = new Int32Array(8);
  private lists: (readonly number[] | null)[] = new Array<readonly number[] | null>(8).fill(null);
  private count = 0;

  /** The list of `id` (at least 0), or null when none was set. */
  get(id: number): readonly number[] | null {
    const { keys } = this;
    const mask = keys.length - 1;
    for (let slot = id & mask; ; slot = (slot + 1) & mask) {
      const key = keys[slot];
      if (key === id + 1) return this.lists[slot];
      if (key === 0) return null;
    }
  }

  set(id: number, list: readonly number[]): void {
    if (2 * (this.count + 1) > this.keys.length) this.grow();
    this.put(id, list);
    this.count++;
  }

  private put(id: number, list: readonly number[]): void {
    const mask = this.keys.length - 1;
    let slot = id & mask;
    while (this.keys[slot] !== 0) slot = (slot + 1) & mask;
    this.keys[slot] = id + 1;
    this.lists[slot] = list;
  }

  private grow(): void {
    const { keys, lists } = this;
    this.keys = new Int32Array(2 * keys.length);
    this.lists = new Array<readonly number[] | null>(2 * keys.length).fill(null);
    for (let slot = 0; slot < keys.length; slot++) if (keys[slot] !== 0) this.put(keys[slot] - 1, lists[slot]!);
  }
}
const NO_ENTRIES: readonly number[] = [];
const NO_PATTERNS = new Int32Array(0);

/** `list` in ascending order: usually it is already, as a start table lists patterns in the order rules use them. */
function ascending(list: number[]): number[] {
  for (let k = 1; k < list.length; k++) if (list[k - 1] > list[k]) return list.sort((a, b) => a - b);
  return list;
}

/**
 * The list at `id`, made when first needed. The arrays grow by push, never by assigning past their end:
 * a hole would turn them into slow dictionary-backed arrays (indexing was most of a cold start's time).
 */
function listAt(lists: (number[] | null)[], id: number): number[] {
  while (lists.length <= id) lists.push(null);
  return (lists[id] ??= []);
}

/** Sort `list[0 .. n)` in place (a few entries: insertion sort, no allocation). */
function sortPrefix(list: number[], n: number): void {
  for (let k = 1; k < n; k++) {
    const v = list[k];
    let j = k - 1;
    while (j >= 0 && list[j] > v) {
      list[j + 1] = list[j];
      j--;
    }
    list[j + 1] = v;
  }
}

/** Sentence bases start again from 0 below this, so positions stay small integers. */
const MAX_BASE = 2 ** 30;
