import { describe, expect, it } from 'vitest';
import { readSettings, DEFAULT_SETTINGS, togglePaused, isPaused, toggleRule, originPattern, linterOptions } from '../../lib/settings/settings';
import { createLinter, builtinPack } from '../../lib/engine';
import { loadConfig } from '../../lib/settings/sources';

describe('settings', () => {
  it('fall back to defaults field by field when storage holds junk', () => {
    const s = readSettings({ disabledRules: ['calm-down'], severities: 'loud', pausedSites: [42] });
    expect(s.disabledRules).toEqual(['calm-down']);
    expect(s.severities).toEqual({});
    expect(s.pausedSites).toEqual([]);
    expect(readSettings(undefined)).toEqual(DEFAULT_SETTINGS);
  });

  it('pause and resume a site', () => {
    const paused = togglePaused(DEFAULT_SETTINGS, 'Acme.Zendesk.com');
    expect(isPaused(paused, 'acme.zendesk.com')).toBe(true);
    expect(isPaused(togglePaused(paused, 'acme.zendesk.com'), 'acme.zendesk.com')).toBe(false);
  });

  it('turn a rule off, and the linter stops flagging it', () => {
    const off = toggleRule(DEFAULT_SETTINGS, 'calm-down', false);
    expect(createLinter(linterOptions(off, [])).lint('Please calm down.').map((f) => f.ruleId)).not.toContain('calm-down');
    expect(createLinter(linterOptions(toggleRule(off, 'calm-down', true), [])).lint('Please calm down.').map((f) => f.ruleId)).toContain('calm-down');
  });

  it('turn a typed domain into a host permission pattern, with clear errors', () => {
    expect(originPattern('support.example.com')).toEqual({ pattern: 'https://support.example.com/*', host: 'support.example.com' });
    expect(originPattern('https://help.acme.io/inbox')).toEqual({ pattern: 'https://help.acme.io/*', host: 'help.acme.io' });
    expect(originPattern('')).toEqual({ error: expect.stringMatching(/Type a domain/) });
    expect(originPattern('not a domain')).toEqual({ error: expect.stringMatching(/not a web address|doesn't look like/) });
    expect(originPattern('ftp://files.acme.com')).toEqual({ error: 'Only http and https sites can be enabled.' });
  });
});
const area = (data: Record<string, unknown>) => ({ get: async () => data });

describe('settings sources', () => {
  const rule = {
    id: 'team-no-asap', category: 'jargon', severity: 'suggestion', message: 'ASAP promises nothing concrete.', match: ['asap'], rewrites: ['by [time]'], script: 'dont-know',
    examples: { flag: ['We will fix it ASAP.', 'asap', 'Reply ASAP please'], pass: ['As soon as we can.', 'Soon.', 'At speed.'] },
  };

  it('merge synced settings, personal packs and the administrator policy', async () => {
    const config = await loadConfig(
      {
        sync: area({ settings: { disabledRules: ['calm-down'] } }),
        local: area({ packs: [{ name: 'mine.json', text: JSON.stringify({ rules: [rule] }) }] }),
        managed: area({ disabledCategories: ['jargon'], teamPacks: [{ rules: [{ ...rule, id: 'team-other' }] }] }),
      },
      builtinPack().pack,
    );
    expect(config.settings.disabledRules).toEqual(['calm-down']);
    expect(config.settings.disabledCategories).toEqual(['jargon']);
    expect(config.packs.map((p) => [p.name, p.source])).toEqual([['team pack 1', 'team (managed)'], ['mine.json', 'personal']]);
    expect(config.problems).toEqual([]);
  });

  it('keep the valid packs and report a broken one by name, rule and field', async () => {
    const config = await loadConfig(
      { sync: area({}), local: area({ packs: [{ name: 'ok.json', text: JSON.stringify({ rules: [rule] }) }, { name: 'bad.json', text: JSON.stringify({ rules: [{ ...rule, id: 'x', rewrites: [] }] }) }] }) },
      builtinPack().pack,
    );
    expect(config.packs.map((p) => p.name)).toEqual(['ok.json']);
    expect(config.problems).toEqual([expect.stringMatching(/^bad\.json: rule "x", field "rewrites": needs 1 to 10 rewrites/)]);
  });
});
