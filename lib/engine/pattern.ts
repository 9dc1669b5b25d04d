/**
 * The token pattern language rules are written in. Patterns are parsed into
 * Nodes, then compiled to NFAs over tokens (compileMatcher) that match without
 * backtracking, so no pattern can blow up on hostile text.
 *
 *   calm down                 words, matched against token forms (contractions split)
 *   don't  T&Cs               read as the tokenizer splits them in a draft: do not, t cs
 *   (can not|cannot)          alternatives, each a sequence
 *   please?  @soft*           ? optional, * zero or more, + one or more
 *   @soft                     a macro from the pack (rules/lexicon.yaml)
 *   fix~                      inflections: fix, fixes, fixed, fixing
 *   _                         any one word (not punctuation)
 *   %caps                     a word typed in capitals only, 2 to 5 letters ("VRM", "OK")
 *   ,                         a literal comma token
 *   \(  \)                    a literal bracket token
 */
import { CAPS_FORM, tokenize, withCurrentIds, type Token } from './tokenize';
import { registerWord, registerWords } from './vocabulary';

export type Node =
  | { kind: 'word'; forms: ReadonlySet<string> }
  | { kind: 'any' }
  /** `macro`: the group stands for @macro (named in errors). */
  | { kind: 'group'; alts: Node[][]; macro?: string }
  | { kind: 'repeat'; node: Node; min: 0 | 1; max: 1 | typeof Infinity };

export class PatternError extends Error {}

export type MacroResolver = (name: string) => Node[];

