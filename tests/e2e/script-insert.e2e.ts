/**
 * A script line from the side panel, inserted into every editor of the matrix
 * (CKEditor 5, ProseMirror, Quill, Froala, Lexical, Trix, Slate, Draft.js,
 * Tiptap, Jodit, plain contenteditable, textarea, a contenteditable in a web
 * component's shadow root) on
 * a helpdesk conversation that names the order: the line's [order number] is
 * filled from the ticket, it lands in the editor's model once after the
 * agent's draft, and one Ctrl+Z takes exactly it out again, even when the agent clicks Insert
 * right after typing. A placeholder the
 * ticket cannot fill is selected in the editor, so the agent's typing
 * replaces it.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { EditorKind } from '../editor-pages/editors';
import { launchSteady, type SteadyBrowser } from '../support/steady-browser';
import { waitForEditor } from '../editor-pages/session';
import { moveCaret } from '../support/caret';

const EDITORS: EditorKind[] = ['ckeditor', 'prosemirror', 'quill', 'froala', 'lexical', 'trix', 'slate', 'draftjs', 'tiptap', 'jodit', 'plain', 'textarea', 'shadow-plain'];
/** The conversation (tests/fixtures/editor-ticket.html) names order #BL-58214. */
const ticketUrl = (kind: EditorKind) => `https://app.frontapp.com/open/cnv_editor_${kind}`;
const DRAFT = 'Hi Dana, I am sorry the blender stopped working.';
const FILLED_LINE = 'I can look at the refund options with you for order BL-58214.';
const OPEN_LINE = 'The refund review looks at [what it checks], and it usually takes [how long].';
const AGENT_FILL = 'the order history';
const SLOW = { timeout: 30_000, interval: 200 };
const FROALA_PING = 'https://c0.froala.com/';

let steady: SteadyBrowser;

beforeAll(async () => {
  steady = await launchSteady();
  // The first page waits while the fixture server bundles every editor: on a loaded machine, minutes.
  steady.context.setDefaultNavigationTimeout(300_000);
  // An unlicensed Froala reports to its vendor: answered here (the test network is closed), and not Steady's request.
  await steady.context.route(`${FROALA_PING}**`, (route) => route.fulfill({ status: 204 }));
});

afterAll(async () => {
  await steady?.close();
});

/** The draft as the editor's own model holds it (rich editors may keep a space as NBSP). */
const modelText = (page: Page) => page.evaluate(() => window.__editor!.modelText().replace(/\u00a0/g, ' '));
/** What the editor's own selection covers, once the page has focus again. */
const selectedText = (page: Page) => page.evaluate(() => (document.hasFocus() ? window.__editor!.selectedText() : null));
const scriptLine = (panel: Page, text: string) => panel.locator('#script-refund-demand ol.lines > li', { has: panel.locator('p.line', { hasText: text }) });

describe.each(EDITORS)('%s', (kind) => {
  let ticket: Page;
  let panel: Page;

  beforeAll(async () => {
    ticket = await steady.open(ticketUrl(kind));
    await waitForEditor(ticket, kind);
  }, 360_000);

  /**
   * Clicks a line's Insert in the panel while the ticket stays in view, as the real side panel sits beside
   * the page (a hidden tab would run the editors' timers and frames late).
   */
  async function insert(line: Locator): Promise<void> {
    await ticket.bringToFront();
    await line.getByRole('button', { name: 'Insert' }).click();
  }

  afterAll(async () => {
    await panel?.close();
    await ticket?.close();
  });

  test('Insert puts the line with the order number from the ticket into the editor once, after the intact draft', async () => {
    panel = await steady.openSidePanel(await steady.tabIdOf(ticket));
    await panel.getByRole('tab', { name: 'Scripts' }).click();
    await panel.getByLabel('Search scripts').fill('refund');
    const line = scriptLine(panel, FILLED_LINE);
    // The panel fills [order number] once it has read the conversation.
    await expect.poll(() => line.count(), SLOW).toBe(1);

    // Insert right after typing, within the editor's undo grouping (Quill's is a second), as a quick agent does.
    await ticket.bringToFront();
    await ticket.locator(await ticket.evaluate(() => window.__editor!.composer)).click();
    await ticket.keyboard.type(DRAFT);
    await expect.poll(() => modelText(ticket), SLOW).toBe(DRAFT);
    await insert(line);
    await expect.poll(() => modelText(ticket), SLOW).toContain(FILLED_LINE);
    // Exactly once, after the agent's draft, which is intact; nothing left to fill.
    expect(await modelText(ticket)).toBe(`${DRAFT} ${FILLED_LINE}`);
    expect(await panel.getByRole('alert').count()).toBe(0);
  });

  test('one Ctrl+Z in the editor takes out exactly the inserted line', async () => {
    // Froala's Ctrl+Z does nothing on this page (unlicensed, away from localhost): one step of its own history instead.
    if (kind === 'froala') await ticket.evaluate(() => window.__editor!.undo!());
    else await ticket.keyboard.press('Control+z');
    await expect.poll(() => modelText(ticket), SLOW).toBe(DRAFT);
  });

  test('a placeholder the ticket cannot fill is selected after Insert, so typing replaces it', async () => {
    await moveCaret(ticket, 'Control+End');
    const before = await modelText(ticket);
    await insert(scriptLine(panel, OPEN_LINE));
    // With the panel's alerts, so a refused insert says why.
    await expect.poll(async () => ({ draft: await modelText(ticket), alerts: await panel.getByRole('alert').allTextContents() }), SLOW).toEqual({ draft: `${before} ${OPEN_LINE}`, alerts: [] });

    await expect.poll(() => selectedText(ticket), SLOW).toBe('[what it checks]');
    await ticket.keyboard.type(AGENT_FILL);
    await expect.poll(() => modelText(ticket), SLOW).toBe(`${before} ${OPEN_LINE.replace('[what it checks]', AGENT_FILL)}`);
  });
});

test('no errors, and the extension made no network request', () => {
  expect(steady.errors).toEqual([]);
  expect(steady.extensionRequests().filter((r) => !r.url.startsWith(FROALA_PING))).toEqual([]);
});
