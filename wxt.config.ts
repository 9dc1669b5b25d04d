import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { steadyRules } from './lib/node/vite-rules-plugin';
import { steadyContent } from './lib/node/vite-content-plugin';
import { MANAGED_SCHEMA } from './lib/settings/packs';
import { adaptManifest } from './lib/node/browser-manifest';
import { HELPDESK_MATCHES } from './entrypoints/content/helpdesk-matches';

/**
 * Built as ES modules that the content script imports when needed (the
 * conversation reader at idle, the rule engine on the first edit, with the
 * rule pack it shares with the side panel), so the script injected into every
 * helpdesk page stays small.
 */
const LAZY_MODULES = ['coach', 'conversation-reader', 'rules-pack'];

export default defineConfig({
  manifest: {
    name: 'Steady',
    // The side panel's sidePanel.open() (116); tests/unit/manifest.test.ts checks it against the APIs the code uses.
    minimum_chrome_version: '116',
    description: 'Coaching for customer-support replies, right inside your helpdesk. Private: nothing leaves your browser.',
    // scripting: registers the content script on custom domains the agent enables (generic mode).
    // activeTab: the panel opened from the toolbar may see that tab's site, to offer enabling it (no install warning).
    permissions: ['storage', 'sidePanel', 'scripting', 'activeTab'],
    // Sites beyond the built-in helpdesks are asked for one by one, at the user's request.
    optional_host_permissions: ['https://*/*'],
    action: { default_title: 'Open Steady' },
    // Imported by the helpdesks' content script, so exposed to those hosts only, and only through the
    // per-session dynamic URL: a page cannot probe for them. Sites the agent enables get a script that
    // carries these modules itself (entrypoints/generic.content.ts). Firefox (MV2): see adaptManifest.
    web_accessible_resources: [{ resources: LAZY_MODULES.map((name) => `${name}.js`), matches: HELPDESK_MATCHES, use_dynamic_url: true }],
    commands: {
      'open-side-panel': { suggested_key: { default: 'Alt+Shift+S' }, description: 'Open the Steady side panel' },
    },
    storage: { managed_schema: 'managed-schema.json' },
  },
  // Both are set for Firefox in adaptManifest (WXT checks before that hook runs).
  suppressWarnings: { firefoxDataCollection: true, firefoxId: true },
  // The Firefox sources zip holds what rebuilds the extension, not the tests, their outputs or the store's screenshots.
  zip: { excludeSources: ['tests/**', 'docs/**', 'test-results/**', 'reports/**'] },
  vite: () => ({ plugins: [preact(), steadyRules(), steadyContent()] }),
  hooks: {
    // WXT builds unlisted scripts as IIFEs; dynamic import() needs an ES module
    // (which Vite's library mode would not fully minify by default).
    'vite:build:extendConfig'(entrypoints, config) {
      if (entrypoints.length !== 1 || !LAZY_MODULES.includes(entrypoints[0]?.name ?? '')) return;
      const { lib, rollupOptions } = config.build ?? {};
      if (lib) lib.formats = ['es'];
      if (rollupOptions?.output && !Array.isArray(rollupOptions.output)) rollupOptions.output.minify = true;
    },
    'build:manifestGenerated'(wxt, manifest) {
      adaptManifest(manifest, wxt.config.browser);
    },
    // The administrator policy schema (chrome.storage.managed), see README.
    'build:publicAssets'(_wxt, files) {
      files.push({ relativeDest: 'managed-schema.json', contents: JSON.stringify(MANAGED_SCHEMA, null, 2) });
    },
  },
});
