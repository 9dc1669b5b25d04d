import { describe, expect, it, vi } from 'vitest';
import { validatePack, PackError, builtinPack, buildBuiltinPack, createLinter } from '../../lib/engine';
import { readRuleFiles } from '../../lib/node/rule-files';
import { compilePack } from '../../lib/engine/pack';

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
    const e = errorOf([rule({ colour: 'red', size: 2 })]);
    expect([e.file, e.ruleId, e.message]).toEqual([FILE, 'no-worries', expect.stringMatching(/unknown field\(s\): colour, size$/)]);
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

  it('names the except field of a bad pattern, for after, earlier and later too', () => {
    for (const field of ['after', 'earlier', 'later']) {
      const e = errorOf([rule({ except: { [field]: ['fine', '(oops'] } })]);
      expect([e.ruleId, e.field], field).toEqual(['no-worries', `except.${field}[1]`]);
    }
  });

  it('reports a macro that does not parse once for itself and once where a rule uses it, with the parse error both times', () => {
    const e = errorOf([rule({ match: ['@bad worries'] })], { macros: { bad: '(oops' } });
    expect(e.problems.map((p) => [p.field, p.problem])).toEqual([
      ['macros.bad', expect.stringMatching(/missing "\)"/)],
      ['match[0]', expect.stringMatching(/missing "\)"/)],
    ]);
  });

  it('reads the same pattern with each pack\'s own macros', () => {
    const first = (definition: string) => [...(compilePack({ macros: { mood: definition }, rules: [] }).compilePattern('@mood day').first ?? [])];
    expect(first('sunny')).toEqual(['sunny']);
    expect(first('rainy')).toEqual(['rainy']);
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
    expect(String(errorOf([rule(), null]))).toMatch(/^PackError: team-rules\.yaml: rule "#2", field /);
    expect(errorOf([rule({ category: 'rude' })]).field).toBe('category');
    expect(errorOf([rule({ examples: { flag: ['one'], pass: ['a', 'b', 'c'] } })]).field).toBe('examples.flag');
    // A before → after example without its "after" says what the field takes, not "Invalid input".
    expect(errorOf([rule({ examples: { flag: ['No worries.', 'No worries at all.', { text: 'Ah, no worries.' }], pass: ['a', 'b', 'c'] } })])).toMatchObject({ field: 'examples.flag[2]', problem: expect.stringMatching(/\{text, correction\}/) });
    expect(errorOf([rule({ when: 'always' })])).toMatchObject({ field: 'when', problem: expect.stringMatching(/customer-upset/) });
    expect(errorOf([rule({ 'followed-by': ['(click'] })]).field).toBe('followed-by[0]');
  });

  it('rejects a pattern that can match nothing', () => {
    expect(errorOf([rule({ match: ['@soft*'] })]).problem).toMatch(/must not be able to match nothing/);
  });

  it('refuses a macro that changes a built-in one (the built-in rules ship already parsed with it), but takes a copy of one as it stands', () => {
    const e = errorOf([rule({ match: ['no @soft worries'] })], { macros: { soft: '(just|kindly)' } });
    expect([e.ruleId, e.field, e.problem]).toEqual([undefined, 'macros.soft', expect.stringMatching(/is a built-in macro.*give yours another name/)]);
    expect(validatePack({ rules: [rule()], macros: { soft: builtinPack().pack.macros.soft, mild: '(kindly)' } }, FILE, builtinPack().pack.macros).macros).toHaveProperty('mild');
  });

  it('refuses a pattern written as a reference into the shipped start table', () => {
    expect(errorOf([rule({ match: ['\uE0007'] })])).toMatchObject({ field: 'match[0]', problem: expect.stringMatching(/U\+E000/) });
  });

  it('reports unknown top-level fields and bad macros', () => {
    expect(errorOf([], { colour: 1 }).field).toBe('(top level)');
    const e = errorOf([], { macros: { loop: '@loop' } });
    expect([e.field, e.problem]).toEqual(['macros.loop', expect.stringMatching(/refers to itself/)]);
  });
});

