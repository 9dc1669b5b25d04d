/**
 * The options page's pack editor in real Chromium: a broken pack is refused
 * with an error naming the rule and the field, and the rules in use stay as
 * they were; a valid pack applies in the helpdesk's reply box. Plus a 360 px
 * screenshot of the page.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { badgeText } from '../support/steady-ui';
import { seriousViolations } from '../support/axe';
import { launchSteady, type SteadyBrowser } from '../support/steady-browser';
import { ROOT } from '../support/paths';
import { moveCaret } from '../support/caret';

const TICKET = 'https://acme.zendesk.com/agent/tickets/123';
/** The open ticket's reply box (the other ticket tab keeps its own, hidden). */
const COMPOSER = '[data-test-id="omnicomposer-rich-text-ckeditor"] >> visible=true';
const SCREENSHOTS = join(ROOT, 'test-results/screenshots');
const SLOW = { timeout: 20_000, interval: 200 };
/** One phrase the built-in rules flag, one only the personal pack below flags. */
const DRAFT = 'Per my note, the parcel is on its way. Please calm down.';

const pack = (severity: string) => `rules:
  - id: per-my-last-email
    category: condescending
    severity: ${severity}
    message: Pointing back to an earlier email reads as impatience.
    match: ["per my (note|memo)"]
    rewrites: ["To recap where we are"]
    examples:
      flag: ["Per my note, it is fixed.", "per my memo, restart it", "As said, per my note."]
      pass: ["My last email had the steps.", "Here is my last update.", "Per the guide, restart it."]
`;

let steady: SteadyBrowser;
let ticket: Page;
let options: Page;
/** What the built-in rules underline in DRAFT: the calm-down phrase, and a whole-reply note on the first sentence. */
const BUILTIN_PHRASES = ['Per my note, the parcel is on its way.', 'Please calm down'];
/** A phrase the built-in rules flag, typed to see a lint run with the rules now in force. */
const PROBE = ' Just relax.';

const modelText = (page: Page) => page.evaluate(() => (window as unknown as { __steadyFixture: { getText(): string } }).__steadyFixture.getText());

/**
 * The agent types on and deletes it again, so the draft is checked twice with the rules now in force; each
 * time the underlines must be exactly `expected` (plus the typed phrase while it is there). The typed phrase
 * showing up, then going, is the sign that those lints ran.
 */
async function recheckedUnderlines(expected: string[]): Promise<void> {
  await ticket.bringToFront();
  await ticket.locator(COMPOSER).click();
  await moveCaret(ticket, 'End');
  await ticket.keyboard.type(PROBE);
  await expect.poll(() => modelText(ticket), SLOW).toBe(DRAFT + PROBE);
  await expect.poll(underlinedPhrases, SLOW).toEqual([...expected, 'Just relax'].sort());
  for (let i = 0; i < PROBE.length; i++) await ticket.keyboard.press('Backspace');
  await expect.poll(() => modelText(ticket), SLOW).toBe(DRAFT);
  await expect.poll(underlinedPhrases, SLOW).toEqual(expected);
}

/** The phrases underlined in the reply box (Highlight API ranges). */
const underlinedPhrases = () =>
  ticket.evaluate(() =>
    ['steady-problem', 'steady-warning', 'steady-suggestion']
      .flatMap((name) => [...((CSS.highlights.get(name) as Set<AbstractRange> | undefined) ?? [])].map((range) => (range instanceof Range ? range.toString() : '')))
      .sort(),
  );
const PACK_PHRASE = 'Per my note';
/** With the pack: its phrase, and the whole-reply note on that sentence gives way to it (one underline per sentence). */
const WITH_PACK = [PACK_PHRASE, 'Please calm down'];


async function savePack(text: string): Promise<void> {
  await options.bringToFront();
  await options.getByLabel('Pack (JSON or YAML)').fill(text);
  await options.getByRole('button', { name: 'Save pack' }).click();
}

beforeAll(async () => {
  steady = await launchSteady();
  ticket = await steady.open(TICKET);
  await ticket.locator(COMPOSER).click();
  await ticket.keyboard.press('ControlOrMeta+a');
  await ticket.keyboard.press('Backspace');
  await ticket.keyboard.type(DRAFT);
  options = await steady.open(`chrome-extension://${steady.extensionId}/options.html`);
  await options.getByRole('heading', { name: 'Steady settings' }).waitFor({ timeout: 20_000 });
});

afterAll(async () => {
  await steady?.close();
});

