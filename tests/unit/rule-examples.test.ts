/**
 * Runs every rule's own examples, the way ESLint's RuleTester runs valid /
 * invalid cases: each `flag:` example must be flagged by that rule, each
 * `pass:` example must not be.
 */
import { describe, expect, it } from 'vitest';
import { createLinter, builtinPack, applyFindingRewrite, PHRASE_CATEGORIES, type LintContext } from '../../lib/engine';

const linter = createLinter();
const { pack } = builtinPack();
/** Rules with `when: customer-upset` are tried against an upset customer, and must stay silent for a calm one. */
const UPSET: LintContext = { customerSentiment: -0.8 };
const CALM: LintContext = { customerSentiment: 0.3 };

describe('rule pack', () => {
  it('covers every phrase category of the content spec', () => {
    const categories = new Set(pack.rules.map((r) => r.category));
    expect([...PHRASE_CATEGORIES].filter((c) => !categories.has(c))).toEqual([]);
  });
});

for (const rule of pack.rules) {
  describe(`${rule.category}/${rule.id}`, () => {
    it('has at least 3 flag and 3 pass examples and a script', () => {
      expect(rule.examples.flag.length).toBeGreaterThanOrEqual(3);
      expect(rule.examples.pass.length).toBeGreaterThanOrEqual(3);
      expect(rule.script).toBeTruthy();
    });
    const context = rule.when ? UPSET : undefined;
    for (const example of rule.examples.flag) {
      it(`flags: ${example}`, () => {
        const hits = linter.lint(example, context).filter((f) => f.ruleId === rule.id);
        expect(hits, `"${example}" should be flagged by ${rule.id}`).toHaveLength(1);
        if (rule.when) expect(linter.lint(example, CALM).filter((f) => f.ruleId === rule.id), 'only for an upset customer').toEqual([]);
      });
    }
    // Like LanguageTool's correction=: the whole sentence after the first rewrite, as the card applies it.
    for (const { text, correction } of rule.examples.corrected) {
      it(`corrects: ${text} → ${correction}`, () => {
        const hit = linter.lint(text, context).find((f) => f.ruleId === rule.id);
        expect(hit?.rewrites.length, `"${text}" should get a rewrite from ${rule.id}`).toBeGreaterThan(0);
        expect(applyFindingRewrite(text, hit!, 0)).toBe(correction);
      });
    }
    // Linted inside the test, not while tests are collected: collect-time linting makes every engine mutant "static" for Stryker.
    it('shows at least 3 before → after examples if it has a one-key rewrite', () => {
      const oneKey = rule.examples.flag.some((text) => linter.lint(text, context).some((f) => f.ruleId === rule.id && f.rewrites.length > 0));
      expect(oneKey && rule.examples.corrected.length < 3, `${rule.id} offers a one-key rewrite, so it needs 3 corrected examples`).toBe(false);
    });
    for (const example of rule.examples.pass) {
      it(`passes: ${example}`, () => {
        const hits = linter.lint(example, context).filter((f) => f.ruleId === rule.id);
        expect(hits.map((f) => example.slice(f.start, f.end)), `"${example}" should not be flagged by ${rule.id}`).toEqual([]);
      });
    }
  });
}
