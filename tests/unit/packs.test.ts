import { describe, expect, it } from 'vitest';
import { parsePackText, serialisePack } from '../../lib/settings/packs';
import { builtinPack, createLinter } from '../../lib/engine';

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
