/**
 * The start index only skips work: for every built-in pattern (rules, their
 * exceptions and the whole-draft lists), the matches found through it are
 * exactly those found by trying every pattern at every token.
 */
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { builtinPack, type BuiltinPack } from '../../lib/engine';
import { compilePack, knownStarts, patternSources, patternStarts, CompiledPattern, type Forms, type PatternStarts } from '../../lib/engine/pack';
import { compileDraftChecks } from '../../lib/engine/draft';
import { buildNfa, longestMatch, MAX_SPAN_TOKENS, type Nfa } from '../../lib/engine/pattern';
import { StartIndex } from '../../lib/engine/start-index';
import { COMMON_WORDS } from '../../lib/engine/start-table';
import { tokenize } from '../../lib/engine/tokenize';
import { splitSentences } from '../../lib/engine/sentences';
import { createLinter } from '../../lib/engine';
import { leanPack } from '../../lib/engine/rule-files';
import { encodeNumberLists, MAX_LISTED_NUMBER, NumberLists } from '../../lib/engine/number-lists';

const allLists = (text: string) => {
  const lists = new NumberLists(text);
  return Array.from({ length: lists.length }, (_, k) => lists.list(k));
};
/** The lists of an encodeAscending string. */
const ascendingLists = (text: string) => allLists(text).map((list) => list.map((n, k) => list.slice(0, k + 1).reduce((sum, d) => sum + d, 0)));
import { readJsonl } from '../eval/corpus';

const { pack, draft } = builtinPack();
const compiled = compilePack(pack, 'built-in rules', pack.macros);
const patterns: CompiledPattern[] = [
  ...compiled.rules.flatMap((r) => [...r.patterns, ...r.before, ...r.after, ...r.earlier, ...r.later, ...r.followedBy]),
  ...(draft ? compileDraftChecks(draft, compiled).patterns.map((p) => p.pattern) : []),
];
// Entries are pattern numbers: equal pattern sources share one compiled pattern, and each use counts.
const index = new StartIndex<number>();
patterns.forEach((p, n) => index.add(p, n));

/** Every match as "pattern@start-end", found through the index or by brute force. */
function matches(sentence: string): { indexed: string[]; everywhere: string[] } {
  const tokens = tokenize(sentence);
  const indexed: string[] = [];
  const everywhere: string[] = [];
  index.prepare(tokens);
  for (let i = 0; i < tokens.length; i++) {
    for (let k = 0, count = index.candidates(tokens, i); k < count; k++) {
      const n = index.found[k];
      const end = longestMatch(patterns[n].matcher, tokens, i);
      if (end > 0) indexed.push(`${n}@${i}-${end}`);
    }
    patterns.forEach((p, n) => {
      const end = longestMatch(p.matcher, tokens, i);
      if (end > 0) everywhere.push(`${n}@${i}-${end}`);
    });
  }
  return { indexed: indexed.sort(), everywhere: everywhere.sort() };
}

/** The hand-labelled real agent replies (../shared/corpus), or null when the corpus is absent. */
function labelledReplies(): string[] | null {
  const labelled = readJsonl('labelled-replies.jsonl');
  const replies = labelled && readJsonl('agent-replies.jsonl');
  if (!labelled || !replies) return null;
  const byId = new Map(replies.map((r) => [r.id, r.text]));
  return labelled.map((l) => byId.get(l.id)).filter((t): t is string => t !== undefined);
}
const realReplies = labelledReplies();

const examples = pack.rules.flatMap((r) => [...r.examples.flag, ...r.examples.pass]);

/** The values `index` offers at each token of `text` (prepared as one sentence), as "token: values". */
function offered(index: StartIndex<string>, text: string): string[] {
  const tokens = tokenize(text);
  index.prepare(tokens);
  return tokens.map((token, i) => `${text.slice(token.start, token.end)}: ${index.found.slice(0, index.candidates(tokens, i)).join(' ')}`.trimEnd());
}

