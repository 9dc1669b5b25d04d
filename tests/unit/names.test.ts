import { describe, expect, it } from 'vitest';
import { loadBuiltinPack, readRuleFiles } from '../../lib/node/rule-files';
import { buildBuiltinPack } from '../../lib/engine/rule-files';
import { categoryName, categoryExample, humanize, ruleExample, ruleName } from '../../lib/engine/names';
import { PHRASE_CATEGORIES } from '../../lib/engine/types';

const builtin = loadBuiltinPack();

describe('rule and category names', () => {
  it('every built-in rule and whole-reply check has a human name, and every category a name and an example', () => {
    for (const rule of builtin.pack.rules) expect(builtin.names?.rules[rule.id], rule.id).toBeTruthy();
    for (const check of Object.keys(builtin.draft.checks)) expect(ruleName(`draft/${check}`)).not.toBe(humanize(check));
    for (const category of [...PHRASE_CATEGORIES, 'draft']) {
      expect(categoryName(category)).not.toMatch(/-/);
      expect(categoryExample(category), category).toBeTruthy();
    }
  });

  it('names read as words, examples are the rule\'s own', () => {
    expect(ruleName('calm-down')).toBe('Telling them to calm down');
    expect(categoryName('policy-wall')).toBe('Hiding behind policy');
    expect(ruleExample('calm-down')).toBe('Please calm down so I can help you.');
    // A personal pack's rule without a name reads as its id in words.
    expect(ruleName('per-my-last-email')).toBe('Per my last email');
  });

  it('a name for a rule that does not exist fails the build, naming the file and the rule', () => {
    const files = readRuleFiles();
    const names = files['names.yaml'] as { rules: Record<string, string> };
    expect(() => buildBuiltinPack({ ...files, 'names.yaml': { ...names, rules: { ...names.rules, 'no-such-rule': 'Nothing' } } })).toThrow(/rules\/names\.yaml.*no-such-rule/);
  });
});
