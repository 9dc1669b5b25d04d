/**
 * A reply box inside a web component's open shadow root, as design-system helpdesks render them,
 * on a conversation read in generic mode (Front, tests/fixtures/editor-ticket.html, with the editor
 * test page's shadow-DOM kinds). The built extension finds the box although the page's events name
 * only the component, underlines the weak phrases where the agent sees them, and a rewrite chosen
 * from the keyboard lands in the box once and goes with one Ctrl+Z.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { EditorKind } from '../editor-pages/editors';
import { launchSteady, type SteadyBrowser } from '../support/steady-browser';
import { modelText, waitForEditor } from '../editor-pages/session';
import { focusedIn, mirrorMarks } from '../support/steady-ui';

const KINDS = [
  { kind: 'shadow-plain', composer: '.plain' },
  { kind: 'shadow-textarea', composer: 'textarea' },
] as const satisfies readonly { kind: EditorKind; composer: string }[];
const ticketUrl = (kind: EditorKind) => `https://app.frontapp.com/open/cnv_editor_${kind}`;
const DRAFT = 'Please calm down. There is nothing I can do about it.';
const PHRASES = ['Please calm down', 'There is nothing I can do about it'];
const SLOW = { timeout: 30_000, interval: 200 };

let steady: SteadyBrowser;

beforeAll(async () => {
  steady = await launchSteady();
  // The first page waits while the fixture server bundles every editor: on a loaded machine, minutes.
  steady.context.setDefaultNavigationTimeout(300_000);
});

afterAll(async () => {
  await steady?.close();
});

/** The phrases underlined in a contenteditable: the Highlight API's ranges. */
const highlighted = (page: Page) =>
  page.evaluate(() => ['steady-problem', 'steady-warning', 'steady-suggestion'].flatMap((name) => [...((CSS.highlights.get(name) as Set<AbstractRange> | undefined) ?? [])].map((r) => (r instanceof Range ? r.toString() : ''))).sort());
const underlined = (page: Page, kind: EditorKind) => (kind === 'shadow-textarea' ? mirrorMarks(page).then((marks) => marks.sort()) : highlighted(page));

describe.each(KINDS)('$kind', ({ kind, composer }) => {
  let page: Page;
  beforeAll(async () => {
    page = await steady.open(ticketUrl(kind));
    await waitForEditor(page, kind);
  }, 360_000);
  afterAll(async () => {
    await page?.close();
  });

  test('the weak phrases are underlined as the agent types', async () => {
    await page.click(composer);
    await page.keyboard.type(DRAFT);
    await expect.poll(() => modelText(page)).toBe(DRAFT);
    await expect.poll(() => underlined(page, kind), SLOW).toEqual(PHRASES);
  });

  test('Ctrl+. then Enter applies the rewrite of the phrase at the caret, in the box; one Ctrl+Z restores the draft', async () => {
    // The caret into "Please", in the component's own selection.
    await page.locator(composer).evaluate((el) => {
      if (el instanceof HTMLTextAreaElement) return el.setSelectionRange(3, 3);
      const text = document.createTreeWalker(el, NodeFilter.SHOW_TEXT).nextNode()!;
      ((el.getRootNode() as ShadowRoot & { getSelection(): Selection }).getSelection()).setBaseAndExtent(text, 3, text, 3);
    });
    await page.keyboard.press('Control+Period');
    await expect.poll(async () => (await focusedIn(page, 'steady-card'))?.className, SLOW).toBe('rewrite');
    const rewrite = (await focusedIn(page, 'steady-card'))!.label;
    await page.keyboard.press('Enter');
    await expect.poll(() => underlined(page, kind), SLOW).toEqual([PHRASES[1]]);
    const applied = await modelText(page);
    expect(applied.split(rewrite)).toHaveLength(2);
    expect(applied).not.toContain(PHRASES[0]);
    expect(applied.endsWith(`${PHRASES[1]}.`)).toBe(true);
    await page.keyboard.press('Control+z');
    await expect.poll(() => modelText(page), SLOW).toBe(DRAFT);
    await expect.poll(() => underlined(page, kind), SLOW).toEqual(PHRASES);
  });

  // Last: it takes the underlines away behind the coach's back.
  test('the underlines show in the box: its pixels change when they are taken away', async () => {
    const box = page.locator(composer);
    await page.mouse.move(0, 0);
    const withUnderlines = await box.screenshot();
    await page.evaluate(() => {
      for (const name of ['steady-problem', 'steady-warning', 'steady-suggestion']) CSS.highlights.delete(name);
      document.querySelector<HTMLElement>('steady-underlines')?.style.setProperty('visibility', 'hidden');
    });
    expect(withUnderlines.equals(await box.screenshot())).toBe(false);
  });
});

test('nothing errored, and the extension made no network request', () => {
  expect(steady.errors).toEqual([]);
  expect(steady.extensionRequests()).toEqual([]);
});
