import { describe, expect, it } from 'vitest';
import { parsePackText, serialisePack } from '../../lib/settings/packs';
import { builtinPack, createLinter, type BuiltinPack } from '../../lib/engine';
import { leanPack } from '../../lib/engine/rule-files';

const builtin = builtinPack().pack;
const teamRule = {
  id: 'no-per-my-last',
  category: 'condescending',
  severity: 'warning',
  message: 'Pointing back to an earlier message reads as impatience.',
  match: ['further to my last (email|message)'],
  rewrites: ['To recap what we found so far'],
  script: 'confused-blaming',
  examples: { flag: ['Further to my last email, it is fixed.', 'further to my last message you need a code', 'As noted, further to my last email.'], pass: ['My last email had a typo.', 'Per the guide, restart it.', 'Here is my last update.'] },
};

describe('rule packs', () => {
  it('accept a valid JSON pack and lint with it', () => {
    const result = parsePackText(JSON.stringify({ rules: [teamRule] }), 'team.json', builtin);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const linter = createLinter({ packs: [result.pack] });
    expect(linter.lint('Further to my last email, the fix is live.').map((f) => f.ruleId)).toContain('no-per-my-last');
  });

  it('lint with their own macros beside the shipped pack, whose patterns are numbers in its start table', () => {
    const lean = leanPack(builtinPack());
    const withMacro = { macros: { 'last-note': '(email|message|note)' }, rules: [{ ...teamRule, match: ['further to my last @last-note'] }] };
    const result = parsePackText(JSON.stringify(withMacro), 'team.json', lean.pack);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const draft = 'Further to my last note, the fix is live. Please calm down.';
    const ids = (basePack?: BuiltinPack) => createLinter({ basePack, packs: [result.pack] }).lint(draft).map((f) => f.ruleId);
    expect(ids(lean)).toEqual(expect.arrayContaining(['no-per-my-last', 'calm-down']));
    expect(ids(lean)).toEqual(ids());
  });

  it('accept YAML and round-trip through export', () => {
    const yaml = serialisePack({ macros: {}, rules: [teamRule as never] }, 'yaml');
    const back = parsePackText(yaml, 'team.yaml', builtin);
    expect(back.ok && back.pack.rules[0].id).toBe('no-per-my-last');
    const json = parsePackText(serialisePack({ macros: {}, rules: [teamRule as never] }, 'json'), 'team.json', builtin);
    expect(json.ok).toBe(true);
  });

  it('reject a broken pack with a message naming the rule and field', () => {
    const broken = { rules: [{ ...teamRule, severity: 'loud' }] };
    expect(parsePackText(JSON.stringify(broken), 'team.json', builtin)).toEqual({ ok: false, error: expect.stringMatching(/^team\.json: rule "no-per-my-last", field "severity": must be one of/) });
    expect(parsePackText('{ rules: [', 'team.json', builtin)).toEqual({ ok: false, error: expect.stringMatching(/^team\.json: not valid JSON or YAML/) });
    expect(parsePackText('[]', 'team.json', builtin)).toEqual({ ok: false, error: 'team.json: a pack is an object with a "rules" list' });
  });

  it('reject a rule id the built-in pack already uses', () => {
    const clash = { rules: [{ ...teamRule, id: builtin.rules[0].id }] };
    expect(parsePackText(JSON.stringify(clash), 'team.json', builtin)).toEqual({ ok: false, error: expect.stringMatching(/field "id": is already defined in the built-in rules/) });
  });
});
