import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { steadyRules } from './lib/node/vite-rules-plugin';
import { steadyContent } from './lib/node/vite-content-plugin';
import { HELPDESK_MATCHES } from './entrypoints/content/helpdesk-matches';

/**
 * The rule engine is built as an ES module that the content script imports on
 * first use, so the script injected into every helpdesk page stays small.
 */
const LINT_ENGINE_ENTRYPOINT = 'lint-engine';

export default defineConfig({
  manifest: {
    name: 'Steady',
    description: 'Coaching for customer-support replies, right inside your helpdesk. Private: nothing leaves your browser.',
    permissions: ['storage', 'sidePanel'],
    // Sites beyond the built-in helpdesks are asked for one by one, at the user's request.
    optional_host_permissions: ['https://*/*'],
    action: { default_title: 'Open Steady' },
    web_accessible_resources: [{ resources: [`${LINT_ENGINE_ENTRYPOINT}.js`], matches: HELPDESK_MATCHES }],
  },
  vite: () => ({ plugins: [preact(), steadyRules(), steadyContent()] }),
  hooks: {
    // WXT builds unlisted scripts as IIFEs; dynamic import() needs an ES module
    // (which Vite's library mode would not fully minify by default).
    'vite:build:extendConfig'(entrypoints, config) {
      if (entrypoints.length !== 1 || entrypoints[0]?.name !== LINT_ENGINE_ENTRYPOINT) return;
      const { lib, rollupOptions } = config.build ?? {};
      if (lib) lib.formats = ['es'];
      if (rollupOptions?.output && !Array.isArray(rollupOptions.output)) rollupOptions.output.minify = true;
    },
  },
});
