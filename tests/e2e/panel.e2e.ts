/**
 * The side panel against the Zendesk fixture (CKEditor 5) in real Chromium:
 * the checklist follows the draft as the agent types, a script line lands in
 * the editor's model exactly once, the decision map survives reloads, a browser
 * restart and a second panel, and every tab lays out at 360 px.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchSteady, type SteadyBrowser } from '../support/steady-browser';
import { moveCaret } from '../support/caret';
import { clickCardButton, clickRewrite, waitForCard } from '../support/steady-ui';
import { ROOT } from '../support/paths';

const TICKET = 'https://acme.zendesk.com/agent/tickets/123';
/** The open ticket's reply box (the other ticket tab keeps its own, hidden). */
const COMPOSER = '[data-test-id="omnicomposer-rich-text-ckeditor"] >> visible=true';
const SCREENSHOTS = join(ROOT, 'test-results/screenshots');
const SLOW = { timeout: 20_000, interval: 200 };

/** The draft, part by part, and the checklist item each part should complete. */
const PARTS = [
  { text: 'I can see why this delay is frustrating after a week of waiting. ', item: 'opening-acknowledgement' },
  { text: 'What address did you give at checkout? ', item: 'clarifying-question' },
  { text: 'I will check with the courier today and email you by Friday. ', item: 'next-step' },
  { text: 'Does that cover what you need?', item: 'closing-check' },
] as const;

let steady: SteadyBrowser;
let profile: string;
let ticket: Page;
let panel: Page;
let tabId: number;
/** Errors of browsers already closed by the restart test. */
const earlierErrors: string[] = [];

const modelText = (page: Page) => page.evaluate(() => (window as unknown as { __steadyFixture: { getText(): string } }).__steadyFixture.getText());
const item = (page: Page, id: string) => page.locator(`li.check-item[data-item="${id}"]`);
const itemStatus = (page: Page, id: string) => item(page, id).getAttribute('data-status');
const itemChecked = (page: Page, id: string) => item(page, id).getByRole('checkbox').getAttribute('aria-checked');
const showTab = (page: Page, name: string) => page.getByRole('tab', { name }).click();

async function openTicketAndPanel(): Promise<void> {
  ticket = await steady.open(TICKET);
  await ticket.locator(COMPOSER).waitFor();
  tabId = await steady.tabIdOf(ticket);
  panel = await steady.openSidePanel(tabId);
  // The panel knows the ticket once the content script has read it.
  await panel.locator('.ticket-header', { hasText: 'A-20931' }).waitFor({ timeout: 20_000 });
}

beforeAll(async () => {
  profile = await mkdtemp(join(tmpdir(), 'steady-panel-profile-'));
  steady = await launchSteady({ userDataDir: profile });
  await openTicketAndPanel();
});

