import { expect, test } from 'vitest';
import { ACTIVE_TITLE, badgeFor, watchPausedBadge, type BadgeApi } from '../../lib/background/paused-badge';
import { readSettings } from '../../lib/settings/settings';

const paused = readSettings({ pausedSites: ['acme.zendesk.com'] });

test('the badge says "off" only on a paused site', () => {
  expect(badgeFor(paused, 'https://acme.zendesk.com/agent/tickets/1').text).toBe('off');
  expect(badgeFor(paused, 'https://acme.zendesk.com/agent/tickets/1').title).toContain('paused on acme.zendesk.com');
  expect(badgeFor(paused, 'https://other.zendesk.com/agent/tickets/1')).toEqual({ text: '', title: ACTIVE_TITLE });
  expect(badgeFor(paused, undefined)).toEqual({ text: '', title: ACTIVE_TITLE });
  expect(badgeFor(paused, 'not a url')).toEqual({ text: '', title: ACTIVE_TITLE });
});

test('badges follow the settings and each tab’s navigation', async () => {
  const badges = new Map<number, string>();
  let onUpdated!: Parameters<BadgeApi['tabs']['onUpdated']['addListener']>[0];
  let onChanged!: Parameters<BadgeApi['storage']['onChanged']['addListener']>[0];
  // Tab 3's address is not visible to the extension until its page sends a message.
  const tabs = [{ id: 1, url: 'https://acme.zendesk.com/agent/tickets/1' }, { id: 2, url: 'https://mail.google.com/mail/u/0/' }, { id: 3 }];
  const api: BadgeApi = {
    action: {
      setBadgeText: async ({ tabId, text }) => void badges.set(tabId, text),
      setBadgeBackgroundColor: async () => {},
      setTitle: async () => {},
    },
    tabs: { query: async () => tabs, onUpdated: { addListener: (l) => (onUpdated = l) } },
    storage: { sync: { get: async () => ({ settings: { pausedSites: ['acme.zendesk.com'] } }) }, onChanged: { addListener: (l) => (onChanged = l) } },
  };
  const settled = () => new Promise((resolve) => setTimeout(resolve, 0));
  const badge = watchPausedBadge(api);
  await settled();
  expect([...badges]).toEqual([[1, 'off'], [2, '']]);

  badge.pageAt(3, 'https://acme.zendesk.com/agent/tickets/2');
  await settled();
  expect(badges.get(3)).toBe('off');

  onChanged({ settings: { newValue: { pausedSites: ['mail.google.com'] } } }, 'sync');
  await settled();
  expect([...badges]).toEqual([[1, ''], [2, 'off'], [3, '']]);

  onUpdated(1, { url: 'https://mail.google.com/mail/u/1/' }, { url: 'https://mail.google.com/mail/u/1/' });
  await settled();
  expect(badges.get(1)).toBe('off');

  // Navigating without a visible address: known again from the new page's first message.
  onUpdated(3, { status: 'loading' }, {});
  badge.pageAt(3, 'https://mail.google.com/mail/u/2/');
  await settled();
  expect(badges.get(3)).toBe('off');
});
