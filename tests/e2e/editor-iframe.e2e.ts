/**
 * The built extension on a helpdesk page whose reply editor lives in an
 * about:srcdoc iframe (TinyMCE classic): the content script runs in that
 * frame, underlines the draft inside it, shows the card over the frame in the
 * page, applies a rewrite as one undo step, and inserts a line from the panel
 * at the caret in the frame.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { FrameLocator, Page } from 'playwright-core';
import type { FixtureApi } from '../fixtures/editors/fixture-api';
import { cardDialog, rewriteText, waitForCard } from '../support/steady-ui';
import { launchSteady, type SteadyBrowser } from '../support/steady-browser';

const URL = 'https://desk.zoho.com/agent/acme/support/tickets/details/8812';
const FRAME = '.tox-edit-area iframe';
const DRAFT = 'Hi Priya. Please calm down, I am on it';
const SLOW = { timeout: 30_000, interval: 200 };

let steady: SteadyBrowser;

beforeAll(async () => {
  steady = await launchSteady();
  // The fixture server bundles TinyMCE on first request (a few seconds, more on a loaded machine): not the page load under test.
  const warm = await steady.context.newPage();
  await warm.goto(new globalThis.URL('/_bundles/tinymce-classic.js', URL).href, { timeout: 120_000 });
  await warm.close();
});

afterAll(async () => {
  await steady?.close();
});

type FixtureWindow = Window & { __steadyFixture?: FixtureApi };
const modelText = (page: Page) => page.evaluate(() => (window as unknown as FixtureWindow).__steadyFixture!.getText());

/** The phrases underlined inside the frame, and the first one's box in the page's coordinates. */
const underlines = (page: Page) =>
  page.evaluate((frameSelector) => {
    const frame = document.querySelector<HTMLIFrameElement>(frameSelector)!;
    const win = frame.contentWindow as Window & typeof globalThis;
    const ranges = ['steady-problem', 'steady-warning', 'steady-suggestion'].flatMap((name) => [...((win.CSS.highlights.get(name) as Set<Range> | undefined) ?? [])]);
    const box = frame.getBoundingClientRect();
    const first = ranges[0]?.getClientRects()[0];
    return {
      phrases: ranges.map((r) => r.toString().replace(/\u00a0/g, ' ')).sort(),
      first: first ? { left: box.left + frame.clientLeft + first.left, top: box.top + frame.clientTop + first.top, bottom: box.top + frame.clientTop + first.bottom } : null,
      // The page's stylesheet for ::highlight must be in the frame's document for the underline to paint.
      styled: !!frame.contentDocument!.getElementById('steady-highlight-style'),
    };
  }, FRAME);

test('an editor in an iframe is coached: underlines in the frame, the card over it, one undo step per rewrite', async () => {
  const page = await steady.open(URL);
  await page.waitForFunction(() => document.documentElement.dataset.fixtureReady === 'true', null, SLOW);
  const body: FrameLocator = page.frameLocator(FRAME);
  await body.locator('body').click();
  await page.keyboard.type(DRAFT);
  await expect.poll(() => modelText(page), SLOW).toBe(DRAFT);
  await expect.poll(() => underlines(page).then((u) => u.phrases), SLOW).toContain('Please calm down');
  expect((await underlines(page)).styled).toBe(true);

  // Ctrl+. with the caret in the phrase: the card shows in the page (not clipped by the frame), by the phrase.
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  for (let i = 0; i < 'Hi Priya. Please'.length; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Control+Period');
  await waitForCard(page, SLOW.timeout);
  const phrase = (await underlines(page)).first!;
  const cardBox = (await cardDialog(page))!.box;
  expect(cardBox.y >= phrase.bottom - 1 || cardBox.y + cardBox.height <= phrase.top + 1).toBe(true);
  expect(Math.abs(cardBox.x - phrase.left)).toBeLessThan(40);

  // A rewrite button shows a preview of its sentence; data-rewrite holds the text it inserts (over the phrase's clause).
  const rewrite = await rewriteText(page);
  await page.keyboard.press('Enter');
  await expect.poll(() => modelText(page), SLOW).toContain(rewrite);
  expect(await modelText(page)).toMatch(/^Hi Priya\. /);
  expect(await modelText(page)).not.toContain('calm down');
  await page.keyboard.press('Control+z');
  await expect.poll(() => modelText(page), SLOW).toBe(DRAFT);

  // The frame's own conversation reader stays quiet: the panel reads the page's thread, not the editor's body.
  const panel = await steady.openSidePanel(await steady.tabIdOf(page));
  await expect.poll(() => panel.locator('body').textContent(), SLOW).toMatch(/charged twice/i);
  await panel.close();

  expect(steady.errors).toEqual([]);
  expect(steady.extensionRequests()).toEqual([]);
  await page.close();
}, 180_000);
