/**
 * The toolbar button tells the agent at a glance that Steady is paused on the
 * site in the current tab: an "off" badge and a title saying so, set per tab,
 * kept in step with the settings (paused from the card or resumed on the
 * options page) and with each tab's navigation. Each tab's address comes
 * from the messages Steady's content script sends from it.
 */
import { isPaused, readSettings, type Settings } from '../settings/settings';
import { SETTINGS_KEY } from '../settings/sources';

export interface BadgeState {
  text: string;
  title: string;
}

export const ACTIVE_TITLE = 'Open Steady';

export function badgeFor(settings: Settings, url: string | undefined): BadgeState {
  const host = hostOf(url);
  if (!host || !isPaused(settings, host)) return { text: '', title: ACTIVE_TITLE };
  return { text: 'off', title: `Steady is paused on ${host}. Resume it from the suggestion card or the options page.` };
}

/** The parts of the extension API this needs (Chrome's `action`, Firefox MV2's `browserAction`). */
export interface BadgeApi {
  action: {
    setBadgeText(details: { tabId: number; text: string }): Promise<void>;
    setBadgeBackgroundColor(details: { tabId: number; color: string }): Promise<void>;
    setTitle(details: { tabId: number; title: string }): Promise<void>;
  };
  tabs: {
    query(query: Record<string, never>): Promise<{ id?: number; url?: string }[]>;
    onUpdated: { addListener(listener: (tabId: number, change: { url?: string; status?: string }, tab: { url?: string }) => void): void };
  };
  storage: {
    sync: { get(key: string): Promise<Record<string, unknown>> };
    onChanged: { addListener(listener: (changes: Record<string, { newValue?: unknown }>, area: string) => void): void };
  };
}

export interface PausedBadge {
  /** A Steady page in this tab reported its address (tabs expose theirs only with the "tabs" permission, which Steady does without). */
  pageAt(tabId: number, url: string | undefined): void;
  forget(tabId: number): void;
}

export function watchPausedBadge(api: BadgeApi): PausedBadge {
  let settings: Promise<Settings> = api.storage.sync.get(SETTINGS_KEY).then((items) => readSettings(items[SETTINGS_KEY]), () => readSettings({}));
  const urls = new Map<number, string>();
  const show = async (tabId: number) => {
    const badge = badgeFor(await settings, urls.get(tabId));
    await Promise.all([
      api.action.setBadgeText({ tabId, text: badge.text }),
      api.action.setBadgeBackgroundColor({ tabId, color: '#5f6368' }),
      api.action.setTitle({ tabId, title: badge.title }),
    ]).catch(() => {
      // The tab closed in the meantime.
    });
  };
  const pageAt = (tabId: number, url: string | undefined) => {
    if (!url || urls.get(tabId) === url) return;
    urls.set(tabId, url);
    void show(tabId);
  };
  api.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status !== 'loading' && change.url === undefined) return;
    // Chrome clears a tab's badge as it navigates: the new page's address comes with the tab (where visible) or its first message.
    urls.delete(tabId);
    if (tab.url) pageAt(tabId, tab.url);
  });
  api.storage.onChanged.addListener((changes, area) => {
    if (area !== 'sync' || !(SETTINGS_KEY in changes)) return;
    settings = Promise.resolve(readSettings(changes[SETTINGS_KEY]!.newValue));
    for (const tabId of urls.keys()) void show(tabId);
  });
  void api.tabs.query({}).then((tabs) => tabs.forEach((tab) => tab.id !== undefined && pageAt(tab.id, tab.url)));
  return { pageAt, forget: (tabId) => urls.delete(tabId) };
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.hostname : undefined;
  } catch {
    return undefined;
  }
}
