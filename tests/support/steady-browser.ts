/**
 * Chromium with the built Steady extension, pointed at the fixture server, and
 * watching what the extension does: every error it raises and every network
 * request it makes (the extension must make none).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import type { browser as extensionApi } from 'wxt/browser';
import { chromiumPath } from './chromium';
import { netLogArgs, requestsInNetLog, traceWebPage, type ExtensionRequest } from './extension-traffic';
import { startFixtureServer, type FixtureServer } from './fixture-server';
import { EXTENSION_DIR } from './paths';

export type { ExtensionRequest } from './extension-traffic';

export interface SteadyBrowserOptions {
  /** Show the browser window (the demo). Default: headless. */
  headful?: boolean;
  /** Unpacked extension to load. Default: .output/chrome-mv3 (build it first with ensureExtensionBuilt()). */
  extensionDir?: string;
  /** Chromium profile to use and keep after close(), so a test can restart the browser on the same data. Default: a fresh one, deleted on close. */
  userDataDir?: string;
  /** Keep the welcome tab Steady opens on install (default: closed, so tests start from a known set of tabs). */
  keepWelcome?: boolean;
  /** Seed a fresh profile so Steady's toolbar button is pinned (the demo). */
  pinned?: boolean;
}

export interface SteadyBrowser {
  context: BrowserContext;
  server: FixtureServer;
  extensionId: string;
  /** The extension's background service worker (the current one, if Chromium restarted it). */
  serviceWorker(): Promise<Worker>;
  /** Stop the service worker, as Chrome does when it has been idle for 30 s; resolves once it is gone. */
  stopServiceWorker(): Promise<void>;
  /** Open a URL (e.g. a FixtureRoute example) in a new tab, traced from before it loads. */
  open(url: string): Promise<Page>;
  /** Open chrome-extension://<id>/sidepanel.html as a tab, bound to `tabId` when given. */
  openSidePanel(tabId?: number): Promise<Page>;
  /** The id chrome.tabs gives this page's tab (brings the tab to the front). */
  tabIdOf(page: Page): Promise<number>;
  /** Uncaught exceptions and console errors from any page, content script or the service worker. */
  errors: string[];
  /** The welcome page Steady opened on install (fresh profiles, with keepWelcome), else null. */
  welcome: Page | null;
  /** Network requests the extension has made so far; a passing test expects []. */
  extensionRequests(): ExtensionRequest[];
  close(): Promise<void>;
}

/** `globalThis` in the service worker, where Chromium exposes the extension APIs as `chrome`; for evaluate() callbacks. */
export type ServiceWorkerGlobal = { chrome: typeof extensionApi };

/** Flags for a quiet Chromium on a closed network (no background traffic, no first-run UI). */
export const QUIET_CHROMIUM = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
  '--ignore-certificate-errors',
];