test('the built-in rules flag the weak phrase in the reply box', async () => {
  await expect.poll(() => modelText(ticket), SLOW).toBe(DRAFT);
  await expect.poll(underlinedPhrases, SLOW).toEqual(BUILTIN_PHRASES);
  await expect.poll(() => badgeText(ticket), SLOW).toBe(String(BUILTIN_PHRASES.length));
});

test('a broken pack is refused with an error naming the rule and the field, and the rules in use stay', async () => {
  await savePack(pack('loud'));
  const status = options.getByRole('alert').filter({ hasText: 'Not saved' });
  await expect.poll(() => status.count(), SLOW).toBe(1);
  const message = (await status.textContent())!;
  expect(message).toContain('per-my-last-email');
  expect(message).toContain('severity');
  expect(await options.locator('li[data-pack]').count()).toBe(0);

  await recheckedUnderlines(BUILTIN_PHRASES);
});

test('a valid pack is saved and its rule applies in the reply box', async () => {
  await savePack(pack('warning'));
  await expect.poll(() => options.getByRole('status').filter({ hasText: 'Saved' }).count(), SLOW).toBe(1);
  await expect.poll(() => options.locator('li[data-pack]').first().textContent(), SLOW).toContain('1 rule');
  expect(await options.getByRole('alert').count()).toBe(0);

  await recheckedUnderlines(WITH_PACK);
});

test('breaking the saved pack afterwards keeps the saved version in use', async () => {
  await savePack(pack('loud'));
  await expect.poll(() => options.getByRole('alert').filter({ hasText: 'Not saved' }).count(), SLOW).toBe(1);
  expect(await options.locator('li[data-pack]').count()).toBe(1);

  await recheckedUnderlines(WITH_PACK);
});

test('the options page lays out at 360 px (screenshot in test-results/screenshots)', async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  await options.bringToFront();
  await options.setViewportSize({ width: 360, height: 800 });
  // One category opened, so its rule rows (checkbox, id, severity) are in the picture too.
  await options.locator('details.category > summary .muted').first().click();
  await expect.poll(() => options.locator('details.category[open] .rule-list li').count()).toBeGreaterThan(0);
  // Nothing wider than the window: no sideways scrolling.
  expect(await options.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  expect(await options.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))).toBeGreaterThanOrEqual(13);
  // Each rule category is one row: checkbox, name and count side by side.
  const row = (await options.locator('details.category > summary').first().boundingBox())!;
  expect(row.height).toBeLessThan(32);
  await options.screenshot({ path: join(SCREENSHOTS, 'options.png'), fullPage: true });
});

test('rules read by name with an example, severity controls line up, and whole-reply checks are set like any rule', async () => {
  await options.setViewportSize({ width: 800, height: 900 });
  const dismissive = options.locator('details.category[data-category="dismissive"]');
  expect((await dismissive.locator('summary').innerText()).trim()).toMatch(/^Dismissive \(\d+ rules\)$/);
  // Opened by an earlier test maybe: open it whatever its state.
  if ((await dismissive.getAttribute('open')) === null) await dismissive.locator('summary .muted').click();
  expect((await dismissive.locator('li[data-rule="calm-down"] label').innerText()).trim()).toBe('Telling them to calm down');
  expect(await dismissive.locator('li[data-rule="calm-down"] .example').innerText()).toContain('Please calm down');
  // Every severity control in one column.
  const lefts = await dismissive.getByRole('combobox').evaluateAll((selects) => selects.map((s) => Math.round(s.getBoundingClientRect().left)));
  expect(lefts.length).toBeGreaterThan(1);
  expect(new Set(lefts).size).toBe(1);

  const checks = options.locator('details.category[data-category="draft"]');
  if ((await checks.getAttribute('open')) === null) await checks.locator('summary .muted').click();
  const tooMany = checks.locator('li[data-rule="draft/over-apologising"]');
  expect((await tooMany.locator('label').innerText()).trim()).toBe('Too many apologies');
  await tooMany.getByRole('combobox').selectOption('problem');
  await expect.poll(() => options.evaluate(async () => {
    const { settings } = await (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome.storage.sync.get('settings') as { settings?: { severities?: Record<string, string> } };
    return settings?.severities?.['draft/over-apologising'];
  }), SLOW).toBe('problem');
  expect(await options.getByText(/Pause a site from the badge/).count()).toBe(0);
  expect(await seriousViolations(options)).toEqual([]);
});

test('no errors, and the extension made no network request', () => {
  expect(steady.errors).toEqual([]);
  expect(steady.extensionRequests()).toEqual([]);
});
