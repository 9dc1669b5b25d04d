/** SiteAccess through the extension's own APIs (for the options page and the side panel). */
import { browser } from 'wxt/browser';
import type { Settings } from './settings';
import type { SiteAccess } from './generic-sites';

export function siteAccess(saveSettings: (next: Settings) => Promise<void>): SiteAccess {
  return {
    requestOrigin: (pattern) => browser.permissions.request({ origins: [pattern] }),
    registerContentScript: (id, pattern) =>
      browser.scripting.registerContentScripts([{ id, matches: [pattern], js: ['content-scripts/content.js'], runAt: 'document_idle' }]),
    saveSettings,
  };
}