describe('the candidates the start index offers', () => {
  it('offers a pattern at the words it can start with, one that can start anywhere at every token, each only while a word it needs follows in the sentence', () => {
    const index = new StartIndex<string>();
    index.add({ first: ['sorry', 'apologise'], next: null, required: [] }, 'apology');
    index.add({ first: new Set(['calm']), next: null, required: [new Set(['down'])] }, 'calm-down');
    index.add({ first: null, next: null, required: [['policy']] }, 'policy-anywhere');
    expect(offered(index, 'Sorry, calm down: our policy, calm.')).toEqual([
      'Sorry: policy-anywhere apology',
      ',: policy-anywhere',
      'calm: policy-anywhere calm-down',
      'down: policy-anywhere',
      ':: policy-anywhere',
      'our: policy-anywhere',
      'policy: policy-anywhere',
      ',:',
      'calm:',
    ]);
    // The needed words of the sentence before do not count.
    expect(offered(index, 'Stay calm, sorry.')).toEqual(['Stay:', 'calm:', ',:', 'sorry: apology']);
  });

  it('offers a pattern once at a token with several forms it can start with', () => {
    const index = new StartIndex<string>();
    index.add({ first: ['is', 'has'], next: null, required: [] }, 'is-or-has');
    expect(offered(index, "That's it")).toEqual(['That:', "'s: is-or-has", 'it:']);
  });

  it('offers a pattern only where the token after its first can be its second, in the order the patterns were added', () => {
    const index = new StartIndex<string>();
    index.add({ first: ['we'], next: ['are'], required: [] }, 'we-are');
    index.add({ first: ['we'], next: null, required: [] }, 'we-anything');
    index.add({ first: ['we'], next: ['are', 'is', 'has'], required: [] }, 'we-is');
    expect(offered(index, "We are sure we can, we're sure, and we")).toEqual([
      'We: we-are we-anything we-is',
      'are:',
      'sure:',
      'we: we-anything',
      'can:',
      ',:',
      'we: we-are we-anything we-is',
      "'re:",
      'sure:',
      ',:',
      'and:',
      'we: we-anything',
    ]);
    expect(offered(index, "we's")).toEqual(['we: we-anything we-is', "'s:"]);
  });

  it('keeps patterns needing different words apart, even when their words run together the same', () => {
    const index = new StartIndex<string>();
    index.add({ first: ['x'], next: null, required: [new Set(['ab', 'c'])] }, 'ab-or-c');
    index.add({ first: ['y'], next: null, required: [new Set(['a', 'bc'])] }, 'a-or-bc');
    expect(offered(index, 'x y ab')).toEqual(['x: ab-or-c', 'y:', 'ab:']);
  });

  it(`in a sentence of over ${MAX_SPAN_TOKENS} tokens, offers a pattern only where a word it needs follows within ${MAX_SPAN_TOKENS} tokens`, () => {
    const index = new StartIndex<string>();
    index.add({ first: ['calm'], next: null, required: [new Set(['down', 'up'])] }, 'calm-down');
    const at: Record<number, string> = { 2: 'down', 4: 'down', 6: 'down', 60: 'down', 110: 'up' };
    const calm = [0, 7, 20, 21, 62, 71];
    const words = Array.from({ length: 115 }, (_, i) => at[i] ?? (calm.includes(i) ? 'calm' : 'and'));
    const offeredAt = offered(index, words.join(' ')).flatMap((line, i) => (line.endsWith('calm-down') ? [i] : []));
    expect(offeredAt).toEqual([0, 21, 71]);
  });

  it('offers a pattern needing the first word a fresh engine registers (as in a new tab, where that word gets id 0)', async () => {
    vi.resetModules();
    const fresh = await import('../../lib/engine');
    const { wordId } = await import('../../lib/engine/vocabulary');
    const rule = { id: 'stopped-refunds', category: 'policy-wall', severity: 'warning', message: 'Stopped.', match: ['_ refunds'], rewrites: ['we can look at a refund'], examples: { flag: ['a', 'b', 'c'], pass: ['d', 'e', 'f'] } };
    const { rules } = fresh.validatePack({ rules: [rule] }, 'first-word.yaml', {});
    expect(wordId('refunds')).toBe(0);
    const text = 'Sadly we stopped refunds.';
    const found = fresh.createLinter({ basePack: { macros: {}, rules } }).lint(text);
    expect(found.map((f) => `${f.ruleId}:${text.slice(f.start, f.end)}`)).toEqual(['stopped-refunds:stopped refunds']);
  });

  it('in a new tab, gives a start table\'s words their positions as ids, finds them without registering them, and numbers new words after them', async () => {
    vi.resetModules();
    const vocabulary = await import('../../lib/engine/vocabulary');
    const words = ['refund', 'calm', 'we', 'down'];
    vocabulary.reserveWords(words, Int32Array.from([1, 3, 0, 2]));
    const version = vocabulary.vocabularyVersion();
    expect(words.map(vocabulary.wordId)).toEqual([0, 1, 2, 3]);
    expect([vocabulary.wordId('relax'), vocabulary.wordId('')]).toEqual([-1, -1]);
    expect(vocabulary.registerWord('down')).toBe(3);
    // Finding a reserved word changes no id a token holds; a new word does.
    expect(vocabulary.vocabularyVersion()).toBe(version);
    expect(vocabulary.registerWord('relax')).toBe(4);
    expect(vocabulary.vocabularyVersion()).toBeGreaterThan(version);
    expect([vocabulary.wordId('relax'), vocabulary.vocabularySize()]).toEqual([4, 5]);
    expect(() => vocabulary.reserveWords(['late'], Int32Array.from([0]))).toThrow(/empty vocabulary/);
  });
});

