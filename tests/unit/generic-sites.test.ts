import { describe, expect, it } from 'vitest';
import { enableGenericSite, offerableHost, type SiteAccess } from '../../lib/settings/generic-sites';
import { readSettings, type Settings } from '../../lib/settings/settings';

const HOSTS = ['*.zendesk.com', 'secure.helpscout.net'];

function fakeAccess(grant: boolean, registerError?: string) {
  const calls: string[] = [];
  const saved: Settings[] = [];
  const access: SiteAccess = {
    requestOrigin: async (pattern) => (calls.push(`request ${pattern}`), grant),
    registerContentScript: async (id, pattern) => {
      calls.push(`register ${id} ${pattern}`);
      if (registerError) throw new Error(registerError);
    },
    saveSettings: async (next) => void saved.push(next),
  };
  return { access, calls, saved };
}

describe('enabling a self-hosted helpdesk', () => {
  const settings = readSettings(undefined);

  it('asks Chrome for that site alone, registers the content script and saves the site', async () => {
    const { access, calls, saved } = fakeAccess(true);
    expect(await enableGenericSite('https://helpdesk.acme-support.com/conversation/77', settings, access)).toEqual({ ok: true, host: 'helpdesk.acme-support.com' });
    expect(calls).toEqual(['request https://helpdesk.acme-support.com/*', 'register generic:helpdesk.acme-support.com https://helpdesk.acme-support.com/*']);
    expect(saved.at(-1)?.genericSites).toEqual(['helpdesk.acme-support.com']);
  });

  it('says so when Chrome refuses, and changes nothing', async () => {
    const { access, calls, saved } = fakeAccess(false);
    expect(await enableGenericSite('helpdesk.acme-support.com', settings, access)).toEqual({ ok: false, message: expect.stringContaining('did not grant access to helpdesk.acme-support.com') });
    expect(calls).toHaveLength(1);
    expect(saved).toEqual([]);
  });

  it('keeps a site enabled before (the script is already registered) and rejects what is not a domain', async () => {
    const again = fakeAccess(true, 'Duplicate script ID');
    expect(await enableGenericSite('helpdesk.acme-support.com', { ...settings, genericSites: ['helpdesk.acme-support.com'] }, again.access)).toMatchObject({ ok: true });
    expect(again.saved).toEqual([]);
    const bad = fakeAccess(true);
    expect(await enableGenericSite('not a site', settings, bad.access)).toMatchObject({ ok: false });
    expect(bad.calls).toEqual([]);
  });

  it('offers web pages off the built-in helpdesks only', () => {
    expect(offerableHost('https://helpdesk.acme-support.com/conversation/77', HOSTS)).toBe('helpdesk.acme-support.com');
    expect(offerableHost('https://acme.zendesk.com/agent/tickets/1', HOSTS)).toBeUndefined();
    expect(offerableHost('https://secure.helpscout.net/mailbox/1', HOSTS)).toBeUndefined();
    expect(offerableHost('chrome://newtab/', HOSTS)).toBeUndefined();
    expect(offerableHost('https://localhost/', HOSTS)).toBeUndefined();
    expect(offerableHost(undefined, HOSTS)).toBeUndefined();
  });
});
