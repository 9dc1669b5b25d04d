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
  await browser.installExtension(FIREFOX_EXTENSION_DIR);
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