describe('start index', () => {
  it('finds exactly the matches of trying every pattern at every token, on every rule example', () => {
    let found = 0;
    for (const example of examples) {
      const { indexed, everywhere } = matches(example);
      expect(indexed, example).toEqual(everywhere);
      found += everywhere.length;
    }
    expect(found).toBeGreaterThan(examples.length);
    // Every pattern at every token of about 8,000 examples: 35 s on an idle 2-core machine, over 120 s at a load of 7.
  }, 300_000);

  it('does the same in long sentences (over the span limit) built from examples and their words', () => {
    const words = [...new Set(examples.flatMap((e) => e.split(/\s+/)))];
    const sentence = fc.array(fc.oneof(fc.constantFrom(...examples), fc.constantFrom(...words)), { minLength: 1, maxLength: 40 }).map((parts) => parts.join(' '));
    fc.assert(
      fc.property(sentence, (s) => {
        const { indexed, everywhere } = matches(s);
        expect(indexed).toEqual(everywhere);
      }),
      { numRuns: 150 },
    );
  });

  it.skipIf(!realReplies)('finds exactly the matches of trying every pattern at every token, on the labelled real replies', () => {
    let found = 0;
    for (const reply of realReplies!) {
      for (const { start, end } of splitSentences(reply)) {
        const sentence = reply.slice(start, end);
        const { indexed, everywhere } = matches(sentence);
        expect(indexed, sentence).toEqual(everywhere);
        found += everywhere.length;
      }
    }
    expect(found).toBeGreaterThan(realReplies!.length);
  });

  it('gives a linter of the shipped pack, which builds each matcher from the NFA in its start table when first needed, the findings of one that parsed them all at load', async () => {
    // A fresh copy of the engine has parsed no pattern yet, as in a new tab: every matcher is built while linting.
    vi.resetModules();
    const fresh = await import('../../lib/engine');
    const shipped = fresh.createLinter({ basePack: JSON.parse(JSON.stringify(leanPack(builtinPack()))) as BuiltinPack });
    const parsed = createLinter();
    for (const text of [...examples, ...(realReplies ?? [])]) {
      for (const context of [undefined, { customerSentiment: -0.6 }]) expect(shipped.lint(text, context), text).toEqual(parsed.lint(text, context));
    }
  });

  it.skipIf(!realReplies)('gives a fresh linter per reply (sharing the compiled index) the findings of one linter reused across them', () => {
    const reused = createLinter();
    for (const reply of realReplies!) expect(createLinter().lint(reply), reply).toEqual(reused.lint(reply));
  });
});

