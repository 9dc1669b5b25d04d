/**
 * The harness's own guarantees, checked against a copy of the built extension
 * with deliberate misbehaviour appended: without these, "no requests, no
 * errors" in the other e2e tests could pass because nothing was watched.
 */
import { cp, mkdtemp, readdir, appendFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { FIXTURE_ROUTES } from '../fixtures/routes';
import { EXTENSION_DIR } from '../support/paths';
import { launchSteady, type SteadyBrowser } from '../support/steady-browser';

const LIVECHAT = 'https://my.livechatinc.com/chats/chat-42/thread-7';

let tamperedDir: string;
let steady: SteadyBrowser;

beforeAll(async () => {
  tamperedDir = await mkdtemp(join(tmpdir(), 'steady-tampered-'));
  await cp(EXTENSION_DIR, tamperedDir, { recursive: true });
  await appendFile(join(tamperedDir, 'background.js'), `\nfetch('https://telemetry.invalid/from-worker').catch(() => {});\n`);
  await appendFile(
    join(tamperedDir, 'content-scripts/content.js'),
    // A request to the page's own host is only told apart by who started it.
    `\nfetch('/from-content-script').catch(() => {});\nsetTimeout(() => { throw new Error('content script failed on purpose'); });\n`,
  );
  const panelChunk = (await readdir(join(tamperedDir, 'chunks'))).find((name) => name.startsWith('sidepanel-'));
  await appendFile(join(tamperedDir, 'chunks', panelChunk!), `\nfetch('https://cdn.invalid/from-panel').catch(() => {});\n`);
  steady = await launchSteady({ extensionDir: tamperedDir });
});

afterAll(async () => {
  await steady?.close();
  await rm(tamperedDir, { recursive: true, force: true });
});

test('requests from the service worker, a content script and an extension page are all recorded', async () => {
  await steady.open(LIVECHAT);
  const panel = await steady.openSidePanel();
  await panel.waitForLoadState('load');
  const recorded = () => steady.extensionRequests().map(({ source, url }) => `${source} ${url}`).sort();
  await expect
    .poll(recorded, { timeout: 10_000 })
    .toEqual([
      'content-script https://my.livechatinc.com/from-content-script',
      'extension https://cdn.invalid/from-panel',
      'extension https://telemetry.invalid/from-worker',
    ]);
});

test('an exception thrown in a content script is recorded', async () => {
  await expect.poll(() => steady.errors.some((error) => error.includes('content script failed on purpose'))).toBe(true);
});

test('the start page links every fixture route at its real URL', async () => {
  const start = await steady.open(`${steady.server.origin}/`);
  const links = await start.locator('a').evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
  expect(links).toEqual(FIXTURE_ROUTES.map((route) => route.example));
});
