/**
 * Firefox (Debian's firefox-esr) driven by puppeteer-core over WebDriver BiDi,
 * with the built Firefox extension installed as a temporary add-on and the
 * fixture server answering the helpdesks' real addresses. Firefox has no
 * host-resolver switch, so a small local proxy tunnels the fixture hosts (and
 * only them) to the fixture server.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import puppeteer, { type Browser } from 'puppeteer-core';
import { startFixtureServer, type FixtureServer } from './fixture-server';
import { FIREFOX_EXTENSION_DIR } from './paths';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export interface SteadyFirefox {
  browser: Browser;
  server: FixtureServer;
  /** Hosts Firefox itself tried to reach (its settings service…) that are not fixture hosts: refused by the proxy. */
  refused: string[];
  close(): Promise<void>;
}

export const firefoxAvailable = () => existsSync(FIREFOX_PATH);

/** Build the Firefox extension first (ensureExtensionBuilt('firefox')). */
export async function launchSteadyFirefox(): Promise<SteadyFirefox> {
  const server = await startFixtureServer();
  const refused: string[] = [];
  const tunnels = new Set<{ destroy(): void }>();
  const proxy: Server = createServer((_request, response) => response.writeHead(403).end());
  proxy.on('connect', (request, socket, head) => {
    if (!server.serves(`https://${request.url}/`)) {
      refused.push(request.url ?? '');
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect(server.port, '127.0.0.1', () => {
      tunnels.add(socket).add(upstream);
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const proxyPort = (proxy.address() as AddressInfo).port;

  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    acceptInsecureCerts: true,
    extraPrefsFirefox: {
      'network.proxy.type': 1,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxyPort,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxyPort,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
    },
  });
  const before = new Set(await browser.pages());
  await browser.installExtension(FIREFOX_EXTENSION_DIR);
  await closeWelcomeTab(browser, before);
  return {
    browser,
    server,
    refused,
    async close() {
      await browser.close();
      // Tunnels Firefox kept alive would hold both servers open.
      tunnels.forEach((socket) => socket.destroy());
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
      await server.close();
    },
  };
}

/**
 * Steady opens its welcome page on install and brings it to the front. A background tab is
 * "hidden", and Firefox then skips the default actions of keys pressed in it (Enter on a
 * focused button does not click), so the welcome tab is closed before a test opens its page.
 * BiDi does not show moz-extension addresses, so the welcome tab is the one tab install added.
 */
async function closeWelcomeTab(browser: Browser, before: Set<unknown>): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const opened = (await browser.pages()).filter((page) => !before.has(page));
    if (opened.length > 0) return Promise.all(opened.map((page) => page.close())).then(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('Steady\'s welcome tab did not open within 15 s of installing the Firefox extension');
}