describe('the start table shipped with the pack', () => {
  const sources = patternSources(pack, draft);
  // As the browser reads it: from JSON.
  const starts = JSON.parse(JSON.stringify(patternStarts(sources, pack.macros))) as PatternStarts;
  const known = knownStarts(starts, () => sources);
  const sorted = (forms: Forms | null) => (forms ? [...forms].sort() : null);
  const plain = (nfa: Nfa) => ({ entry: nfa.entry, op: [...nfa.op], out1: [...nfa.out1], out2: [...nfa.out2], forms: nfa.forms.map(sorted) });

  it('reads back, for every pattern, the start forms, second forms, required forms and NFA that parsing it gives', () => {
    const { compile } = compilePack({ macros: pack.macros, rules: [] });
    expect(sources.map((source) => known.numberOf(source))).toEqual(sources.map((_, n) => n));
    for (const source of sources) {
      const number = known.numberOf(source)!;
      const read = CompiledPattern.fromTable(known.table, number);
      // Parsed afresh: compilePack may hand back a pattern it made from a table before.
      const parsed = CompiledPattern.parsed(compile(source));
      expect(sorted(read.first), source).toEqual(sorted(parsed.first));
      expect(sorted(read.next), source).toEqual(sorted(parsed.next));
      expect(read.required.map(sorted), source).toEqual(parsed.required.map(sorted));
      expect(plain(known.table.nfa(number)), source).toEqual(plain(buildNfa(compile(source))));
    }
    // A table made for other patterns is not read.
    const other = knownStarts(starts, () => sources.slice(1));
    expect(sources.map((source) => other.numberOf(source))).toEqual(sources.map(() => undefined));
  });

  it('lists each form and each set of forms once, and only those the patterns use', () => {
    const sets = ascendingLists(starts.sets);
    const [patterns, nfas] = [starts.patterns, starts.nfas].map(allLists);
    expect(new Set(starts.words).size).toBe(starts.words.length);
    expect(new Set(sets.flat()).size).toBe(starts.words.length);
    const setKeys = sets.map((set) => set.map((word) => starts.words[word]).sort().join(' '));
    expect(new Set(setKeys).size).toBe(setKeys.length);
    const wordStateSets = nfas.flatMap((encoded) => encoded.filter((kind, k) => k % 3 === 1 && kind >= 0));
    expect(new Set([...patterns.flat().filter((set) => set >= 0), ...wordStateSets]).size).toBe(sets.length);
  });

  it('gives, per word, the patterns that can start with it or have it second and the required sets it is in, each in order, and the words sorted', () => {
    const [sets, patterns] = [ascendingLists(starts.sets), allLists(starts.patterns)];
    // Worked out the plain way: walk the patterns (and the sets) in order, adding each to the lists of its words.
    const startingWith = starts.words.map((): number[] => []);
    patterns.forEach(([first], pattern) => first >= 0 && sets[first].forEach((word) => startingWith[word].push(pattern)));
    const requiredSets = new Set(patterns.flatMap((list) => list.slice(2)));
    const requiredWith = starts.words.map((): number[] => []);
    sets.forEach((set, at) => requiredSets.has(at) && set.forEach((word) => requiredWith[word].push(at)));
    expect(starts.words.map((_, word) => [...known.table.patternsStartingWith(word)])).toEqual(startingWith);
    expect(starts.words.map((_, word) => [...known.table.requiredSetsWith(word)])).toEqual(requiredWith);
    const secondWith = starts.words.map((): number[] => []);
    patterns.forEach(([, second], pattern) => second >= 0 && sets[second].forEach((word) => secondWith[word].push(pattern)));
    expect(starts.words.map((_, word) => [...known.table.patternsSecondWith(word)])).toEqual(secondWith);
    // And the words in the order a new tab's vocabulary searches them.
    const order = allLists(starts.order)[0];
    expect([...order].sort((x, y) => x - y)).toEqual(starts.words.map((_, at) => at));
    for (let k = 1; k < order.length; k++) expect(starts.words[order[k - 1]] < starts.words[order[k]]).toBe(true);
  });

  it('gives, per pair of words, the patterns that can begin with the two, in order', () => {
    const [sets, patterns] = [ascendingLists(starts.sets), allLists(starts.patterns)];
    const wordOf = new Map(starts.words.map((word, at) => [word, at]));
    // Pairs a hub word begins (a long list either side) and pairs of rarer words.
    const pairs = [['we', 'are'], ['i', 'am'], ['that', 'is'], ['you', 'should'], ['please', 'be'], ['sorry', 'for'], ['as', 'per'], ['calm', 'down']];
    for (const [first, then] of pairs) {
      const [a, b] = [wordOf.get(first)!, wordOf.get(then)!];
      const expected = patterns.flatMap(([f, second], pattern) => (f >= 0 && second >= 0 && sets[f].includes(a) && sets[second].includes(b) ? [pattern] : []));
      expect(expected.length, `${first} ${then}`).toBeGreaterThan(0);
      expect(known.table.patternsStartingWithThen(a, b), `${first} ${then}`).toEqual(expected);
    }
  });

  it('names the words in the most required sets, most first', () => {
    const sizes = starts.words.map((_, word) => known.table.requiredSetsWith(word).length);
    const named = starts.common.map((word) => sizes[word]);
    expect(named.length).toBe(COMMON_WORDS);
    expect(named).toEqual([...named].sort((a, b) => b - a));
    const unnamed = sizes.filter((_, word) => !starts.common.includes(word));
    expect(Math.max(...unnamed)).toBeLessThanOrEqual(Math.min(...named));
  });

  it('packs its number lists into strings that read back exactly, and refuses numbers it cannot store', () => {
    const lists = [[0, 1, -1, -3], [], [MAX_LISTED_NUMBER, 32, 92, 34], [7]];
    const text = encodeNumberLists(lists);
    expect(JSON.parse(JSON.stringify(text))).toBe(text);
    expect(allLists(text)).toEqual(lists);
    const { numbers, from } = new NumberLists(text).readAll();
    expect(lists.map((_, k) => [...numbers.subarray(from[k], from[k + 1])])).toEqual(lists);
    expect([...new NumberLists(encodeNumberLists([[4, 1, 0, 3]])).runningSums(0)]).toEqual([4, 5, 5, 8]);
    expect(() => encodeNumberLists([[MAX_LISTED_NUMBER + 1]])).toThrow(RangeError);
    expect(() => encodeNumberLists([[-13]])).toThrow(/cannot be stored/);
    expect(() => encodeNumberLists([[1.5]])).toThrow(/cannot be stored/);
  });

  it('takes every pattern of every rule field and of the whole-reply checks, each once, in order', () => {
    const rule = { ...pack.rules[0], match: ['a b', 'c'], except: { before: ['d'], after: ['e'], earlier: ['f'], later: ['g'], match: ['j'] }, 'followed-by': ['h', 'a b'], 'preceded-by': ['k'] };
    const bare = { ...pack.rules[0], match: ['i'], except: undefined, 'followed-by': undefined, 'preceded-by': undefined };
    expect(patternSources({ macros: {}, rules: [rule, bare] }, undefined)).toEqual(['a b', 'c', 'd', 'e', 'f', 'g', 'j', 'h', 'k', 'i']);
    expect(patternSources({ macros: {}, rules: [] }, draft)).toEqual([...new Set(Object.values(draft!.patterns).flat())]);
  });

  it('is not used for a pattern once a pack changes a macro it was parsed with', () => {
    const source = sources.find((s) => /^@[a-z-]+ /.test(s))!;
    const name = /^@([a-z-]+) /.exec(source)![1];
    const { compilePattern } = compilePack({ macros: { ...pack.macros, [name]: 'zzzq' }, rules: [] }, 'team.yaml', {}, undefined, known);
    expect(sorted(compilePattern(source).first)).toEqual(['zzzq']);
  });
});
