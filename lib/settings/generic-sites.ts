/**
 * Turning Steady on for a self-hosted helpdesk (generic mode): Chrome's
 * permission for that one site, a content script registered for it, and the
 * site in the saved list. Shared by the options page and the side panel; the
 * browser APIs come in as parameters so this stays testable.
 */
import { originPattern, type Settings } from './settings';

export interface SiteAccess {
  requestOrigin(pattern: string): Promise<boolean>;
  /** Registers the content script for the pattern; throws unless done or already registered. */
  registerContentScript(id: string, pattern: string): Promise<void>;
  saveSettings(next: Settings): Promise<void>;
}

export type EnableResult = { ok: true; host: string } | { ok: false; message: string };

/**
 * Call straight from the click: Chrome only asks for permissions during a user
 * gesture, so nothing may be awaited before the request.
 */
export async function enableGenericSite(input: string, settings: Settings, access: SiteAccess): Promise<EnableResult> {
  const parsed = originPattern(input);
  if ('error' in parsed) return { ok: false, message: parsed.error };
  const granted = await access.requestOrigin(parsed.pattern);
  if (!granted) return { ok: false, message: `Chrome did not grant access to ${parsed.host}, so Steady stays off there.` };
  try {
    await access.registerContentScript(`generic:${parsed.host}`, parsed.pattern);
  } catch (e) {
    // Already registered (enabled before): keep it.
    if (!String(e).includes('Duplicate')) return { ok: false, message: `Could not enable ${parsed.host}: ${String(e)}` };
  }
  if (!settings.genericSites.includes(parsed.host)) await access.saveSettings({ ...settings, genericSites: [...settings.genericSites, parsed.host] });
  return { ok: true, host: parsed.host };
}

/**
 * The site of a page where Steady could be enabled: a web page on none of the
 * built-in helpdesks' hosts ("*.zendesk.com" style patterns), else undefined.
 */
export function offerableHost(url: string | undefined, builtinHosts: readonly string[]): string | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  const host = parsed.hostname.toLowerCase();
  const builtin = builtinHosts.some((pattern) => (pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) : host === pattern));
  return builtin || 'error' in originPattern(host) ? undefined : host;
}