describe('validatePack, rule by rule', () => {
  it('rejects "can not" in a rewrite (any case), but not a word that starts with "not"', () => {
    const e = errorOf([rule({ rewrites: ['I will check it', 'We Can Not refund it'] })]);
    expect([e.field, e.problem]).toEqual(['rewrites[1].text', 'write "cannot", not "can not"']);
    expect(validatePack({ rules: [rule({ rewrites: ['I can note the order number'] })] }, FILE, builtinPack().pack.macros).rules[0].rewrites).toEqual([{ text: 'I can note the order number' }]);
  });

  it('rejects an edit that is no regular expression the way rewrites read it (with the u flag)', () => {
    const e = errorOf([rule({ rewrites: [{ text: 'I will take care of this', edit: ['\\-', ' '] }] })]);
    expect([e.field, e.problem]).toEqual(['rewrites[0].edit[0]', 'must be a valid regular expression']);
    const ok = validatePack({ rules: [rule({ rewrites: [{ text: 'I will take care of this', edit: ['\\bno\\b', 'any'] }] })] }, FILE, builtinPack().pack.macros);
    expect(ok.rules[0].rewrites).toEqual([{ text: 'I will take care of this', edit: ['\\bno\\b', 'any'] }]);
  });

  it('reads a flag example with its correction as the example, and keeps the correction', () => {
    const examples = { flag: [{ text: 'No worries.', correction: 'I will take care of this.' }, 'No worries at all.', 'Ah, no worries.'], pass: ['Worried?', 'Nothing.', 'No problem here.'] };
    const [read] = validatePack({ rules: [rule({ examples })] }, FILE, builtinPack().pack.macros).rules;
    expect(read.examples).toEqual({
      flag: ['No worries.', 'No worries at all.', 'Ah, no worries.'],
      pass: ['Worried?', 'Nothing.', 'No problem here.'],
      corrected: [{ text: 'No worries.', correction: 'I will take care of this.' }],
    });
  });

  it('reads an empty file as an empty pack, and names a rule without a usable id by its place', () => {
    expect(validatePack(undefined, FILE)).toEqual({ macros: {}, rules: [] });
    expect(validatePack(null, FILE)).toEqual({ macros: {}, rules: [] });
    expect(errorOf([rule(), 'no-worries']).message).toMatch(/^team-rules\.yaml: rule "#2", field "\(top level\)"/);
    expect(errorOf([rule({ id: 7 })]).message).toMatch(/^team-rules\.yaml: rule "#1", field "id"/);
  });

  it('says how many words a pattern stands for, through which macro and how many that macro alone stands for', () => {
    const macros: Record<string, string> = { m0: '(refund|return)' };
    for (let i = 1; i <= 10; i++) macros[`m${i}`] = `@m${i - 1} @m${i - 1}`;
    expect(errorOf([rule({ match: ['@m10 now'] })], { macros }).problem).toBe(
      'expands to 2,049 words through macro @m10 (which alone stands for 2,048); a pattern may stand for at most 2,000: use fewer nested macros or write the alternatives out',
    );
    expect(errorOf([rule({ match: ['@m10'] })], { macros }).problem).toMatch(/^expands to 2,048 words through macro @m10; a pattern/);
    const longList = `(${Array.from({ length: 2_001 }, (_, i) => `w${i}`).join('|')})`;
    expect(errorOf([rule({ match: [longList] })]).problem).toMatch(/^expands to 2,001 words; a pattern may stand for at most 2,000/);
    const atLimit = `(${Array.from({ length: 2_000 }, (_, i) => `w${i}`).join('|')})`;
    expect(validatePack({ rules: [rule({ match: [atLimit] })] }, FILE).rules).toHaveLength(1);
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
    expect(() => buildBuiltinPack({ ...files, 'dismissive.yaml': dismissive })).toThrow(
      /^rules\/dismissive\.yaml: rule "calm-down", field "category": must be left out \(the file's category is "dismissive"\)$/,
    );
  });

  it('says which rule file is missing', () => {
    const { 'lexicon.yaml': _lexicon, ...withoutLexicon } = readRuleFiles();
    expect(() => buildBuiltinPack(withoutLexicon)).toThrow(/^rules\/lexicon\.yaml: field "\(file\)": is missing$/);
    const { 'draft.yaml': _draft, ...withoutDraft } = readRuleFiles();
    expect(() => buildBuiltinPack(withoutDraft)).toThrow(/^rules\/draft\.yaml: field "\(file\)": is missing$/);
  });

  it('names the lexicon or draft.yaml when one of them is invalid', () => {
    const files = readRuleFiles();
    expect(() => buildBuiltinPack({ ...files, 'lexicon.yaml': { macros: { loop: '@loop' } } })).toThrow(/^rules\/lexicon\.yaml: field "macros\.loop": .*refers to itself/);
    expect(() => buildBuiltinPack({ ...files, 'draft.yaml': { ...(files['draft.yaml'] as object), colour: 'red' } })).toThrow(/^rules\/draft\.yaml: field "\(top level\)": unknown field\(s\): colour$/);
  });

  it('reports a rule file whose rules are not a list, or a rule that is not a mapping, instead of reading no rules from it', () => {
    const files = readRuleFiles();
    const dismissive = files['dismissive.yaml'] as { rules: unknown[] };
    expect(() => buildBuiltinPack({ ...files, 'dismissive.yaml': { ...dismissive, rules: { 'calm-down': dismissive.rules[0] } } })).toThrow(
      /^rules\/dismissive\.yaml: field "rules": .*expected array/,
    );
    expect(() => buildBuiltinPack({ ...files, 'dismissive.yaml': { ...dismissive, rules: ['calm-down', ...dismissive.rules.slice(1)] } })).toThrow(
      /^rules\/dismissive\.yaml: rule "#1", field "\(top level\)": .*expected object/,
    );
  });

  it('reads the files in name order whatever order they come in: a repeated rule id is reported in the later file', () => {
    const files = readRuleFiles();
    const blame = files['blame.yaml'] as { category: string; rules: Record<string, unknown>[] };
    const copy = { ...blame, rules: [blame.rules[0]] };
    const reversed = Object.fromEntries(Object.entries({ ...files, 'zz-copy.yaml': copy }).reverse());
    expect(() => buildBuiltinPack(reversed)).toThrow(new RegExp(`^rules/zz-copy\\.yaml: rule "${String(blame.rules[0].id)}", field "id": is already defined in rules/blame\\.yaml$`));
  });

  it('accepts a rule that repeats its file\'s category, and ignores files that are not rule files', () => {
    const files = readRuleFiles();
    const blame = files['blame.yaml'] as { category: string; rules: Record<string, unknown>[] };
    const withCategory = { ...blame, rules: blame.rules.map((rule) => ({ ...rule, category: 'blame' })) };
    const built = buildBuiltinPack({ ...files, 'blame.yaml': withCategory, 'notes.yaml': { rules: ['not a rule'] }, 'empty.yaml': null, 'text.yaml': 'just text' });
    expect(built.pack.rules.map((r) => r.id)).toEqual(buildBuiltinPack(files).pack.rules.map((r) => r.id));
    // Every rule of every rule file, the files in name order (blame.yaml first), with the lexicon's macros.
    const ruleFiles = Object.values(files).filter((data): data is { rules: unknown[] } => !!data && typeof data === 'object' && 'category' in data);
    expect(built.pack.rules).toHaveLength(ruleFiles.reduce((sum, file) => sum + file.rules.length, 0));
    expect(built.pack.rules[0].id).toBe(blame.rules[0].id);
    expect(built.pack.macros).toEqual((files['lexicon.yaml'] as { macros: Record<string, string> }).macros);
  });
});

describe('the built-in pack registration', () => {
  it('says the pack is not loaded yet until it is set, then gives the pack set', async () => {
    vi.resetModules();
    const fresh = await import('../../lib/engine/builtin');
    expect(fresh.hasBuiltinPack()).toBe(false);
    expect(() => fresh.builtinPack()).toThrow('Steady: the built-in rule pack is not loaded yet (setBuiltinPack was not called).');
    fresh.setBuiltinPack(builtinPack());
    expect(fresh.hasBuiltinPack()).toBe(true);
    expect(fresh.builtinPack()).toBe(builtinPack());
  });
});
