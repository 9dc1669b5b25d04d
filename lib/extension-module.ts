/**
 * The default export of one of the extension's own ES modules (see LAZY_MODULES in wxt.config.ts),
 * imported at runtime. A helpdesk page's content script imports it through the extension URL the
 * manifest exposes to that page (a per-session one); the extension's own pages import it from their
 * origin, as that per-session URL is another origin, which their content security policy blocks.
 */
export function importExtensionModule<T>(name: 'coach' | 'conversation-reader' | 'rules-pack'): Promise<T> {
  const ownPage = location.origin === new URL(browser.runtime.getURL('/')).origin;
  const url = ownPage ? `${location.origin}/${name}.js` : browser.runtime.getURL(`/${name}.js` as '/coach.js');
  return import(/* @vite-ignore */ url).then((module: { default: T }) => module.default);
}
