import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { steadyRules } from './lib/node/vite-rules-plugin';
import { steadyContent } from './lib/node/vite-content-plugin';
import { MANAGED_SCHEMA } from './lib/settings/packs';

/**
 * Built as ES modules that the content script imports when needed (the
 * conversation reader at idle, the rule engine on the first edit), so the
 * script injected into every helpdesk page stays small.
 */
const LAZY_MODULES = ['coach', 'conversation-reader'];

export default defineConfig({
  manifest: {
    name: 'Steady',
    description: 'Coaching for customer-support replies, right inside your helpdesk. Private: nothing leaves your browser.',
    // scripting: registers the content script on custom domains the agent enables (generic mode).
    // activeTab: the panel opened from the toolbar may see that tab's site, to offer enabling it (no install warning).
    permissions: ['storage', 'sidePanel', 'scripting', 'activeTab'],
    // Sites beyond the built-in helpdesks are asked for one by one, at the user's request.
    optional_host_permissions: ['https://*/*'],
    action: { default_title: 'Open Steady' },
    // Also importable on custom domains the agent enables at runtime (they hold Steady's code and rules, no data).
    web_accessible_resources: [{ resources: LAZY_MODULES.map((name) => `${name}.js`), matches: ['https://*/*'] }],
    commands: {
      'open-side-panel': { suggested_key: { default: 'Alt+Shift+S' }, description: 'Open the Steady side panel' },
    },
    storage: { managed_schema: 'managed-schema.json' },
  },
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
    // The administrator policy schema (chrome.storage.managed), see README.
    'build:publicAssets'(_wxt, files) {
      files.push({ relativeDest: 'managed-schema.json', contents: JSON.stringify(MANAGED_SCHEMA, null, 2) });
    },
  },
});
