/** SiteAccess through the extension's own APIs (for the options page and the side panel). */
import { browser } from 'wxt/browser';
import type { Settings } from './settings';
import type { SiteAccess } from './generic-sites';

/** The content script for sites the agent enables: self-contained, since the extension's modules are web-accessible to the built-in helpdesks only. */
export const GENERIC_CONTENT_SCRIPT = 'content-scripts/generic.js';

export function siteAccess(saveSettings: (next: Settings) => Promise<void>): SiteAccess {
  return {
    requestOrigin: (pattern) => browser.permissions.request({ origins: [pattern] }),
    registerContentScript: (id, pattern) =>
      browser.scripting.registerContentScripts([{ id, matches: [pattern], js: [GENERIC_CONTENT_SCRIPT], runAt: 'document_idle' }]),
    saveSettings,
  };
}

/**
 * Sites enabled by an earlier version run the helpdesk script, which can no
 * longer load its modules there: point their registrations at the generic one.
 */
export async function upgradeGenericRegistrations(): Promise<void> {
  const stale = (await browser.scripting.getRegisteredContentScripts()).filter(
    (script) => script.id.startsWith('generic:') && !script.js?.some((file) => file.endsWith(GENERIC_CONTENT_SCRIPT)),
  );
  if (stale.length > 0) await browser.scripting.updateContentScripts(stale.map(({ id }) => ({ id, js: [GENERIC_CONTENT_SCRIPT] })));
}