afterAll(async () => {
  await steady?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

describe('Now: the checklist follows the draft', () => {
  test('items flip from missing to pass as the agent writes each part', async () => {
    // The fixture's reply box holds a weak draft: the agent starts over.
    await ticket.bringToFront();
    await ticket.locator(COMPOSER).click();
    await ticket.keyboard.press('ControlOrMeta+a');
    await ticket.keyboard.press('Backspace');
    await expect.poll(() => modelText(ticket), SLOW).toBe('');
    await showTab(panel, 'Now');
    for (const { item: id } of PARTS) await expect.poll(() => itemStatus(panel, id), SLOW).toBe('missing');

    let typed = '';
    for (const [index, part] of PARTS.entries()) {
      await ticket.keyboard.type(part.text);
      typed += part.text;
      await expect.poll(() => modelText(ticket), SLOW).toBe(typed);
      for (const [other, later] of PARTS.entries()) {
        const expected = other <= index ? 'pass' : 'missing';
        await expect.poll(() => itemStatus(panel, later.item), SLOW).toBe(expected);
        expect(await itemChecked(panel, later.item)).toBe(String(expected === 'pass'));
      }
    }
  });

  test('the promise in the draft is listed under "Promises to follow up"', async () => {
    const promises = panel.getByRole('list', { name: 'Promises to follow up' });
    await expect.poll(() => promises.allTextContents().then((t) => t.join(' ')), SLOW).toContain('email you by Friday');
  });

  test('an item can be ticked by hand, with the mouse and with Space', async () => {
    const open = await panel.locator('li.check-item[data-status="missing"]').first().getAttribute('data-item');
    expect(open).not.toBeNull();
    const box = item(panel, open!).getByRole('checkbox');
    expect(await box.getAttribute('aria-checked')).toBe('false');
    await box.click();
    await expect.poll(() => box.getAttribute('aria-checked')).toBe('true');
    await box.focus();
    await panel.keyboard.press('Space');
    await expect.poll(() => box.getAttribute('aria-checked')).toBe('false');
    // Ticking is the agent's own mark: the automatic status stays as evaluated.
    expect(await itemStatus(panel, open!)).toBe('missing');
  });
});

describe('Scripts', () => {
  test('a misspelt search finds the refund script first', async () => {
    await showTab(panel, 'Scripts');
    await panel.getByLabel('Search scripts').fill('refnd');
    await expect.poll(() => panel.locator('article.script').first().getAttribute('id'), SLOW).toBe('script-refund-demand');
  });

  test('Insert puts the line into the editor model exactly once', async () => {
    const line = panel.locator('#script-refund-demand ol.lines > li').first();
    const text = (await line.locator('p.line').textContent())!.trim();
    // The line's [order number] is filled from the ticket, so what lands is sendable as it is.
    expect(text).toBe('I can look at the refund options with you for order A-20931.');
    const before = await modelText(ticket);
    expect(before).not.toContain(text);

    await line.getByRole('button', { name: 'Insert' }).click();
    await expect.poll(() => modelText(ticket), SLOW).toContain(text);
    const after = await modelText(ticket);
    expect(after.split(text).length - 1).toBe(1);
    expect(after).not.toContain('[order number]');
    // The draft typed before is still all there.
    expect(after.replace(text, '').replace(/\s+/g, ' ').trim()).toBe(before.replace(/\s+/g, ' ').trim());
    expect(await panel.getByRole('alert').count()).toBe(0);
  });
});

describe('Map: the decision map is kept on this device', () => {
  const MAP = { concern: 'Parcel A-20931 is a week late', known: 'Courier scan stopped on Nov 14', verify: 'Delivery address on the order', next: 'Call the courier depot', owner: 'Marco' };

  async function expectMapIntact(page: Page): Promise<void> {
    await showTab(page, 'Map');
    await expect.poll(() => page.getByRole('textbox', { name: 'Concern', exact: true }).inputValue(), SLOW).toBe(MAP.concern);
    expect(await page.getByRole('textbox', { name: 'Known facts 1', exact: true }).inputValue()).toBe(MAP.known);
    expect(await page.getByRole('textbox', { name: 'Facts to verify 1', exact: true }).inputValue()).toBe(MAP.verify);
    expect(await page.getByRole('textbox', { name: 'Next step', exact: true }).inputValue()).toBe(MAP.next);
    expect(await page.getByRole('textbox', { name: 'Owner', exact: true }).inputValue()).toBe(MAP.owner);
  }

  test('what the agent fills in is saved', async () => {
    await showTab(panel, 'Map');
    await panel.getByRole('textbox', { name: 'Concern', exact: true }).fill(MAP.concern);
    await panel.getByLabel('Add to known facts').fill(MAP.known);
    await panel.getByLabel('Add to known facts').press('Enter');
    await panel.getByLabel('Add to facts to verify').fill(MAP.verify);
    await panel.locator('fieldset', { has: panel.getByLabel('Add to facts to verify') }).getByRole('button', { name: 'Add', exact: true }).click();
    await panel.getByRole('textbox', { name: 'Next step', exact: true }).fill(MAP.next);
    await panel.getByRole('textbox', { name: 'Owner', exact: true }).fill(MAP.owner);
    await expect.poll(() => panel.locator('.save-state').textContent(), SLOW).toBe('Saved on this device');
  });

  test('it is intact after reloading the helpdesk page and the panel', async () => {
    await ticket.reload();
    await panel.reload();
    await expectMapIntact(panel);
  });

  test('it is intact after closing the whole browser and starting it again', async () => {
    earlierErrors.push(...steady.errors);
    expect(steady.extensionRequests()).toEqual([]);
    await steady.close();
    steady = await launchSteady({ userDataDir: profile });
    await openTicketAndPanel();
    await expectMapIntact(panel);
  });

  test('two panels on the same ticket stay consistent', async () => {
    const second = await steady.openSidePanel(tabId);
    await expectMapIntact(second);
    await showTab(panel, 'Map');
    await panel.getByRole('textbox', { name: 'Owner', exact: true }).fill('Priya');
    await expect.poll(() => second.getByRole('textbox', { name: 'Owner', exact: true }).inputValue(), SLOW).toBe('Priya');
    await second.getByLabel('Add to known facts').fill('Customer is away from Friday');
    await second.getByLabel('Add to known facts').press('Enter');
    await expect.poll(() => panel.getByRole('textbox', { name: 'Known facts 2', exact: true }).inputValue({ timeout: 1_000 }).catch(() => ''), SLOW).toBe('Customer is away from Friday');
    await second.close();
  });
});

describe('Review', () => {
  test('answers are pre-filled from the conversation, and the follow-up note goes in as an internal note', async () => {
    await panel.bringToFront();
    await showTab(panel, 'Review');
    const answer = (id: string) => panel.locator(`[data-question="${id}"] dd`).textContent();
    await expect.poll(() => answer('turning-points'), SLOW).toMatch(/More frustrated at customer message 2/);
    await expect.poll(() => answer('promises'), SLOW).not.toBe('');
    const note = (await panel.getByLabel('Follow-up note').textContent())!;
    expect(note).toMatch(/^Issue: Order #A-20931 still not delivered\nConcern: /);

    await panel.getByRole('button', { name: 'Insert as internal note' }).click();
    const switcher = ticket.locator('[data-side-conversations-anchor-id="123"] button[data-test-id="omnichannel-channel-switcher-button"]');
    await expect.poll(() => switcher.getAttribute('data-channel'), SLOW).toBe('internal');
    await expect.poll(() => modelText(ticket), SLOW).toContain('Issue: Order #A-20931 still not delivered');
    expect(await panel.getByRole('alert').count()).toBe(0);
  });
});

describe('Stats', () => {
  const figure = async (id: 'shown' | 'accepted' | 'ignored') => Number(await panel.getByTestId(id).textContent());
  const figures = async () => ({ shown: await figure('shown'), accepted: await figure('accepted'), ignored: await figure('ignored') });
  /** Types `text` at the end of the reply, then opens the card of its weak phrase with Ctrl+. (the caret two characters back, inside it). */
  const typeAndOpenCard = async (text: string) => {
    await ticket.bringToFront();
    await ticket.locator(COMPOSER).click();
    await moveCaret(ticket, 'Control+End');
    await ticket.keyboard.type(text);
    await moveCaret(ticket, 'ArrowLeft');
    await moveCaret(ticket, 'ArrowLeft');
    await ticket.keyboard.press('Control+Period');
    await waitForCard(ticket, SLOW.timeout);
  };

  test('each weak phrase the agent saw counts once, and a rewrite used and a phrase ignored count as such, locally', async () => {
    await showTab(panel, 'Stats');
    const before = await figures();

    await typeAndOpenCard(' Please calm down.');
    await clickRewrite(ticket);
    await panel.bringToFront();
    // Applying a rewrite can surface other phrases (the draft's sentences are read again), so "shown" rises by at least one.
    await expect.poll(async () => ({ ...(await figures()), shown: undefined }), SLOW).toEqual({ shown: undefined, accepted: before.accepted + 1, ignored: before.ignored });
    const afterRewrite = await figures();
    expect(afterRewrite.shown).toBeGreaterThanOrEqual(before.shown + 1);

    await typeAndOpenCard(' Just relax.');
    await clickCardButton(ticket, 'Ignore');
    await panel.bringToFront();
    await expect.poll(async () => ({ ...(await figures()), shown: undefined }), SLOW).toEqual({ shown: undefined, accepted: before.accepted + 1, ignored: before.ignored + 1 });
    expect((await figures()).shown).toBeGreaterThanOrEqual(afterRewrite.shown + 1);
    expect(await panel.locator('figure.bar-chart').count()).toBe(3);
  });
});

test('every panel tab lays out at 360 px (screenshots in test-results/screenshots)', async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  await panel.setViewportSize({ width: 360, height: 800 });
  // Some draft, so Now and Review have something to show.
  await ticket.bringToFront();
  await ticket.locator(COMPOSER).click();
  await ticket.keyboard.type('I am sorry about the delay. I will check with the courier and email you by Friday. Does that help?');
  await panel.bringToFront();
  await showTab(panel, 'Now');
  await expect.poll(() => panel.getByRole('list', { name: 'Promises to follow up' }).allTextContents().then((t) => t.join(' ')), SLOW).toContain('email you by Friday');
  // Text is readable: Chromium's own 75 % body size for extension pages must not win.
  expect(await panel.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.check-label')!).fontSize))).toBeGreaterThanOrEqual(13);
  for (const name of ['Now', 'Scripts', 'Map', 'Review', 'Stats']) {
    await showTab(panel, name);
    await expect.poll(() => panel.getByRole('tab', { name }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => panel.getByText('Loading…').count()).toBe(0);
    // Nothing wider than the panel: the agent never scrolls sideways.
    expect(await panel.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await panel.screenshot({ path: join(SCREENSHOTS, `panel-${name.toLowerCase()}.png`), fullPage: true });
  }
});

test('no errors, and the extension made no network request', () => {
  expect([...earlierErrors, ...steady.errors]).toEqual([]);
  expect(steady.extensionRequests()).toEqual([]);
});