export function parsePattern(source: string, resolveMacro: MacroResolver): Node[] {
  const tokens = source.match(/\\[()]|\(|\)|\||[?*+]|@[a-z][a-z0-9-]*|[^\s()|?*+\\]+|\\/gi) ?? [];
  let i = 0;
  const parseSeq = (): Node[] => {
    const seq: Node[] = [];
    while (i < tokens.length && tokens[i] !== ')' && tokens[i] !== '|') {
      let node = parseAtom();
      const q = tokens[i];
      if (q === '?' || q === '*' || q === '+') {
        i++;
        node = { kind: 'repeat', node, min: q === '+' ? 1 : 0, max: q === '?' ? 1 : Infinity };
      }
      seq.push(node);
    }
    return seq;
  };
  const parseAtom = (): Node => {
    const t = tokens[i++];
    if (t === undefined) throw new PatternError(`unexpected end of pattern "${source}"`);
    if (t === '(') {
      const alts: Node[][] = [parseSeq()];
      while (tokens[i] === '|') {
        i++;
        alts.push(parseSeq());
      }
      if (tokens[i++] !== ')') throw new PatternError(`missing ")" in pattern "${source}"`);
      if (alts.some((a) => a.length === 0)) throw new PatternError(`empty alternative in pattern "${source}"`);
      // "(sets?|decides?)" reads as "set, or nothing, …": one optional word among alternatives makes the whole group optional.
      const optional = alts.length > 1 ? alts.map((a) => (a.length === 1 && a[0].kind === 'repeat' && a[0].min === 0 ? a[0].node : null)).find((n) => n?.kind === 'word') : undefined;
      if (optional?.kind === 'word') {
        const [word] = optional.forms;
        throw new PatternError(`"${word}?" in pattern "${source}" lets its group match nothing at all: write each form out, as in "(set|sets)", and put "?" after the group if it may be left out`);
      }
      return { kind: 'group', alts };
    }
    if (t === ')' || t === '|' || t === '?' || t === '*' || t === '+') {
      throw new PatternError(`unexpected "${t}" in pattern "${source}"`);
    }
    if (t.startsWith('@')) return { kind: 'group', alts: [resolveMacro(t.slice(1))], macro: t.slice(1) };
    if (t === '_') return { kind: 'any' };
    // A bracket in the draft ("the CDW (collision damage waiver)"), written \( or \).
    if (t === '\\(' || t === '\\)') return wordNode(t[1]);
    if (t === '\\') throw new PatternError(`"\\" in pattern "${source}" escapes only a bracket: \\( or \\)`);
    if (t.startsWith('%')) {
      if (t !== CAPS_FORM) throw new PatternError(`unknown word class "${t}" in pattern "${source}": the only class is ${CAPS_FORM}`);
      return wordNode(t);
    }
    return wordNodes(t.toLowerCase().replace(/[’`]/g, "'"), source);
  };
  const seq = parseSeq();
  if (tokens[i] === '|') throw new PatternError(`"|" outside parentheses in pattern "${source}": write alternatives as (a|b)`);
  if (i < tokens.length) throw new PatternError(`unbalanced ")" in pattern "${source}"`);
  if (seq.length === 0) throw new PatternError('empty pattern');
  return seq;
}

/** Plain words need no tokenizing (almost all of a pack's). */
const PLAIN_WORD = /^[a-z0-9]+~?$/;

/**
 * A pattern word as the tokenizer reads it in a draft, so a rule matches what its author wrote:
 * "don't" is two tokens there (do + not), "the company's" gets company + 's, "T&Cs" is t + cs and
 * "e.g." is "e.g". A word the tokenizer keeps whole stays one word node.
 */
function wordNodes(word: string, source: string): Node {
  if (PLAIN_WORD.test(word)) return wordNode(word);
  const inflected = word.length > 1 && word.endsWith('~');
  const base = inflected ? word.slice(0, -1) : word;
  const tokens = tokenize(base);
  if (tokens.length === 1 && tokens[0].start === 0 && tokens[0].end === base.length) return wordNode(word);
  if (tokens.length === 0) throw new PatternError(`"${word}" in pattern "${source}" can never match: drafts are not split into tokens that hold it`);
  if (inflected) throw new PatternError(`"${word}" in pattern "${source}": "~" needs a single word (it reads as ${tokens.length} tokens)`);
  const parts = tokens.map((token) => (token.forms.length === 1 ? wordNode(token.forms[0]) : formsNode(token.forms)));
  return parts.length === 1 ? parts[0] : { kind: 'group', alts: [parts] };
}

// Word nodes are shared by every pattern using the word: packs repeat words a lot, and this keeps loading light.
const wordNodeCache = new Map<string, Node>();

function wordNode(word: string): Node {
  let node = wordNodeCache.get(word);
  if (!node) {
    const forms = new Set(word.endsWith('~') ? inflect(word.slice(0, -1)) : [word]);
    forms.forEach(registerWord); // before any text is tokenized for this pattern
    wordNodeCache.set(word, (node = { kind: 'word', forms }));
  }
  return node;
}

/** A token of several forms ("'s": is, has, 's), as the tokenizer gives them. */
function formsNode(forms: readonly string[]): Node {
  const key = forms.join(' ');
  let node = wordNodeCache.get(key);
  if (!node) {
    forms.forEach(registerWord);
    wordNodeCache.set(key, (node = { kind: 'word', forms: new Set(forms) }));
  }
  return node;
}

const inflections = new Map<string, string[]>();

/** Regular English inflections; irregular forms are written out in the rules. */
export function inflect(base: string): string[] {
  let known = inflections.get(base);
  if (!known) inflections.set(base, (known = inflectWord(base)));
  return known;
}

function inflectWord(base: string): string[] {
  const forms = new Set([base, base + 's', base + 'es', base + 'ed', base + 'd', base + 'ing']);
  if (base.endsWith('e')) forms.add(base.slice(0, -1) + 'ing');
  if (base.endsWith('y')) {
    forms.add(base.slice(0, -1) + 'ies');
    forms.add(base.slice(0, -1) + 'ied');
  }
  if (/[^aeiou][aeiou][bdgmnprt]$/.test(base)) {
    const last = base[base.length - 1];
    forms.add(base + last + 'ed');
    forms.add(base + last + 'ing');
  }
  return [...forms];
}

/**
 * A pattern compiled to a Thompson NFA over tokens. Matching simulates all
 * states at once with preallocated buffers: linear in the span length, no
 * backtracking and no allocation per token.
 */
export interface Matcher {
  /**
   * Three numbers per state, at 3 * state: its kind, and the states it leads to (out1, out2 of the Nfa),
   * side by side so following a state reads one cache line (three arrays were three misses).
   */
  readonly graph: Int32Array;
  /** How many states. */
  readonly size: number;
  /** The WORD states that accept each word id: a step looks up the token's ids instead of testing every live state. */
  readonly statesById: IdTable;
  /** Whether the pattern has "_" (any word) states. */
  readonly hasAny: boolean;
  /** Precomputed first step (most runs end there): the states each word id leads to from the start, and where "_" leads. */
  readonly firstById: IdTable;
  readonly firstAny: readonly number[];
}

const WORD = 0;
/** The kind of a WORD state in an Nfa (the others are 1 to 3). */
export const WORD_STATE = WORD;
const ANY = 1;
const SPLIT = 2;
const ACCEPT = 3;

/** No phrase is longer than this many tokens; it bounds the work per start position on pathological input. */
export const MAX_SPAN_TOKENS = 40;

/**
 * A pattern's NFA before it is made ready for matching: what compileMatcher builds from the parsed
 * pattern, and what a pack's start table stores so a shipped pattern needs no parsing (see PatternStarts).
 */
export interface Nfa<Words = Forms> {
  op: readonly number[];
  out1: readonly number[];
  out2: readonly number[];
  /** What each WORD state accepts (null for other states): its forms, or a start table's word ids of them (see StartTable.nfaIds). */
  forms: readonly (Words | null)[];
  entry: number;
}

/** Distinct token forms: a Set when parsed, a list when read from a start table. */
export type Forms = ReadonlySet<string> | readonly string[];

export function compileMatcher(seq: readonly Node[]): Matcher {
  return matcherOf(buildNfa(seq));
}

export function buildNfa(seq: readonly Node[]): Nfa {
  const op: number[] = [];
  const out1: number[] = [];
  const out2: number[] = [];
  const forms: (ReadonlySet<string> | null)[] = [];
  const state = (kind: number, a = -1, b = -1, f: ReadonlySet<string> | null = null) => {
    op.push(kind);
    out1.push(a);
    out2.push(b);
    forms.push(f);
    return op.length - 1;
  };
  // Built back to front: each node is compiled with the state that follows it.
  const compileSeq = (nodes: readonly Node[], next: number): number => {
    for (let i = nodes.length - 1; i >= 0; i--) next = compileNode(nodes[i], next);
    return next;
  };
  const compileNode = (node: Node, next: number): number => {
    switch (node.kind) {
      case 'word':
        return state(WORD, next, -1, node.forms);
      case 'any':
        return state(ANY, next);
      case 'group': {
        const alts = alternativesOf(node);
        let entry = compileSeq(alts[alts.length - 1], next);
        for (let i = alts.length - 2; i >= 0; i--) entry = state(SPLIT, compileSeq(alts[i], next), entry);
        return entry;
      }
      case 'repeat': {
        if (node.max === 1) return state(SPLIT, compileNode(node.node, next), next);
        const loop = state(SPLIT, -1, next);
        const body = compileNode(node.node, loop);
        out1[loop] = body;
        return node.min === 0 ? loop : body;
      }
    }
  };
  const entry = compileSeq(seq, state(ACCEPT));
  return { op, out1, out2, forms, entry };
}

/**
 * The forms a match's second token can have, or null when it can be any word or a match can end after
 * its first token: the start index tries a pattern only where the next token has one of them.
 */
export function secondForms(nfa: Nfa): ReadonlySet<string> | null {
  const { op, out1, forms } = nfa;
  const second = new Set<string>();
  for (const first of withoutTokens(nfa, nfa.entry)) {
    if (op[first] !== WORD && op[first] !== ANY) continue;
    for (const s of withoutTokens(nfa, out1[first])) {
      if (op[s] === WORD) forms[s]!.forEach((form) => second.add(form));
      else if (op[s] !== SPLIT) return null; // any word, or the end of a match
    }
  }
  return second;
}

/** The states reachable from `from` without consuming a token (through SPLIT states), `from` included. */
function withoutTokens({ op, out1, out2 }: Pick<Nfa, 'op' | 'out1' | 'out2'>, from: number): Set<number> {
  const reached = new Set<number>();
  const stack = [from];
  while (stack.length) {
    const s = stack.pop()!;
    if (reached.has(s)) continue;
    reached.add(s);
    if (op[s] === SPLIT) stack.push(out2[s], out1[s]);
  }
  return reached;
}

/**
 * Where id `id` is first looked for in a table of 2^(32 - shift) slots: Fibonacci hashing. Ids are
 * numbered in the order words were registered, so a macro's words have consecutive ids; taken as they
 * are (id & mask), they filled runs of neighbouring slots, and a lookup that missed walked the whole run.
 */
function firstSlot(id: number, shift: number): number {
  return Math.imul(id, 0x9e3779b1) >>> shift;
}

/**
 * Word id -> list of states, open-addressed in one typed array: every step of every match looks ids up
 * here, and a Map of boxed lists cost a third of matching time in profiles. Slots, their bounds and
 * the states share one array, so a lookup reads a few neighbouring cache lines of one object (with the
 * keys, bounds and states in three arrays, their headers and data were most of its cache misses).
 */
export class IdTable {
  /**
   * Per slot two numbers, at `2 * slot`: its key id + 1 (0: empty), and where its states start in this
   * array (the next slot's start is where they end; one more start follows the last slot); then the states.
   */
  readonly data: Int32Array;
  private readonly mask: number;
  /** 32 minus log2 of the table's size: see firstSlot. */
  private readonly shift: number;
  /**
   * Bit `id & 31` set for each key id: most lookups miss, and in a small table most misses are
   * turned away by this bit without reading the slots.
   */
  private readonly present: number;

  private constructor(data: Int32Array, size: number, shift: number, present: number) {
    this.data = data;
    this.mask = size - 1;
    this.shift = shift;
    this.present = present;
  }

  /**
   * The table of `pairs[0 .. length)`, read as id, state, id, state…: each id's states in their order
   * there. Built in one typed array (no list per id), so building many tables leaves little garbage.
   * Only distinct ids are hashed, and the table is sized by them: a matcher's states list the same ids
   * many times over (a macro's words in several states), and hashing every pair into a table of that size
   * was a large part of a new tab's first lint.
   */
  static fromPairs(pairs: readonly number[], length: number): IdTable {
    const distinct = countStates(pairs, length);
    let size = 8;
    let shift = 29;
    // A quarter full at most, and never larger than one slot per number listed (as many as half full).
    while (size < Math.min(length, 4 * distinct)) (size *= 2), shift--;
    const mask = size - 1;
    const data = new Int32Array(2 * size + 2 + (length >> 1));
    // Each slot's count goes in the start after it; the counts are then added up into starts.
    let present = 0;
    for (let d = 0; d < distinct; d++) {
      const id = distinctIds[d];
      let slot = firstSlot(id, shift);
      while (data[2 * slot] !== 0) slot = (slot + 1) & mask;
      data[2 * slot] = id + 1;
      data[2 * slot + 3] = statesOf[id];
      present |= 1 << id;
    }
    data[1] = 2 * size + 2;
    for (let slot = 0; slot < size; slot++) data[2 * slot + 3] += data[2 * slot + 1];
    // statesOf now holds where each id's next state goes, from its slot's start.
    for (let slot = 0; slot < size; slot++) if (data[2 * slot] !== 0) statesOf[data[2 * slot] - 1] = data[2 * slot + 1];
    for (let k = 0; k < length; k += 2) data[statesOf[pairs[k]]++] = pairs[k + 1];
    for (let d = 0; d < distinct; d++) statesOf[distinctIds[d]] = 0;
    return new IdTable(data, size, shift, present);
  }

  /** Where `id`'s slot is in data (its states run from data[at + 1] to data[at + 3]), or -1 (also for an unknown word's negative id). */
  slotOf(id: number): number {
    if (id < 0 || (this.present & (1 << id)) === 0) return -1;
    const data = this.data;
    for (let slot = firstSlot(id, this.shift); ; slot = (slot + 1) & this.mask) {
      const key = data[2 * slot];
      if (key === id + 1) return 2 * slot;
      if (key === 0) return -1;
    }
  }
}

/** Scratch for IdTable.fromPairs, indexed by word id (ids number the vocabulary, so it stays small): each id's state count. All 0 between calls. */
let statesOf = new Int32Array(1024);
/** Scratch for IdTable.fromPairs: the distinct ids of its pairs, in the order first listed. */
let distinctIds = new Int32Array(256);

/** Counts each id's states of `pairs[0 .. length)` into statesOf and lists the distinct ids in distinctIds; returns how many there are. */
function countStates(pairs: readonly number[], length: number): number {
  let distinct = 0;
  for (let k = 0; k < length; k += 2) {
    const id = pairs[k];
    if (id >= statesOf.length) statesOf = grown(statesOf, id + 1);
    if (statesOf[id]++ === 0) {
      if (distinct === distinctIds.length) distinctIds = grown(distinctIds, distinct + 1);
      distinctIds[distinct++] = id;
    }
  }
  return distinct;
}

/** `list` copied into one at least twice as long and at least `size` long (the rest 0). */
function grown(list: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(Math.max(size, 2 * list.length));
  bigger.set(list);
  return bigger;
}

/** The NFA ready for matching: word ids to the states that accept them, and the precomputed first step. */
export function matcherOf({ op, out1, out2, forms, entry }: Nfa<Forms | Int32Array>): Matcher {
  // (id, state) pairs: an IdTable keeps each id's states in the order they are listed.
  const byId: number[] = [];
  const add = (pairs: number[], set: Forms | Int32Array, state: number) => {
    const ids = set instanceof Int32Array ? set : registerWords(set);
    for (let k = 0; k < ids.length; k++) pairs.push(ids[k], state);
  };
  forms.forEach((set, s) => set && add(byId, set, s));
  // The states live before the first token: everything reachable from the entry without consuming one.
  const live = withoutTokens({ op, out1, out2 }, entry);
  const firstById: number[] = [];
  const firstAny: number[] = [];
  for (const s of live) {
    if (op[s] === ANY) firstAny.push(out1[s]);
    const set = forms[s];
    if (set) add(firstById, set, out1[s]);
  }
  const graph = new Int32Array(3 * op.length);
  for (let s = 0; s < op.length; s++) {
    graph[3 * s] = op[s];
    graph[3 * s + 1] = out1[s];
    graph[3 * s + 2] = out2[s];
  }
  return {
    graph,
    size: op.length,
    statesById: IdTable.fromPairs(byId, byId.length),
    hasAny: op.includes(ANY),
    firstById: IdTable.fromPairs(firstById, firstById.length),
    firstAny,
  };
}

const mergedAlternatives = new WeakMap<Node, readonly (readonly Node[])[]>();

/**
 * A group's alternatives with those of one word each merged into one word of all their forms: it
 * matches the same tokens with one state instead of a chain of them ("(0|1|…|500)", long verb lists).
 */
function alternativesOf(group: Extract<Node, { kind: 'group' }>): readonly (readonly Node[])[] {
  let alts = mergedAlternatives.get(group);
  if (!alts) {
    const isWord = (alt: readonly Node[]) => alt.length === 1 && alt[0].kind === 'word';
    const words = group.alts.filter(isWord);
    if (words.length < 2) alts = group.alts;
    else {
      const forms = new Set(words.flatMap((alt) => [...(alt[0] as { forms: ReadonlySet<string> }).forms]));
      alts = [[{ kind: 'word', forms }], ...group.alts.filter((alt) => !isWord(alt))];
    }
    mergedAlternatives.set(group, alts);
  }
  return alts;
}

// Scratch buffers shared by all matchers (matching is synchronous and never re-entrant).
let current = new Int32Array(64);
let following = new Int32Array(256);
let seen = new Int32Array(64);
let generation = 0;
let accepted = false;

function reserve(size: number): void {
  if (seen.length >= size) return;
  const n = Math.max(size, seen.length * 2);
  current = new Int32Array(n);
  // A token has at most 3 forms, so a step reaches at most 4 targets per state (3 forms + "_").
  following = new Int32Array(n * 4);
  seen = new Int32Array(n);
  generation = 0;
}

function nextGeneration(): void {
  if (++generation === 0x7fffffff) {
    seen.fill(0);
    generation = 1;
  }
  accepted = false;
}

/** Add `s` and everything reachable from it without consuming a token; returns the new list length. */
function addState(m: Matcher, s: number, list: Int32Array, length: number): number {
  while (s >= 0 && seen[s] !== generation) {
    seen[s] = generation;
    const kind = m.graph[3 * s];
    if (kind === SPLIT) {
      length = addState(m, m.graph[3 * s + 1], list, length);
      s = m.graph[3 * s + 2];
    } else {
      if (kind === ACCEPT) accepted = true;
      else list[length++] = s;
      return length;
    }
  }
  return length;
}

/**
 * Run `m` from token `start` and report match ends: the longest (default), the
 * shortest, or whether one ends exactly at `until`. Returns the exclusive end
 * token index, or -1. Empty matches never count.
 */
function run(m: Matcher, list: readonly Token[], start: number, mode: 'longest' | 'shortest' | 'longest-words', until = list.length): number {
  const tokens = withCurrentIds(list);
  const stop = Math.min(until, tokens.length, start + MAX_SPAN_TOKENS);
  if (start >= stop) return -1;
  reserve(m.size);
  // First step from the precomputed table.
  const first = tokens[start];
  let targets = 0;
  const firstTable = m.firstById;
  const firstData = firstTable.data;
  for (const id of first.ids) {
    const at = firstTable.slotOf(id);
    if (at >= 0) for (let k = firstData[at + 1], to = firstData[at + 3]; k < to; k++) following[targets++] = firstData[k];
  }
  if (!first.punct) for (let i = 0; i < m.firstAny.length; i++) following[targets++] = m.firstAny[i];
  if (targets === 0) return -1;
  nextGeneration();
  let length = 0;
  for (let i = 0; i < targets; i++) length = addState(m, following[i], current, length);
  let best = -1;
  const graph = m.graph;
  const words = mode === 'longest-words';
  if (accepted && words) anyEnd = start + 1;
  if (accepted && (!words || endsWord(tokens, start + 1))) {
    best = start + 1;
    if (mode === 'shortest') return best;
  }
  for (let pos = start + 1; length > 0 && pos < stop; pos++) {
    const token = tokens[pos];
    // States live now carry this generation; collect where the token leads before starting the next one.
    const live = generation;
    targets = 0;
    const table = m.statesById;
    const data = table.data;
    for (const id of token.ids) {
      const at = table.slotOf(id);
      if (at < 0) continue;
      for (let k = data[at + 1], to = data[at + 3]; k < to; k++) {
        const state = data[k];
        if (seen[state] === live) following[targets++] = graph[3 * state + 1];
      }
    }
    if (m.hasAny && !token.punct) for (let i = 0; i < length; i++) if (graph[3 * current[i]] === ANY) following[targets++] = graph[3 * current[i] + 1];
    nextGeneration();
    length = 0;
    for (let i = 0; i < targets; i++) length = addState(m, following[i], current, length);
    if (accepted && words) anyEnd = pos + 1;
    if (accepted && (!words || endsWord(tokens, pos + 1))) {
      best = pos + 1;
      if (mode === 'shortest') return best;
    }
  }
  return best;
}

const compiledSequences = new WeakMap<readonly Node[], Matcher>();

/** A parsed pattern's matcher, compiled on first use (for callers that keep parsed Node[] patterns). */
function matcherFor(pattern: Matcher | readonly Node[]): Matcher {
  if (!Array.isArray(pattern)) return pattern as Matcher;
  let m = compiledSequences.get(pattern);
  if (!m) compiledSequences.set(pattern, (m = compileMatcher(pattern)));
  return m;
}

/** Longest match of a pattern starting at token `start`, as the exclusive end index, or -1. */
export function longestMatch(pattern: Matcher | readonly Node[], tokens: readonly Token[], start: number): number {
  return run(matcherFor(pattern), tokens, start, 'longest');
}

/** The longest end of the last longestWordMatch run, word end or not. */
let anyEnd = -1;

/**
 * Longest match from token `start` that ends at the end of a word: never between the parts of a
 * contraction ("…for any issues you|'re having"), where a rewrite of the match would leave "'re" behind.
 * With none, a match ending inside a word is widened to the word's end ("…any offer you've") and
 * returned as ~end (below -1), so this hot path allocates nothing; -1: no match.
 */
export function longestWordMatch(m: Matcher, tokens: readonly Token[], start: number): number {
  anyEnd = -1;
  const end = run(m, tokens, start, 'longest-words');
  if (end >= 0 || anyEnd < 0) return end;
  let wordEnd = anyEnd;
  while (!endsWord(tokens, wordEnd)) wordEnd++;
  return ~wordEnd;
}

/** Whether token `end` does not continue the word before it (as the second part of a contraction does). */
function endsWord(tokens: readonly Token[], end: number): boolean {
  return end >= tokens.length || !joined(tokens, end);
}

/** Whether token `k` is the second part of a word split in two ("it|'s", "do|n't", "can|not"): no gap before it. */
export function joined(tokens: readonly Token[], k: number): boolean {
  return k > 0 && !tokens[k].punct && !tokens[k - 1].punct && tokens[k].start === tokens[k - 1].end;
}

/** Shortest match of `m` starting at token `start`, as the exclusive end index, or -1. */
export function shortestMatch(m: Matcher, tokens: readonly Token[], start: number): number {
  return run(m, tokens, start, 'shortest');
}

/** Whether `m` can match ending exactly at token index `end`, starting within `window` tokens before. */
export function matchesEndingAt(pattern: Matcher | readonly Node[], tokens: readonly Token[], end: number, window = 8): boolean {
  const m = matcherFor(pattern);
  for (let s = Math.max(0, end - window); s < end; s++) if (run(m, tokens, s, 'longest', end) === end) return true;
  return false;
}

// Macros are shared sub-sequences, so a pack of macros that each use the previous one twice is small
// as written but doubles at every level when expanded: a macro's size is worked out once, on the shared form.
const wordsOfMacro = new WeakMap<readonly Node[], number>();

/** How many words (and "_") a pattern stands for with every macro written out. */
export function expandedWords(seq: readonly Node[]): number {
  let words = 0;
  for (const node of seq) words += nodeWords(node);
  return words;
}

function nodeWords(node: Node): number {
  switch (node.kind) {
    case 'word':
    case 'any':
      return 1;
    case 'repeat':
      return nodeWords(node.node);
    case 'group': {
      if (node.macro === undefined) return node.alts.reduce((sum, alt) => sum + expandedWords(alt), 0);
      const body = node.alts[0];
      let known = wordsOfMacro.get(body);
      if (known === undefined) wordsOfMacro.set(body, (known = expandedWords(body)));
      return known;
    }
  }
}

/** The macro used in `seq` (directly or inside another macro) that expands to the most words, or null. */
export function largestMacro(seq: readonly Node[]): { name: string; words: number } | null {
  let best: { name: string; words: number } | null = null;
  const visited = new Set<readonly Node[]>();
  const visitSeq = (nodes: readonly Node[]): void => {
    if (visited.has(nodes)) return;
    visited.add(nodes);
    for (const node of nodes) visitNode(node);
  };
  const visitNode = (node: Node): void => {
    if (node.kind === 'repeat') visitNode(node.node);
    else if (node.kind === 'group') {
      if (node.macro !== undefined) {
        const words = nodeWords(node);
        if (!best || words > best.words) best = { name: node.macro, words };
      }
      node.alts.forEach(visitSeq);
    }
  };
  visitSeq(seq);
  return best;
}

/** The forms a match can start with, or null when it can start with any word. */
export function firstForms(seq: readonly Node[]): ReadonlySet<string> | null {
  const parts: ReadonlySet<string>[] = [];
  for (const node of seq) {
    const { forms, nullable } = nodeFirst(node);
    if (forms === null) return null;
    parts.push(forms);
    if (!nullable) return parts.length === 1 ? forms : new Set(parts.flatMap((p) => [...p]));
  }
  throw new PatternError('a pattern must not be able to match nothing');
}

/**
 * For each part after the first that cannot be skipped, the forms it can start with: every match
 * has a token with one of them after its first token (a cheap pre-check before running the
 * matcher). Parts that match any word are left out.
 */
export function requiredForms(seq: readonly Node[]): ReadonlySet<string>[] {
  const required: ReadonlySet<string>[] = [];
  for (let i = 1; i < seq.length; i++) {
    const { forms, nullable } = nodeFirst(seq[i]);
    if (forms !== null && !nullable) required.push(forms);
  }
  return required;
}

type FirstForms = { forms: ReadonlySet<string> | null; nullable: boolean };

// Macro nodes are shared by many patterns, so their first forms are worked out once.
const firstOfNode = new WeakMap<Node, FirstForms>();

function nodeFirst(node: Node): FirstForms {
  let known = firstOfNode.get(node);
  if (!known) firstOfNode.set(node, (known = computeNodeFirst(node)));
  return known;
}

function computeNodeFirst(node: Node): FirstForms {
  switch (node.kind) {
    case 'word':
      return { forms: node.forms, nullable: false };
    case 'any':
      return { forms: null, nullable: false };
    case 'repeat': {
      const inner = nodeFirst(node.node);
      return { forms: inner.forms, nullable: node.min === 0 || inner.nullable };
    }
    case 'group': {
      const forms = new Set<string>();
      let nullable = false;
      for (const alt of node.alts) {
        let altNullable = true;
        for (const n of alt) {
          const f = nodeFirst(n);
          if (f.forms === null) return { forms: null, nullable: false };
          for (const x of f.forms) forms.add(x);
          if (!f.nullable) {
            altNullable = false;
            break;
          }
        }
        nullable ||= altNullable;
      }
      return { forms, nullable };
    }
  }
}
