/**
 * The start index only skips work: for every built-in pattern (rules, their
 * exceptions and the whole-draft lists), the matches found through it are
 * exactly those found by trying every pattern at every token.
 */
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { builtinPack, type BuiltinPack } from '../../lib/engine';
import { compilePack, type CompiledPattern } from '../../lib/engine/pack';
import { compileDraftChecks } from '../../lib/engine/draft';
import { longestMatch } from '../../lib/engine/pattern';
import { StartIndex } from '../../lib/engine/start-index';
import { tokenize } from '../../lib/engine/tokenize';
import { splitSentences } from '../../lib/engine/sentences';
import { createLinter } from '../../lib/engine';
import { withPatternStarts } from '../../lib/engine/rule-files';
import { readJsonl } from '../eval/corpus';

const { pack, draft } = builtinPack();
const compiled = compilePack(pack, 'built-in rules', pack.macros);
const patterns: CompiledPattern[] = [
  ...compiled.rules.flatMap((r) => [...r.patterns, ...r.before, ...r.after, ...r.earlier, ...r.later, ...r.followedBy]),
  ...(draft ? compileDraftChecks(draft, compiled).patterns.map((p) => p.pattern) : []),
];
// Entries are pattern numbers: equal pattern sources share one compiled pattern, and each use counts.
const index = new StartIndex<number>();
patterns.forEach((p, n) => index.add(p.first, p.required, n));

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

describe('start index', () => {
  it('finds exactly the matches of trying every pattern at every token, on every rule example', () => {
    let found = 0;
    for (const example of examples) {
      const { indexed, everywhere } = matches(example);
      expect(indexed, example).toEqual(everywhere);
      found += everywhere.length;
    }
    expect(found).toBeGreaterThan(examples.length);
  });

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
    const shipped = fresh.createLinter({ basePack: JSON.parse(JSON.stringify(withPatternStarts(builtinPack()))) as BuiltinPack });
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
