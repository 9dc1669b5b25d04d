/**
 * The adapters against the fixture pages in real Chromium, with the real
 * editors mounted (CKEditor 5, ProseMirror, …): what the editors render must
 * still match the selectors, and the fixtures' test API must behave as the
 * e2e tests and the demo expect.
 */
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationReading } from '../../lib/helpdesks';
import type { ComposerInfo, HelpdeskId } from '../../lib/ticket';
import type { FixtureApi } from '../fixtures/editors/fixture-api';
import { FIXTURE_ROUTES } from '../fixtures/routes';
import { chromiumPath } from '../support/chromium';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { ROOT } from '../support/paths';

interface PageGlobals {
  __steadyFixture: FixtureApi;
  __xss?: number;
  steadyHelpdesks: typeof import('../../lib/helpdesks') & typeof import('../../lib/helpdesks/watch');
  lastComposer?: HTMLElement;
  changes: { ticket: boolean; messages: boolean; composer: boolean }[];
}

/** Reading as plain data (elements do not cross into Node). */
type PlainReading = Omit<ConversationReading, 'composers'> & { composers: ComposerInfo[] };

const EXPECTED: Record<string, { helpdesk: HelpdeskId; ticketId: string; editor: ComposerInfo['editor'] }> = {
  'zendesk.html': { helpdesk: 'zendesk', ticketId: '123', editor: 'ckeditor5' },
  'intercom.html': { helpdesk: 'intercom', ticketId: '987654', editor: 'prosemirror' },
  'freshdesk.html': { helpdesk: 'freshdesk', ticketId: '4521', editor: 'froala' },
  'helpscout.html': { helpdesk: 'helpscout', ticketId: '1234567', editor: 'contenteditable' },
  'gmail.html': { helpdesk: 'gmail', ticketId: '18f3a2c9d4e5b671', editor: 'contenteditable' },
  'hubspot.html': { helpdesk: 'hubspot', ticketId: '778899', editor: 'prosemirror' },
};

let server: FixtureServer;
let browser: Browser;
let adapterScript: string;

beforeAll(async () => {
  server = await startFixtureServer();
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--ignore-certificate-errors', `--host-resolver-rules=${server.hostResolverRules}`],
  });
  const bundle = await build({
    stdin: { contents: "export * from './lib/helpdesks'; export * from './lib/helpdesks/watch';", resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'steadyHelpdesks',
    logLevel: 'silent',
  });
  adapterScript = bundle.outputFiles[0].text;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ ignoreHTTPSErrors: true });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await page.waitForSelector('html[data-fixture-ready="true"]', { timeout: 20_000 });
  await page.addScriptTag({ content: adapterScript });
  return { page, errors };
}

function read(page: Page): Promise<PlainReading> {
  return page.evaluate(() => {
    const w = window as unknown as PageGlobals;
    const reading = w.steadyHelpdesks.readConversation(new URL(location.href), document);
    w.lastComposer = reading.composers[0]?.element;
    return { ...reading, composers: reading.composers.map((c) => c.info) };
  });
}

const pages = FIXTURE_ROUTES.filter((route) => route.file in EXPECTED);

