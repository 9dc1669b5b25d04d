/**
 * Chromium with the built Steady extension, pointed at the fixture server, and
 * watching what the extension does: every error it raises and every network
 * request it makes (the extension must make none).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page, type Request, type Worker } from 'playwright-core';
import type { browser as extensionApi } from 'wxt/browser';
import { chromiumPath } from './chromium';
import { EXTENSION_DIR } from './paths';
import { startFixtureServer, type FixtureServer } from './fixture-server';

export interface SteadyBrowserOptions {
  /** Show the browser window (the demo). Default: headless. */
  headful?: boolean;
  /** Unpacked extension to load. Default: .output/chrome-mv3 (build it first with ensureExtensionBuilt()). */
  extensionDir?: string;
}

export interface ExtensionRequest {
  url: string;
  /** Who made it: the service worker, an extension page, a content script, or a page request to a host no fixture serves. */
  source: 'service-worker' | 'extension-page' | 'content-script' | 'unknown-host';
}

export interface SteadyBrowser {
  context: BrowserContext;
  server: FixtureServer;
  extensionId: string;
  /** The extension's background service worker (a new one is looked up if Chromium restarted it). */
  serviceWorker(): Promise<Worker>;
  /** Open a URL (e.g. a FixtureRoute example) in a new tab, with request tracing attached before it loads. */
  open(url: string): Promise<Page>;
  /** Open chrome-extension://<id>/sidepanel.html as a tab, bound to `tabId` when given. */
  openSidePanel(tabId?: number): Promise<Page>;
  /** The extension's id for this browser tab (as chrome.tabs sees it). */
  tabIdOf(page: Page): Promise<number>;
  /** Uncaught exceptions and console errors from any page, content script or the service worker. */
  errors: string[];
  /** Network requests made by the extension; a passing test leaves this empty. */
  extensionRequests: ExtensionRequest[];
  close(): Promise<void>;
}

/** `globalThis` in the service worker, where Chromium exposes the extension APIs as `chrome`; for evaluate() callbacks. */
export type ServiceWorkerGlobal = { chrome: typeof extensionApi };

const QUIET_CHROMIUM = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
  '--ignore-certificate-errors',
];
const NOT_NETWORK = new Set(['chrome-extension:', 'data:', 'blob:', 'about:', 'chrome:', 'devtools:']);