export async function launchSteady(options: SteadyBrowserOptions = {}): Promise<SteadyBrowser> {
  const executablePath = chromiumPath();
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  const extensionOrigin = `chrome-extension://${unpackedExtensionId(extensionDir)}`;
  const isExtensionUrl = (url: string) => url.startsWith(`${extensionOrigin}/`);
  const server = await startFixtureServer();
  const scratch = await mkdtemp(join(tmpdir(), 'steady-chromium-'));
  const netLog = join(scratch, 'netlog.json');
  const userDataDir = options.userDataDir ?? join(scratch, 'profile');
  const freshProfile = !existsSync(userDataDir) || readdirSync(userDataDir).length === 0;
  if (freshProfile && options.pinned) await pinExtension(userDataDir, new URL(extensionOrigin).host);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: !options.headful,
    ignoreHTTPSErrors: true,
    viewport: options.headful ? null : { width: 1280, height: 800 },
    // A window someone looks at: no "controlled by automated test software" bar.
    ...(options.headful ? { ignoreDefaultArgs: ['--enable-automation'] } : {}),
    args: [
      ...QUIET_CHROMIUM,
      // Marks the browser as a test browser, so it shows no "unsupported command-line flag" bar for --no-sandbox.
      ...(options.headful ? ['--test-type'] : []),
      ...netLogArgs(netLog),
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      `--host-resolver-rules=${server.hostResolverRules}`,
    ],
  });

  const errors: string[] = [];
  const pageRequests: ExtensionRequest[] = [];
  const tracing = new WeakMap<Page, Promise<void>>();
  const watchWorker = (worker: Worker) => {
    if (!isExtensionUrl(worker.url())) return;
    worker.on('console', (message) => {
      if (message.type() === 'error') errors.push(`service worker console: ${message.text()}`);
    });
  };
  const watchPage = (page: Page) => {
    page.on('pageerror', (error) => errors.push(`${page.url()}: uncaught ${error.name}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`${page.url()} console: ${message.text()}`);
    });
    const trace = traceWebPage(context, page, extensionOrigin, server, (request) => pageRequests.push(request)).catch((error: unknown) => {
      // A page closed before tracing started (e.g. a browser closed right after launch) has nothing to trace.
      if (!page.isClosed()) errors.push(`${page.url()}: could not trace requests: ${String(error)}`);
    });
    tracing.set(page, trace);
  };
  context.serviceWorkers().forEach(watchWorker);
  context.on('serviceworker', watchWorker);
  context.pages().forEach(watchPage);
  context.on('page', watchPage);

  const serviceWorker = async () =>
    context.serviceWorkers().find((worker) => isExtensionUrl(worker.url())) ??
    (await context.waitForEvent('serviceworker', { predicate: (worker) => isExtensionUrl(worker.url()) }));
  // Fails here, not in a test, when the extension did not load.
  await serviceWorker();
  // A fresh profile is a first install: Steady opens its welcome page.
  const isWelcome = (page: Page) => page.url() === `${extensionOrigin}/welcome.html`;
  let welcome: Page | null = null;
  if (freshProfile) {
    // The tab may appear before its URL is set: look until one is on the welcome page.
    for (const until = Date.now() + 20_000; !welcome && Date.now() < until; ) {
      welcome = context.pages().find(isWelcome) ?? null;
      if (!welcome) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await welcome?.waitForLoadState();
    if (welcome && !options.keepWelcome) {
      // Tracing starts as the page opens: let it finish before closing, or its CDP call fails unheard.
      await tracing.get(welcome);
      await welcome.close();
      welcome = null;
    }
  }

  const open = async (url: string) => {
    const page = await context.newPage();
    await tracing.get(page);
    await page.goto(url);
    return page;
  };

  return {
    context,
    server,
    extensionId: new URL(extensionOrigin).host,
    serviceWorker,
    async stopServiceWorker() {
      const page = context.pages()[0] ?? (await context.newPage());
      const cdp = await context.newCDPSession(page);
      type Versions = { versions: { scriptURL: string; runningStatus: string }[] };
      // Steady may start a new worker at once (a panel reconnecting): wait for the old one to be reported stopped.
      const stopped = new Promise<void>((resolve) =>
        cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }: Versions) => {
          if (versions.some((v) => isExtensionUrl(v.scriptURL) && v.runningStatus === 'stopped')) resolve();
        }),
      );
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await stopped;
      await cdp.detach();
    },
    open,
    openSidePanel: (tabId) => open(`${extensionOrigin}/sidepanel.html${tabId === undefined ? '' : `?tab=${tabId}`}`),
    async tabIdOf(page) {
      await page.bringToFront();
      // By the page's address when only this page has it: on a loaded machine the focus may not have moved yet.
      const tabId = await (await serviceWorker()).evaluate(async (url) => {
        const { chrome } = globalThis as unknown as ServiceWorkerGlobal;
        const same = (await chrome.tabs.query({})).filter((t) => t.url === url);
        if (same.length === 1) return same[0].id;
        const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
        return tab?.id;
      }, page.url());
      if (tabId === undefined) throw new Error(`No active tab found for ${page.url()}`);
      return tabId;
    },
    errors,
    welcome,
    extensionRequests: () => [...requestsInNetLog(netLog, extensionOrigin), ...pageRequests],
    async close() {
      await context.close();
      await server.close();
      await rm(scratch, { recursive: true, force: true });
    },
  };
}

/** Chromium's profile preferences with the extension's toolbar button pinned (before the first start). */
async function pinExtension(userDataDir: string, extensionId: string): Promise<void> {
  await mkdir(join(userDataDir, 'Default'), { recursive: true });
  await writeFile(join(userDataDir, 'Default', 'Preferences'), JSON.stringify({ extensions: { pinned_extensions: [extensionId] } }));
}

/** Chromium names an unpacked extension after its folder: SHA-256 of the real path, as letters a–p. */
export function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(realpathSync(dir)).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}
