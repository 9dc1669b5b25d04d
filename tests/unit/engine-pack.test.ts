import { describe, expect, it } from 'vitest';
import { validatePack, PackError, builtinPack, buildBuiltinPack, createLinter } from '../../lib/engine';
import { readRuleFiles } from '../../lib/node/rule-files';

const FILE = 'team-rules.yaml';

function rule(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'no-worries',
    category: 'dismissive',
    severity: 'warning',
    message: 'Shrugging it off tells the customer it does not matter.',
    match: ['no @soft* worries'],
    rewrites: ['I will take care of this'],
    script: 'delay',
    examples: { flag: ['No worries.', 'No worries at all.', 'Ah, no worries.'], pass: ['Worried?', 'Nothing.', 'No problem here.'] },
    ...overrides,
  };
}

/** The PackError thrown by validating `rules` as a user pack with the built-in macros. */
function errorOf(rules: unknown[], extra: Record<string, unknown> = {}): PackError {
  try {
    validatePack({ rules, ...extra }, FILE, builtinPack().pack.macros);
  } catch (e) {
    expect(e).toBeInstanceOf(PackError);
    return e as PackError;
  }
  throw new Error('expected a PackError');
}

describe('validatePack', () => {
  it('accepts a valid user pack that uses the built-in macros', () => {
    const pack = validatePack({ rules: [rule()] }, FILE, builtinPack().pack.macros);
    expect(pack.rules.map((r) => r.id)).toEqual(['no-worries']);
  });

  it('names file, rule and field for an unknown field', () => {
    const e = errorOf([rule({ colour: 'red' })]);
    expect([e.file, e.ruleId, e.message]).toEqual([FILE, 'no-worries', expect.stringMatching(/unknown field\(s\): colour/)]);
    expect(e.message).toContain(FILE);
    expect(e.message).toContain('"no-worries"');
  });

  it('names the field for a bad severity', () => {
    const e = errorOf([rule({ severity: 'fatal' })]);
    expect([e.ruleId, e.field]).toEqual(['no-worries', 'severity']);
    expect(e.problem).toMatch(/suggestion, warning, problem/);
  });

  it('rejects a rewrite ending with sentence punctuation, naming which one', () => {
    const e = errorOf([rule({ rewrites: ['Fine', 'I will take care of this.'] })]);
    expect([e.ruleId, e.field]).toEqual(['no-worries', 'rewrites[1].text']);
    expect(e.problem).toMatch(/must not end with/);
  });

  it('reports pattern syntax errors with the pattern field and index', () => {
    const e = errorOf([rule({ match: ['no worries', '(no worries'] })]);
    expect([e.ruleId, e.field]).toEqual(['no-worries', 'match[1]']);
    expect(e.problem).toMatch(/missing "\)"/);
  });

  it('reports unknown macros, in except patterns too', () => {
    expect(errorOf([rule({ match: ['@nothing worries'] })]).problem).toMatch(/unknown macro @nothing/);
    const e = errorOf([rule({ except: { before: ['@nope'] } })]);
    expect([e.field, e.problem]).toEqual(['except.before[0]', expect.stringMatching(/unknown macro @nope/)]);
  });

  it('rejects duplicate rule ids', () => {
    const e = errorOf([rule(), rule()]);
    expect([e.ruleId, e.field]).toEqual(['no-worries', 'id']);
  });

  it('rejects a pack rule id that clashes with a built-in rule when merged into a linter', () => {
    const builtin = builtinPack().pack.rules[0];
    const pack = validatePack({ rules: [rule({ id: builtin.id, category: builtin.category })] }, FILE, builtinPack().pack.macros);
    expect(() => createLinter({ packs: [pack] })).toThrow(new RegExp(`"${builtin.id}".*already defined in built-in rules`));
  });

  it('names rules without an id by position, and checks examples and categories', () => {
    expect(errorOf([{ ...rule(), id: undefined }]).ruleId).toBe('#1');
    expect(errorOf([rule({ category: 'rude' })]).field).toBe('category');
    expect(errorOf([rule({ examples: { flag: ['one'], pass: ['a', 'b', 'c'] } })]).field).toBe('examples.flag');
    expect(errorOf([rule({ when: 'always' })])).toMatchObject({ field: 'when', problem: expect.stringMatching(/customer-upset/) });
    expect(errorOf([rule({ 'followed-by': ['(click'] })]).field).toBe('followed-by[0]');
  });

  it('rejects a pattern that can match nothing', () => {
    expect(errorOf([rule({ match: ['@soft*'] })]).problem).toMatch(/must not be able to match nothing/);
  });

  it('reports unknown top-level fields and bad macros', () => {
    expect(errorOf([], { colour: 1 }).field).toBe('(top level)');
    const e = errorOf([], { macros: { loop: '@loop' } });
    expect([e.field, e.problem]).toEqual(['macros.loop', expect.stringMatching(/refers to itself/)]);
  });
});

describe('buildBuiltinPack', () => {
  it('reports a draft.yaml pattern error with file and field', () => {
    const files = readRuleFiles();
    const draft = structuredClone(files['draft.yaml']) as { patterns: { hedge: string[] } };
    draft.patterns.hedge = ['(maybe'];
    expect(() => buildBuiltinPack({ ...files, 'draft.yaml': draft })).toThrow(/rules\/draft\.yaml: field "patterns\.hedge\[0\]": missing "\)"/);
  });

  it('rejects a rule whose category differs from its file', () => {
    const files = readRuleFiles();
    const dismissive = structuredClone(files['dismissive.yaml']) as { rules: Record<string, unknown>[] };
    dismissive.rules[0].category = 'blame';
    expect(() => buildBuiltinPack({ ...files, 'dismissive.yaml': dismissive })).toThrow(/rules\/dismissive\.yaml: rule "calm-down", field "category"/);
  });
});
