import { describe, expect, it, vi } from 'vitest';
import { loadBuiltinPack, readRuleFiles } from '../../lib/node/rule-files';
import { buildBuiltinPack } from '../../lib/engine/rule-files';
import { categoryName, categoryExample, humanize, ruleName, validateNames } from '../../lib/engine/names';
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

  it('names read as words', () => {
    expect(ruleName('calm-down')).toBe('Telling them to calm down');
    expect(categoryName('policy-wall')).toBe('Hiding behind policy');
    // A personal pack's rule without a name reads as its id in words.
    expect(ruleName('per-my-last-email')).toBe('Per my last email');
  });

  it('the built pack names rules, whole-reply checks (as draft/<check>) and categories as names.yaml does', () => {
    const files = readRuleFiles();
    const { names } = buildBuiltinPack({ ...files, 'names.yaml': { categories: { blame: { name: 'Blame' } }, rules: { 'calm-down': 'Calm' }, checks: { 'too-long': 'Long' } } });
    expect(names).toEqual({ categories: { blame: { name: 'Blame' } }, rules: { 'calm-down': 'Calm', 'draft/too-long': 'Long' } });
  });

  it('a name for a rule that does not exist fails the build, naming the file and the rule', () => {
    const files = readRuleFiles();
    const names = files['names.yaml'] as { rules: Record<string, string> };
    expect(() => buildBuiltinPack({ ...files, 'names.yaml': { ...names, rules: { ...names.rules, 'no-such-rule': 'Nothing' } } })).toThrow(
      /^rules\/names\.yaml: rule "no-such-rule", field "rules": names a rule that does not exist$/,
    );
  });

  it('a name for a check that does not exist fails the build, listing the checks there are (the too-long notice among them)', () => {
    const files = readRuleFiles();
    const names = files['names.yaml'] as { checks: Record<string, string> };
    expect(() => buildBuiltinPack({ ...files, 'names.yaml': { ...names, checks: { ...names.checks, 'no-such-check': 'Nothing' } } })).toThrow(
      /^rules\/names\.yaml: rule "no-such-check", field "checks": names a check that does not exist \(checks: over-apologising, .*, too-long\)$/,
    );
  });

  it('a names file of the wrong shape fails naming the field, or the file when it is no mapping at all', () => {
    const fieldOf = (data: unknown) => {
      try {
        validateNames(data, new Set(), [], 'names.yaml');
      } catch (e) {
        return [(e as Error).message.split(':')[0], (e as { field: string }).field];
      }
      return null;
    };
    expect(fieldOf({ categories: { blame: { example: 'Not our fault.' } }, rules: {}, checks: {} })).toEqual(['names.yaml', 'categories.blame.name']);
    expect(fieldOf({ categories: {}, rules: {} })).toEqual(['names.yaml', 'checks']);
    expect(fieldOf('names')).toEqual(['names.yaml', '(file)']);
    expect(fieldOf({ categories: {}, rules: {}, checks: {} })).toBeNull();
  });

  it('a name of only spaces fails as empty, naming the file and the field', () => {
    expect(() => validateNames({ categories: {}, rules: { 'calm-down': '   ' }, checks: {} }, new Set(['calm-down']), [], 'names.yaml')).toThrow(
      'names.yaml: field "rules.calm-down": must not be empty',
    );
  });

  it('ids without a name read as words: the check prefix dropped, dashes and underscores as single spaces', () => {
    expect(humanize('draft/too-long')).toBe('Too long');
    expect(humanize('per_my--last-email')).toBe('Per my last email');
    expect(humanize('-calm-down-')).toBe('Calm down');
    expect(humanize('my-team/escalations')).toBe('My team/escalations');
    expect(categoryName('team-escalations')).toBe('Team escalations');
    expect(categoryExample('team-escalations')).toBeUndefined();
  });

  it('a pack built without names.yaml has no names, and before any pack is loaded rules and categories read as their ids in words, without examples', async () => {
    const { 'names.yaml': _names, ...withoutNames } = readRuleFiles();
    expect('names' in buildBuiltinPack(withoutNames)).toBe(false);
    vi.resetModules();
    const fresh = await import('../../lib/engine/names');
    expect([fresh.ruleName('calm-down'), fresh.categoryName('policy-wall')]).toEqual(['Calm down', 'Policy wall']);
    expect(fresh.categoryExample('policy-wall')).toBeUndefined();
    (await import('../../lib/engine/builtin')).setBuiltinPack(builtin);
    expect([fresh.ruleName('calm-down'), fresh.categoryName('policy-wall')]).toEqual(['Telling them to calm down', 'Hiding behind policy']);
  });
});