describe.each(pages)('$file in Chromium', (route) => {
  const expected = EXPECTED[route.file];

  it('is read by its adapter with the real editor mounted', async () => {
    const { page, errors } = await open(route.example);
    const reading = await read(page);
    expect(reading).toMatchObject({ helpdesk: expected.helpdesk, ticketId: expected.ticketId, fallback: false });
    expect(reading.messages.filter((m) => m.role === 'customer').length).toBeGreaterThan(0);
    expect(reading.composers).toEqual([expect.objectContaining({ editor: expected.editor })]);
    // The draft the page starts with is what the editor's own model holds.
    const draft = await page.evaluate(() => (window as unknown as PageGlobals).__steadyFixture.getText());
    expect(draft.length).toBeGreaterThan(20);
    expect(await page.evaluate(() => (window as unknown as PageGlobals).lastComposer?.textContent)).toBe(draft);
    expect(await page.evaluate(() => (window as unknown as PageGlobals).__xss)).toBeUndefined();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('types into the editor, adds messages and re-creates the composer like the app', async () => {
    const { page, errors } = await open(route.example);
    const before = await read(page);
    await page.evaluate(() => {
      const w = window as unknown as PageGlobals;
      w.changes = [];
      w.steadyHelpdesks.watchConversation(document, (c) => w.changes.push({ ticket: c.ticketChanged, messages: c.messagesChanged, composer: c.composerChanged }));
    });

    await page.evaluate(() => {
      const el = (window as unknown as PageGlobals).lastComposer!;
      el.focus();
      const range = document.createRange();
      range.selectNodeContents(el);
      range.collapse(false);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    await page.keyboard.type(' Thanks!');
    await expect.poll(() => page.evaluate(() => (window as unknown as PageGlobals).__steadyFixture.getText())).toMatch(/ Thanks!$/);

    await page.evaluate(() => (window as unknown as PageGlobals).__steadyFixture.addMessage('customer', 'Still waiting for an answer.'));
    const after = await read(page);
    expect(after.messages).toHaveLength(before.messages.length + 1);
    expect(after.messages.at(-1)).toMatchObject({ role: 'customer', text: 'Still waiting for an answer.' });
    await expect.poll(() => page.evaluate(() => (window as unknown as PageGlobals).changes)).toEqual([{ ticket: false, messages: true, composer: false }]);

    const draft = await page.evaluate(() => (window as unknown as PageGlobals).__steadyFixture.getText());
    const oldComposer = await page.evaluateHandle(() => (window as unknown as PageGlobals).lastComposer!);
    await page.evaluate(() => (window as unknown as PageGlobals).__steadyFixture.recreateComposer?.());
    const recreated = await read(page);
    expect(recreated.composers).toEqual([expect.objectContaining({ editor: expected.editor })]);
    expect(await page.evaluate((old) => old !== (window as unknown as PageGlobals).lastComposer && old.isConnected === false, oldComposer)).toBe(true);
    expect(await page.evaluate(() => (window as unknown as PageGlobals).__steadyFixture.getText())).toBe(draft);
    await expect.poll(() => page.evaluate(() => (window as unknown as PageGlobals).changes.at(-1))).toEqual({ ticket: false, messages: false, composer: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('zendesk tabs in Chromium', () => {
  it('switches ticket through the tab bar, URL and scope following', async () => {
    const { page, errors } = await open(FIXTURE_ROUTES.find((r) => r.file === 'zendesk.html')!.example);
    await page.click('[data-test-id="header-tab"][data-entity-id="124"]');
    expect(new URL(page.url()).pathname).toBe('/agent/tickets/124');
    const reading = await read(page);
    expect(reading).toMatchObject({ ticketId: '124', subject: 'Charged twice for March invoice' });
    expect(reading.messages.map((m) => m.role)).toEqual(['customer', 'system']);
    await page.goBack();
    expect((await read(page)).ticketId).toBe('123');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens the ticket named in the URL', async () => {
    const { page } = await open('https://acme.zendesk.com/agent/tickets/124');
    expect((await read(page)).ticketId).toBe('124');
    await page.close();
  });
});

describe('intercom conversation switch in Chromium', () => {
  it('re-renders the stream and composer in place, URL and reading following', async () => {
    const { page, errors } = await open(FIXTURE_ROUTES.find((r) => r.file === 'intercom.html')!.example);
    await page.evaluate(() => {
      const w = window as unknown as PageGlobals;
      w.changes = [];
      w.steadyHelpdesks.watchConversation(document, (c) => w.changes.push({ ticket: c.ticketChanged, messages: c.messagesChanged, composer: c.composerChanged }));
    });
    await page.click('.conversation-list [data-ticket="987655"]');
    expect(page.url()).toMatch(/\/conversation\/987655$/);
    const other = await read(page);
    expect(other).toMatchObject({ ticketId: '987655', fallback: false });
    expect(other.messages.map((m) => [m.role, m.author])).toEqual([
      ['customer', 'Priya Shah'],
      ['agent', 'Sam Okafor'],
      ['customer', 'Priya Shah'],
    ]);
    expect(await page.evaluate(() => (window as unknown as PageGlobals).__steadyFixture.getText())).toBe('');
    await expect.poll(() => page.evaluate(() => (window as unknown as PageGlobals).changes)).toEqual([{ ticket: true, messages: true, composer: true }]);

    await page.goBack();
    const back = await read(page);
    expect(back.ticketId).toBe('987654');
    expect(back.messages[0].author).toBe('Jordan Ellis');
    expect(await page.evaluate(() => (window as unknown as PageGlobals).__steadyFixture.getText())).toMatch(/^Hi Jordan/);
    expect(errors).toEqual([]);
    await page.close();
  });
});