export async function launchSteady(options: SteadyBrowserOptions = {}): Promise<SteadyBrowser> {
  const executablePath = chromiumPath();
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  const server = await startFixtureServer();
  const profile = await mkdtemp(join(tmpdir(), 'steady-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: !options.headful,
    ignoreHTTPSErrors: true,
    viewport: options.headful ? null : { width: 1280, height: 800 },
    args: [
      ...QUIET_CHROMIUM,
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      `--host-resolver-rules=${server.hostResolverRules}`,
    ],
  });
  // Listen before anything else runs, so requests the extension makes at start-up are seen too.
  const extensionId = unpackedExtensionId(extensionDir);
  const extensionOrigin = `chrome-extension://${extensionId}`;
  const isExtensionUrl = (url: string) => url.startsWith(`${extensionOrigin}/`);
  const errors: string[] = [];
  const extensionRequests: ExtensionRequest[] = [];
  const tracing = new WeakMap<Page, Promise<void>>();
  context.on('request', (request) => {
    const source = requestSource(request, server, isExtensionUrl);
    if (source) extensionRequests.push({ url: request.url(), source });
  });

  const watchWorker = (sw: Worker) => {
    if (!isExtensionUrl(sw.url())) return;
    sw.on('console', (message) => {
      if (message.type() === 'error') errors.push(`service worker console: ${message.text()}`);
    });
  };
  context.serviceWorkers().forEach(watchWorker);
  context.on('serviceworker', watchWorker);

  const watchPage = (page: Page) => {
    page.on('pageerror', (error) => errors.push(`${page.url()}: uncaught ${error.name}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`${page.url()} console: ${message.text()}`);
    });
    page.on('websocket', (socket) => {
      if (isExtensionUrl(page.url()) || !server.serves(socket.url())) {
        extensionRequests.push({ url: socket.url(), source: isExtensionUrl(page.url()) ? 'extension-page' : 'unknown-host' });
      }
    });
    tracing.set(page, traceContentScriptRequests(context, page, extensionOrigin, extensionRequests));
  };
  context.pages().forEach(watchPage);
  context.on('page', watchPage);

  await restartTraced(context, isExtensionUrl);

  const open = async (url: string) => {
    const page = await context.newPage();
    await tracing.get(page);
    await page.goto(url);
    return page;
  };

  return {
    context,
    server,
    extensionId,
    async serviceWorker() {
      return context.serviceWorkers().find((sw) => isExtensionUrl(sw.url())) ?? (await firstServiceWorker(context));
    },
    open,
    openSidePanel: (tabId) => open(`${extensionOrigin}/sidepanel.html${tabId === undefined ? '' : `?tab=${tabId}`}`),
    async tabIdOf(page) {
      await page.bringToFront();
      const sw = context.serviceWorkers().find((w) => isExtensionUrl(w.url())) ?? (await firstServiceWorker(context));
      const tabId = await sw.evaluate(async () => {
        const { chrome } = globalThis as unknown as ServiceWorkerGlobal;
        const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
        return tab?.id;
      });
      if (tabId === undefined) throw new Error(`No active tab found for ${page.url()}`);
      return tabId;
    },
    errors,
    extensionRequests,
    async close() {
      await context.close();
      await server.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Chromium names an unpacked extension after its folder: SHA-256 of the absolute path, as letters a–p. */
function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(realpathSync(dir)).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

/**
 * The service worker first runs while Chromium starts, before Playwright
 * listens to it, so its start-up requests could go unseen. Reloading the
 * extension once runs that start-up again with every listener in place.
 */
async function restartTraced(context: BrowserContext, isExtensionUrl: (url: string) => boolean): Promise<void> {
  const first = await firstServiceWorker(context);
  if (!isExtensionUrl(first.url())) throw new Error(`Loaded the wrong extension: its service worker is ${first.url()}`);
  const restarted = context.waitForEvent('serviceworker', { predicate: (sw) => sw !== first && isExtensionUrl(sw.url()) });
  await first.evaluate(() => {
    const { chrome } = globalThis as unknown as ServiceWorkerGlobal;
    // Reload after this call has returned, or evaluate() would lose its worker mid-call.
    setTimeout(() => chrome.runtime.reload(), 0);
  });
  await restarted;
}

async function firstServiceWorker(context: BrowserContext): Promise<Worker> {
  const running = context.serviceWorkers().find((sw) => sw.url().startsWith('chrome-extension://'));
  return running ?? (await context.waitForEvent('serviceworker', { predicate: (sw) => sw.url().startsWith('chrome-extension://') }));
}

/** Which extension part a request seen by the browser context came from, or undefined when it is not the extension's. */
function requestSource(
  request: Request,
  server: FixtureServer,
  isExtensionUrl: (url: string) => boolean,
): ExtensionRequest['source'] | undefined {
  const url = request.url();
  if (NOT_NETWORK.has(new URL(url).protocol)) return undefined;
  if (request.serviceWorker()) return isExtensionUrl(request.serviceWorker()!.url()) ? 'service-worker' : undefined;
  let pageUrl = '';
  try {
    pageUrl = request.frame().page().url();
  } catch {
    // Requests without a frame (e.g. from a dedicated worker) are judged by their target alone.
  }
  if (isExtensionUrl(pageUrl)) return 'extension-page';
  return server.serves(url) ? undefined : 'unknown-host';
}

/**
 * Content scripts fetch as the page does, so the browser context cannot tell
 * their requests apart; Chromium's DevTools protocol can, by the script that
 * started each request.
 */
async function traceContentScriptRequests(
  context: BrowserContext,
  page: Page,
  extensionOrigin: string,
  extensionRequests: ExtensionRequest[],
): Promise<void> {
  let cdp: CDPSession;
  try {
    cdp = await context.newCDPSession(page);
  } catch {
    return; // The page closed before tracing could start.
  }
  cdp.on('Network.requestWillBeSent', ({ request, initiator, documentURL }) => {
    // Extension pages' own requests are recorded from the browser context.
    if (NOT_NETWORK.has(new URL(request.url).protocol) || documentURL.startsWith(extensionOrigin)) return;
    if (initiatorScripts(initiator).some((script) => script.startsWith(extensionOrigin))) {
      extensionRequests.push({ url: request.url, source: 'content-script' });
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
