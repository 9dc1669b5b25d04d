/**
 * Finding every network request the extension makes. Three sources, because
 * no single one sees everything:
 *  - Chromium's network log (--log-net-log) names the initiator of each request,
 *    so it catches the service worker and extension pages, even at start-up
 *    before Playwright is attached;
 *  - content scripts fetch as the page, so their requests are told apart by the
 *    script that started them (DevTools protocol, per page);
 *  - anything a web page sends to a host no fixture serves is suspect too.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import type { FixtureServer } from './fixture-server';

export interface ExtensionRequest {
  url: string;
  /**
   * extension: the service worker or an extension page (sidepanel.html, options.html);
   * content-script: started by the extension's script inside a web page;
   * unknown-host: a web page's request to a host the fixture server does not serve.
   */
  source: 'extension' | 'content-script' | 'unknown-host';
}

const NETWORK_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:']);
const isNetwork = (url: string) => URL.canParse(url) && NETWORK_SCHEMES.has(new URL(url).protocol);

/** Chromium flags that make it write the network log read by {@link requestsInNetLog}. */
export const netLogArgs = (file: string) => [`--log-net-log=${file}`, '--net-log-capture-mode=Default'];

/**
 * Requests in the network log that the extension initiated. Chromium appends
 * one event per line while it runs, so a partly written log is fine.
 */
export function requestsInNetLog(file: string, extensionOrigin: string): ExtensionRequest[] {
  const seen = new Set<string>();
  const requests: ExtensionRequest[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.includes(`"initiator":"${extensionOrigin}"`)) continue;
    let event: { params?: { initiator?: string; url?: string }; source?: { id?: number } };
    try {
      event = JSON.parse(line.replace(/,\s*$/, ''));
    } catch {
      continue; // The line Chromium is still writing.
    }
    const url = event.params?.url;
    const key = `${event.source?.id} ${url}`;
    if (event.params?.initiator !== extensionOrigin || !url || !isNetwork(url) || seen.has(key)) continue;
    seen.add(key);
    requests.push({ url, source: 'extension' });
  }
  return requests;
}

/** Record what a web page's content scripts, and the page itself, send where they should not. */
export async function traceWebPage(
  context: BrowserContext,
  page: Page,
  extensionOrigin: string,
  server: FixtureServer,
  record: (request: ExtensionRequest) => void,
): Promise<void> {
  const isExtensionPage = () => page.url().startsWith(extensionOrigin);
  page.on('request', (request) => {
    if (!isExtensionPage() && isNetwork(request.url()) && !server.serves(request.url())) {
      record({ url: request.url(), source: 'unknown-host' });
    }
  });
  page.on('websocket', (socket) => {
    if (!isExtensionPage() && !server.serves(socket.url())) record({ url: socket.url(), source: 'unknown-host' });
  });
  let cdp;
  try {
    cdp = await context.newCDPSession(page);
  } catch {
    return; // The page closed before tracing could start.
  }
  cdp.on('Network.requestWillBeSent', ({ request, initiator, documentURL }) => {
    if (!isNetwork(request.url) || documentURL.startsWith(extensionOrigin)) return;
    if (initiatorScripts(initiator).some((script) => script.startsWith(extensionOrigin))) {
      record({ url: request.url, source: 'content-script' });
    }
  });
  await cdp.send('Network.enable');
}

type Initiator = { url?: string; stack?: StackTrace };
type StackTrace = { callFrames: { url: string }[]; parent?: StackTrace };

function initiatorScripts(initiator: Initiator): string[] {
  const scripts = initiator.url ? [initiator.url] : [];
  for (let stack = initiator.stack; stack; stack = stack.parent) scripts.push(...stack.callFrames.map((frame) => frame.url));
  return scripts;
}
