/**
 * Rule packs cannot blow up: macro expansion is bounded at validation, every
 * problem of a pack is listed, unchanged packs are not validated or compiled
 * again, a broken team pack keeps its last good version in force, and a
 * policy of the wrong shape is reported.
 */
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { builtinPack, createLinter, PackError, validatePack } from '../../lib/engine';
import { MAX_LISTED_PROBLEMS, MAX_PATTERN_WORDS, mergePacks } from '../../lib/engine/pack';
import { parsePackText } from '../../lib/settings/packs';
import { DEFAULT_SETTINGS } from '../../lib/settings/settings';
import { changesConfig, LAST_GOOD_TEAM_PACKS_KEY, loadConfig, MANAGED_READ_TIMEOUT_MS, SETTINGS_KEY, type StorageAreaLike } from '../../lib/settings/sources';

const rule = (overrides: Record<string, unknown> = {}) => ({
  id: 'team-no-asap',
  category: 'jargon',
  severity: 'suggestion',
  message: 'ASAP promises nothing concrete.',
  match: ['asap'],
  rewrites: ['by [time]'],
  examples: { flag: ['We will fix it ASAP.', 'asap', 'Reply ASAP please'], pass: ['As soon as we can.', 'Soon.', 'At speed.'] },
  ...overrides,
});

/** The pack from the report: 27 macros, each the previous one twice (2^26 words when written out). */
function doublingPack(depth: number) {
  const macros: Record<string, string> = { m0: '(refund|return)' };
  for (let i = 1; i <= depth; i++) macros[`m${i}`] = `@m${i - 1} @m${i - 1}`;
  return { macros, rules: [rule({ id: 'boom', match: [`@m${depth}`] })] };
}

function errorOf(data: unknown): PackError {
  try {
    validatePack(data, 'team.yaml', builtinPack().pack.macros);
  } catch (e) {
    expect(e).toBeInstanceOf(PackError);
    return e as PackError;
  }
  throw new Error('expected a PackError');
}

describe('macro expansion', () => {
  it('rejects nested doubling macros at validation, in one message naming the rule and the macro', () => {
    const t0 = performance.now();
    const e = errorOf(doublingPack(26));
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(e.problems).toHaveLength(1);
    expect([e.ruleId, e.field]).toEqual(['boom', 'match[0]']);
    expect(e.message).toMatch(/expands to 134,217,728 words through macro @m26; .*at most 2,000/);
  });

  it('rejects it in the options preview and the personal pack loader too, without compiling it', () => {
    const result = parsePackText(JSON.stringify(doublingPack(30)), 'mine.json', builtinPack().pack);
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/^mine\.json: rule "boom", field "match\[0\]": expands to over a billion words through macro @m30/) });
  });

  it('accepts macros up to the limit, and every built-in pattern is far below it', () => {
    const macros = { m0: '(a|b)', m1: '@m0 @m0', m2: '@m1 @m1' };
    expect(validatePack({ macros, rules: [rule({ match: ['asap @m2'] })] }, 'ok.yaml').rules).toHaveLength(1);
    expect(MAX_PATTERN_WORDS).toBeGreaterThanOrEqual(1_000);
    expect(() => createLinter()).not.toThrow();
  });
});

describe('listing every problem', () => {
  it('lists the problems of every broken rule, not only the first', () => {
    const e = errorOf({
      rules: [rule({ id: 'a', severity: 'loud' }), rule({ id: 'b' }), rule({ id: 'c', match: ['(asap'] }), rule({ id: 'b' }), rule({ id: 'd', rewrites: [] })],
    });
    expect(e.problems.map((p) => [p.ruleId, p.field])).toEqual([['a', 'severity'], ['b', 'id'], ['d', 'rewrites'], ['c', 'match[0]']]);
    expect(e.message.split('\n')).toEqual([
      'team.yaml: 4 problems:',
      expect.stringMatching(/rule "a", field "severity"/),
      expect.stringMatching(/rule "b", field "id": is used by another rule/),
      expect.stringMatching(/rule "d", field "rewrites"/),
      expect.stringMatching(/rule "c", field "match\[0\]": missing "\)"/),
    ]);
  });

  it(`stops listing after ${MAX_LISTED_PROBLEMS} and says how many more there are`, () => {
    const e = errorOf({ rules: Array.from({ length: 30 }, (_, i) => rule({ id: `r${i}`, severity: 'loud' })) });
    const lines = e.message.split('\n');
    expect(lines).toHaveLength(MAX_LISTED_PROBLEMS + 2);
    expect(lines.at(-1)).toBe('… and 10 more problem(s)');
  });

  it(`lists exactly ${MAX_LISTED_PROBLEMS} problems without a "more" line`, () => {
    const e = errorOf({ rules: Array.from({ length: MAX_LISTED_PROBLEMS }, (_, i) => rule({ id: `r${i}`, severity: 'loud' })) });
    expect(e.message.split('\n')).toHaveLength(MAX_LISTED_PROBLEMS + 1);
  });

  it('reports every rule id that clashes with a built-in rule', () => {
    const [first, second] = builtinPack().pack.rules;
    const result = parsePackText(JSON.stringify({ rules: [rule({ id: first.id }), rule({ id: second.id })] }), 'team.json', builtinPack().pack);
    expect(result.ok).toBe(false);
    if (!result.ok) for (const { id } of [first, second]) expect(result.error).toContain(`rule "${id}", field "id": is already defined in the built-in rules`);
  });
});

