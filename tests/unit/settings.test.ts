import { describe, expect, it } from 'vitest';
import { readSettings, DEFAULT_SETTINGS, togglePaused, isPaused, toggleRule, originPattern, linterOptions } from '../../lib/settings/settings';
import { createLinter } from '../../lib/engine';

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
