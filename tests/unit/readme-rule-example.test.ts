/** The rule format example in README.md is a working rule: it validates, and its own examples pass. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createLinter, validatePack, builtinPack, applyFindingRewrite } from '../../lib/engine';

const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
const section = readme.slice(readme.indexOf('### Rule format'));
const yaml = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? '';

describe('README rule example', () => {
  it('validates and flags exactly its flag examples', () => {
    const { macros } = builtinPack().pack;
    const { rules } = validatePack(parse(yaml), 'README.md', macros);
    expect(rules).toHaveLength(1);
    const [rule] = rules;
    const linter = createLinter({ basePack: { macros, rules } });
    const flags = (text: string) => linter.lint(text).some((f) => f.ruleId === rule.id);
    for (const text of rule.examples.flag) expect(flags(text), text).toBe(true);
    for (const text of rule.examples.pass) expect(flags(text), text).toBe(false);
    expect(rule.examples.corrected.length).toBeGreaterThanOrEqual(3);
    for (const { text, correction } of rule.examples.corrected) {
      const hit = linter.lint(text).find((f) => f.ruleId === rule.id)!;
      expect(applyFindingRewrite(text, hit, 0), text).toBe(correction);
    }
  });
});