describe('reloading packs', () => {
  it('does not validate or compile a pack again when its text did not change', () => {
    const text = JSON.stringify({ rules: [rule()] });
    const first = parsePackText(text, 'mine.json', builtinPack().pack);
    const again = parsePackText(text, 'mine.json', builtinPack().pack);
    expect(first.ok && again.ok && first.pack === again.pack).toBe(true);
    const changed = parsePackText(text.replace('ASAP promises', 'Asap promises'), 'mine.json', builtinPack().pack);
    expect(changed.ok && first.ok && changed.pack !== first.pack).toBe(true);
    // The same packs merge into the same object, so the linter's compiled patterns are reused.
    if (!first.ok) return;
    const inputs = [{ pack: builtinPack().pack, file: 'built-in rules' }, { pack: first.pack, file: 'pack 1' }];
    expect(mergePacks(inputs)).toBe(mergePacks([...inputs]));
  });

  it('merges other packs anew: another pack, or another list of packs, never gets an earlier merge', () => {
    const pack = (id: string) => validatePack({ rules: [rule({ id })] }, `${id}.yaml`, builtinPack().pack.macros);
    const [a, b, c] = [pack('team-a'), pack('team-b'), pack('team-c')];
    const ids = (packs: { pack: typeof a; file: string }[]) => mergePacks(packs).rules.map((r) => r.id);
    expect(ids([{ pack: a, file: 'team.yaml' }])).toEqual(['team-a']);
    expect(ids([{ pack: b, file: 'team.yaml' }])).toEqual(['team-b']);
    expect(ids([{ pack: a, file: 'a.yaml' }, { pack: b, file: 'b.yaml' }])).toEqual(['team-a', 'team-b']);
    expect(ids([{ pack: a, file: 'a.yaml' }, { pack: c, file: 'c.yaml' }])).toEqual(['team-a', 'team-c']);
    expect(ids([{ pack: a, file: 'a.yaml' }])).toEqual(['team-a']);
  });

  it('reloads only for storage changes that can change the rules', () => {
    expect(changesConfig({ settings: {} }, 'sync')).toBe(true);
    expect(changesConfig({ packs: [] }, 'local')).toBe(true);
    expect(changesConfig({ teamPacks: [] }, 'managed')).toBe(true);
    expect(changesConfig({ [LAST_GOOD_TEAM_PACKS_KEY]: {} }, 'local')).toBe(false);
    expect(changesConfig({ figures: 1 }, 'local')).toBe(false);
  });
});

/** A storage area that keeps what is set, like chrome.storage.local. */
function memoryArea(data: Record<string, unknown> = {}): StorageAreaLike & { data: Record<string, unknown> } {
  return {
    data,
    get: async (keys) => Object.fromEntries((Array.isArray(keys) ? keys : [keys]).filter((k) => k in data).map((k) => [k, data[k]])),
    set: async (items) => void Object.assign(data, structuredClone(items)),
  };
}

describe('team packs and the administrator policy', () => {
  it('a managed storage that never answers does not hold up the agent\'s settings: a pause still applies', async () => {
    const paused = { ...DEFAULT_SETTINGS, pausedSites: ['secure.helpscout.net'] };
    const silent: StorageAreaLike = { get: () => new Promise(() => {}) };
    const started = Date.now();
    const config = await loadConfig({ sync: memoryArea({ [SETTINGS_KEY]: paused }), local: memoryArea(), managed: silent }, builtinPack().pack);
    expect(config.settings.pausedSites).toEqual(['secure.helpscout.net']);
    expect(config.problems).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(MANAGED_READ_TIMEOUT_MS - 50);
  });

  it('keeps the last good version of a team pack in force when a new version fails validation, and says so', async () => {
    const local = memoryArea();
    const sync = memoryArea();
    const good = await loadConfig({ sync, local, managed: memoryArea({ teamPacks: [{ rules: [rule()] }] }) }, builtinPack().pack);
    expect(good.problems).toEqual([]);
    const broken = await loadConfig({ sync, local, managed: memoryArea({ teamPacks: [{ rules: [rule({ rewrites: [] })] }] }) }, builtinPack().pack);
    expect(broken.packs.map((p) => [p.name, p.pack.rules[0].rewrites])).toEqual([['team pack 1', [{ text: 'by [time]' }]]]);
    expect(broken.problems).toEqual([expect.stringMatching(/^team pack 1: rule "team-no-asap", field "rewrites".*\nThe last good version of team pack 1 stays in force/s)]);
    expect(createLinter({ packs: broken.packs.map((p) => p.pack) }).lint('We will fix it ASAP.').map((f) => f.ruleId)).toContain('team-no-asap');
  });

  it('without a good version to fall back on, reports the broken team pack and applies the rest', async () => {
    const config = await loadConfig({ sync: memoryArea(), local: memoryArea(), managed: memoryArea({ teamPacks: [{ rules: [rule({ rewrites: [] })] }] }) }, builtinPack().pack);
    expect(config.packs).toEqual([]);
    expect(config.problems).toEqual([expect.stringMatching(/^team pack 1: rule "team-no-asap", field "rewrites"/)]);
  });

  it('reports a policy of the wrong shape instead of dropping it silently', async () => {
    const managed = memoryArea({ teamPacks: '{"rules": []}', disabledRules: 'calm-down', disabledCategories: ['jargon', 7] });
    const config = await loadConfig({ sync: memoryArea(), local: memoryArea(), managed }, builtinPack().pack);
    expect(config.problems).toEqual([
      'The administrator\'s policy setting "teamPacks" must be a list of rule packs, but it is the text "{"rules": []}"; it is ignored.',
      'The administrator\'s policy setting "disabledRules" must be a list of rule or category ids, but it is the text "calm-down"; it is ignored.',
      'The administrator\'s policy setting "disabledCategories" holds 1 entry that is not an id; it is ignored.',
    ]);
    expect(config.settings.disabledCategories).toEqual(['jargon']);
  });
});
