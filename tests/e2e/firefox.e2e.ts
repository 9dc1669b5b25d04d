/**
 * Smoke test in a real Firefox (Debian's firefox-esr, over WebDriver BiDi):
 * the Firefox build installs, coaches the Zendesk reply box (underlines
 * through the Highlight API, the count badge), opens the suggestion card, and
 * applies a rewrite that the editor's own model then holds.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'puppeteer-core';
import { ensureExtensionBuilt } from '../support/extension-build';
import { firefoxAvailable, FIREFOX_PATH, launchSteadyFirefox, type SteadyFirefox } from '../support/firefox';

const TICKET = 'https://acme.zendesk.com/agent/tickets/123';
const COMPOSER = '[data-test-id="omnicomposer-rich-text-ckeditor"]';
const DRAFT = 'Please calm down, that is our policy.';
const SLOW = { timeout: 30_000, interval: 250 };

if (!firefoxAvailable()) console.warn(`Firefox smoke test skipped: no Firefox at ${FIREFOX_PATH} (sudo apt-get install -y firefox-esr, or set FIREFOX_PATH).`);

let firefox: SteadyFirefox;
let page: Page;
const errors: string[] = [];

const badgeCount = () => page.evaluate(() => document.querySelector('steady-badge')?.shadowRoot?.querySelector('button.badge')?.textContent ?? null);
const highlightCount = () =>
  page.evaluate(() => ['steady-problem', 'steady-warning', 'steady-suggestion'].reduce((n, name) => n + (CSS.highlights.get(name)?.size ?? 0), 0));
const modelText = () => page.evaluate(() => (window as unknown as { __steadyFixture: { getText(): string } }).__steadyFixture.getText());
const card = () => page.evaluate(() => document.querySelector('steady-card')?.shadowRoot?.querySelector('[role="dialog"]')?.textContent ?? null);

beforeAll(async () => {
  if (!firefoxAvailable()) return;
  ensureExtensionBuilt('firefox');
  firefox = await launchSteadyFirefox();
  page = await firefox.browser.newPage();
  await page.bringToFront();
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
}, 180_000);

afterAll(async () => {
  await firefox?.close();
});

test.skipIf(!firefoxAvailable())('Steady coaches the Zendesk reply box in Firefox', async () => {
  await page.goto(TICKET);
  await page.click(COMPOSER);
  await page.keyboard.down('Control');
  await page.keyboard.press('a');
  await page.keyboard.up('Control');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(DRAFT);
  await expect.poll(modelText, SLOW).toBe(DRAFT);
  await expect.poll(badgeCount, SLOW).toBe('2');
  expect(await highlightCount()).toBe(2);
}, 120_000);

test.skipIf(!firefoxAvailable())('the card opens from the badge and its first rewrite goes into the editor', async () => {
  // The agent's own key on the focused badge (Steady ignores clicks a page script forges). The page must be the
  // visible tab: Firefox skips the default action of a key pressed in a hidden one.
  expect(await page.evaluate(() => document.visibilityState)).toBe('visible');
  const focusBadge = () =>
    page.evaluate(() => {
      const button = document.querySelector('steady-badge')?.shadowRoot?.querySelector<HTMLButtonElement>('button.badge');
      button?.focus();
      return !!button && button.getRootNode() instanceof ShadowRoot && (button.getRootNode() as ShadowRoot).activeElement === button;
    });
  await expect.poll(focusBadge, SLOW).toBe(true);
  await page.keyboard.press('Enter');
  await expect.poll(card, SLOW).toContain('calm down');
  await page.keyboard.press('Enter');
  await expect.poll(modelText, SLOW).not.toContain('calm down');
  // The agent's own clause after the comma is kept, as its own sentence.
  expect(await modelText()).toMatch(/\. That is our policy\.$/);
  await expect.poll(badgeCount, SLOW).toBe('1');
  expect(errors).toEqual([]);
}, 120_000);
