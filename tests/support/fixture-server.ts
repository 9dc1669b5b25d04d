/**
 * HTTPS server for the fixture pages, on 127.0.0.1 with a throwaway self-signed
 * certificate. Chromium reaches it under the helpdesks' real host names through
 * --host-resolver-rules, so the shipped manifest's match patterns apply.
 *
 *   https://<helpdesk host>/<path>  → the page FIXTURE_ROUTES names for that host and path
 *   /_fixtures/<path>               → a file from tests/fixtures/
 *   /_bundles/<name>.js|.css        → tests/fixtures/editors/<name>.ts bundled for the browser (cached),
 *                                     with the CSS it imports
 *   https://127.0.0.1:<port>/       → the demo start page listing every fixture route
 */
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { generate } from 'selfsigned';
import { FIXTURE_HOSTS, FIXTURE_ROUTES, type FixtureRoute } from '../fixtures/routes';
import { EDITOR_BUNDLES_DIR, FIXTURES_DIR } from './paths';
import { startPageHtml } from './start-page';

export interface FixtureServer {
  port: number;
  /** https://127.0.0.1:<port>, where the start page is. */
  origin: string;
  /** Value for Chromium's --host-resolver-rules: every fixture host to this server, every other name unresolvable. */
  hostResolverRules: string;
  /** True when a request to this URL is answered by this server. */
  serves(url: string): boolean;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

export async function startFixtureServer(): Promise<FixtureServer> {
  const { private: key, cert } = await generate([{ name: 'commonName', value: 'steady-fixtures' }], {
    keySize: 2048,
    algorithm: 'sha256',
  });
  const bundles = new Map<string, Promise<EditorBundle>>();
  let origin = '';
  const server: Server = createServer({ key, cert }, (request, response) => {
    answer(request, response, origin, bundles).catch((error: unknown) => {
      send(response, 500, 'text/plain; charset=utf-8', `Fixture server error: ${(error as Error).message}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  origin = `https://127.0.0.1:${port}`;
  return {
    port,
    origin,
    hostResolverRules: [...FIXTURE_HOSTS.map((host) => `MAP ${host} 127.0.0.1:${port}`), 'MAP * ~NOTFOUND', 'EXCLUDE 127.0.0.1'].join(', '),
    serves(url) {
      const { protocol, hostname, host } = new URL(url);
      return protocol === 'https:' && (host === `127.0.0.1:${port}` || FIXTURE_HOSTS.some((pattern) => hostMatches(pattern, hostname)));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function answer(request: IncomingMessage, response: ServerResponse, origin: string, bundles: Map<string, Promise<EditorBundle>>) {
  const hostname = (request.headers.host ?? '').replace(/:\d+$/, '');
  const { pathname } = new URL(request.url ?? '/', 'https://fixture.invalid');
  if (pathname === '/favicon.ico') return send(response, 204, 'text/plain', '');
  if (pathname.startsWith('/_fixtures/')) return sendFile(response, FIXTURES_DIR, pathname.slice('/_fixtures/'.length));
  const bundle = /^\/_bundles\/([\w-]+)\.(js|css)$/.exec(pathname);
  if (bundle) {
    const [, name, kind] = bundle;
    return send(response, 200, CONTENT_TYPES[`.${kind}`], (await editorBundle(name, bundles))[kind as 'js' | 'css']);
  }
  if (hostname === '127.0.0.1' && pathname === '/') return send(response, 200, CONTENT_TYPES['.html'], startPageHtml(FIXTURE_ROUTES, origin));
  const route = findRoute(hostname, pathname);
  if (route) return sendFile(response, FIXTURES_DIR, route.file);
  send(response, 404, 'text/plain; charset=utf-8', `No fixture page for https://${hostname}${pathname} (see tests/fixtures/routes.ts)`);
}

export function findRoute(hostname: string, pathname: string): FixtureRoute | undefined {
  return FIXTURE_ROUTES.find((route) => hostMatches(route.host, hostname) && route.path.test(pathname));
}

/** "*.example.com" matches any subdomain of example.com; anything else matches exactly. */
function hostMatches(pattern: string, hostname: string): boolean {
  return pattern.startsWith('*.') ? hostname.endsWith(pattern.slice(1)) : hostname === pattern;
}

async function sendFile(response: ServerResponse, dir: string, relativePath: string) {
  const path = normalize(join(dir, decodeURIComponent(relativePath)));
  if (!path.startsWith(dir + sep)) return send(response, 403, 'text/plain', 'Outside the fixtures folder');
  try {
    send(response, 200, CONTENT_TYPES[extname(path)] ?? 'application/octet-stream', await readFile(path));
  } catch {
    send(response, 404, 'text/plain; charset=utf-8', `No such fixture file: ${relativePath}`);
  }
}

interface EditorBundle {
  js: string;
  css: string;
}

function editorBundle(name: string, bundles: Map<string, Promise<EditorBundle>>): Promise<EditorBundle> {
  let bundle = bundles.get(name);
  if (!bundle) {
    bundle = build({
      entryPoints: { [name]: join(EDITOR_BUNDLES_DIR, `${name}.ts`) },
      bundle: true,
      write: false,
      outdir: 'bundles',
      format: 'iife',
      platform: 'browser',
      target: 'chrome120',
      minify: true,
      logLevel: 'silent',
      loader: { '.svg': 'text', '.woff': 'empty', '.woff2': 'empty', '.ttf': 'empty', '.eot': 'empty' },
      // Summernote's UMD build asks for "jQuery"; the npm package is "jquery".
      alias: { jQuery: 'jquery' },
    }).then(({ outputFiles }) => ({
      js: outputFiles.find((file) => file.path.endsWith('.js'))?.text ?? '',
      css: outputFiles.find((file) => file.path.endsWith('.css'))?.text ?? '',
    }));
    bundles.set(name, bundle);
  }
  return bundle;
}

function send(response: ServerResponse, status: number, contentType: string, body: string | Buffer) {
  response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  response.end(body);
}
