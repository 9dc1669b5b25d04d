/**
 * The per-browser parts of the manifest that WXT does not derive itself.
 * Firefox has a sidebar (WXT turns the side panel into `sidebar_action`) but no
 * `sidePanel` permission or API; Manifest V2 has no optional host permissions
 * key; Mozilla's review needs an add-on id and a data-collection statement.
 */
import type { Browser } from 'wxt/browser';

type Manifest = Browser.runtime.Manifest & Record<string, unknown>;

/** The id Firefox knows Steady by (also the key administrators use for its policy in Firefox). */
export const GECKO_ID = 'steady@steady-extension';
/** First Firefox with the CSS Custom Highlight API that draws Steady's underlines in rich editors. */
export const FIREFOX_MINIMUM = '140.0';

export function adaptManifest(manifest: Manifest, browser: string): void {
  if (browser !== 'firefox') return;
  manifest.permissions = (manifest.permissions ?? []).filter((permission) => permission !== 'sidePanel');
  delete manifest.minimum_chrome_version;
  if (manifest.manifest_version === 2) manifest.optional_permissions = [...(manifest.optional_permissions ?? []), 'https://*/*'];
  const command = manifest.commands?.['open-side-panel'];
  if (command) {
    // Firefox opens its sidebar from a shortcut only through this reserved command.
    delete manifest.commands!['open-side-panel'];
    manifest.commands!._execute_sidebar_action = command;
  }
  manifest.browser_specific_settings = {
    gecko: { id: GECKO_ID, strict_min_version: FIREFOX_MINIMUM, data_collection_permissions: { required: ['none'] } },
  } as Manifest['browser_specific_settings'];
}
