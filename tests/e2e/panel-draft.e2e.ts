/**
 * The panel as an agent meets it: the welcome page on install, one friendly
 * empty state off helpdesks, a Now tab that leads with the draft's findings
 * (step through them in the reply, rewrite, ignore), the site's pause switch
 * in the header, Stats in words, and Undo after turning a rule off or pausing
 * a site from the card. Every page passes axe with no serious violation.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchSteady, type SteadyBrowser } from '../support/steady-browser';
import { seriousViolations } from '../support/axe';
import { badgeText, cardDialog, clickCardButton, clickShown, mirrorMarkCentre, mirrorMarks, shownStyle, shownText, shownTexts, waitForCard, waitForShown } from '../support/steady-ui';
import { cardUndoWarning } from '../support/card';
import { moveCaret } from '../support/caret';

const HELPSCOUT = 'https://secure.helpscout.net/conversation/1234567/88';
const COMPOSER = '[role="textbox"][aria-label="Reply Editor"]';
const LIVECHAT = 'https://my.livechatinc.com/chats/chat-42/thread-7';
const ZENDESK = 'https://acme.zendesk.com/agent/tickets/123';
const ZENDESK_COMPOSER = '[data-side-conversations-anchor-id="123"] [data-test-id="omnicomposer-rich-text-ckeditor"]';
const UNDO_WARNING = 'Undo may not restore this rewrite here.';
const SLOW = { timeout: 30_000, interval: 200 };

let steady: SteadyBrowser;

beforeAll(async () => {
  steady = await launchSteady({ keepWelcome: true });
});

afterAll(async () => {
  await steady?.close();
});

const modelText = (page: Page) => page.evaluate(() => (window as unknown as { __steadyFixture: { getText(): string } }).__steadyFixture.getText());
const selectedText = (page: Page) => page.evaluate(() => document.getSelection()?.toString() ?? '');
const listedRules = (panel: Page) => panel.locator('ol.findings > li').evaluateAll((items) => items.map((li) => li.getAttribute('data-rule')));
const listedPhrases = (panel: Page) => panel.locator('ol.findings > li button.phrase').allTextContents();
const showTab = (panel: Page, name: string) => panel.getByRole('tab', { name }).click();
/** The findings list's warning that undo may not restore a rewrite in this reply box. */
const listUndoWarning = (panel: Page) => panel.locator('.draft-findings').getByRole('note');

test('installing Steady opens the welcome page: what it does, the shortcut, pinning, privacy, the demo', async () => {
  const welcome = steady.welcome;
  expect(welcome).not.toBeNull();
  await welcome!.getByRole('heading', { name: 'Welcome to Steady' }).waitFor();
  const text = await welcome!.locator('main').innerText();
  expect(text).toContain('Checks your draft as you type');
  expect(await welcome!.getByTestId('shortcut').textContent()).toBe('Alt+Shift+S');
  expect(text).toMatch(/Pin the button/);
  expect(text).toMatch(/no network requests/);
  expect(text).toMatch(/npm start/);
  expect(await seriousViolations(welcome!)).toEqual([]);
  await welcome!.close();
});

test('a tab that is not a helpdesk shows one friendly empty state, not a red checklist', async () => {
  const page = await steady.open(`${steady.server.origin}/`);
  const panel = await steady.openSidePanel(await steady.tabIdOf(page));
  const empty = panel.getByTestId('empty-state');
  await empty.waitFor();
  const text = await empty.innerText();
  expect(text).toContain('Zendesk, Intercom, Freshdesk, Help Scout, HubSpot');
  expect(await empty.getByRole('button', { name: 'Add a domain in settings' }).isVisible()).toBe(true);
  expect(await panel.locator('.check-item').count()).toBe(0);
  expect(await panel.getByText('Missing', { exact: true }).count()).toBe(0);
  expect(await seriousViolations(panel)).toEqual([]);
  await panel.close();
  await page.close();
});

describe('Help Scout: the Now tab leads with the draft', () => {
  let page: Page;
  let panel: Page;

  beforeAll(async () => {
    page = await steady.open(HELPSCOUT);
    await page.waitForSelector('html[data-fixture-ready="true"]', { state: 'attached', timeout: 30_000 });
    panel = await steady.openSidePanel(await steady.tabIdOf(page));
    await panel.getByTestId('ticket-label').filter({ hasText: /^#88$/ }).waitFor({ timeout: 30_000 });
  });

  test('the header names the ticket as Help Scout shows it, never its internal id, and shows the site is on', async () => {
    expect(await panel.locator('body').innerText()).not.toContain('1234567');
    const site = panel.getByRole('switch', { name: 'Coaching on secure.helpscout.net' });
    expect(await site.getAttribute('aria-checked')).toBe('true');
    // Nothing written in the map yet: nothing claims to be saved.
    await showTab(panel, 'Map');
    await panel.getByRole('textbox', { name: 'Concern', exact: true }).waitFor();
    expect(await panel.getByText('Saved on this device').count()).toBe(0);
    await showTab(panel, 'Now');
  });

  test('the draft’s findings are listed first, each with its rule’s name, above the checklist', async () => {
    await page.bringToFront();
    await page.locator(COMPOSER).click();
    await expect.poll(() => listedRules(panel), SLOW).toEqual(['calm-down', 'per-our-records', 'not-our-fault']);
    expect(await listedPhrases(panel)).toEqual(['“calm down”', '“Our records show”', '“this is not our fault”']);
    expect(await panel.locator('li[data-rule="calm-down"] .rule-name').textContent()).toBe('Dismissive');
    expect(await panel.locator('li[data-rule="calm-down"] .rule-name').getAttribute('title')).toBe('Telling them to calm down');
    const findingsTop = (await panel.locator('.draft-findings').boundingBox())!.y;
    const checklistTop = (await panel.locator('.checklist').boundingBox())!.y;
    expect(findingsTop).toBeLessThan(checklistTop);
  });

  test('a plain contenteditable’s undo is not proven: the list warns before any rewrite is applied, next to the rewrite buttons', async () => {
    await expect.poll(() => listUndoWarning(panel).count(), SLOW).toBe(1);
    expect(await listUndoWarning(panel).textContent()).toBe(UNDO_WARNING);
    expect(await listUndoWarning(panel).isVisible()).toBe(true);
    // Above the findings, and read out with each rewrite button.
    expect((await listUndoWarning(panel).boundingBox())!.y).toBeLessThan((await panel.locator('ol.findings').boundingBox())!.y);
    const rewriteButton = panel.locator('li[data-rule="calm-down"] button.rewrite').first();
    expect(await rewriteButton.getAttribute('aria-describedby')).toBe(await listUndoWarning(panel).getAttribute('id'));
  });

  test('Next and Previous select each phrase in the reply box', async () => {
    await panel.bringToFront();
    await panel.getByRole('button', { name: 'Next finding' }).click();
    await expect.poll(() => selectedText(page), SLOW).toBe('calm down');
    expect(await panel.locator('ol.findings > li[aria-current="true"]').getAttribute('data-rule')).toBe('calm-down');
    await panel.getByRole('button', { name: 'Next finding' }).click();
    await expect.poll(() => selectedText(page), SLOW).toBe('Our records show');
    await panel.getByRole('button', { name: 'Previous finding' }).click();
    await expect.poll(() => selectedText(page), SLOW).toBe('calm down');
    // Selecting changed nothing in the draft.
    expect(await modelText(page)).toBe('Hi Chris, calm down. Our records show the project was deleted from your account, so this is not our fault.');
  });

  test('a rewrite from the list lands in the reply once and leaves the list', async () => {
    await panel.locator('li[data-rule="per-our-records"]').getByRole('button', { name: /^Replace with/ }).first().click();
    await expect.poll(() => modelText(page), SLOW).toBe('Hi Chris, calm down. We can see that the project was deleted from your account, so this is not our fault.');
    await expect.poll(() => listedRules(panel), SLOW).toEqual(['calm-down', 'not-our-fault']);
    expect(await panel.getByRole('alert').count()).toBe(0);
  });

  test('Ignore takes a phrase off the list and leaves the reply as it is', async () => {
    const before = await modelText(page);
    await panel.getByRole('button', { name: 'Ignore “this is not our fault”' }).click();
    await expect.poll(() => listedRules(panel), SLOW).toEqual(['calm-down']);
    expect(await modelText(page)).toBe(before);
  });

  test('when Chrome stops the idle background, the open panel keeps following the reply and keeps its ticks', async () => {
    const unticked = panel.locator('li.check-item[data-status="missing"] [role="checkbox"]').first();
    const item = await unticked.locator('xpath=..').getAttribute('data-item');
    await unticked.click();
    const box = panel.locator(`li.check-item[data-item="${item}"] [role="checkbox"]`);
    await expect.poll(() => box.getAttribute('aria-checked'), SLOW).toBe('true');
    const before = await modelText(page);
    await steady.stopServiceWorker();
    await page.bringToFront();
    await page.locator(COMPOSER).click();
    await moveCaret(page, 'Control+End');
    await page.keyboard.type(' That is our policy.');
    await expect.poll(() => listedRules(panel), SLOW).toEqual(['calm-down', 'that-is-our-policy']);
    expect(await panel.getByTestId('ticket-label').textContent()).toBe('#88');
    expect(await box.getAttribute('aria-checked')).toBe('true');
    // Back to the draft the next tests expect.
    for (let i = 0; i < ' That is our policy.'.length; i++) await page.keyboard.press('Backspace');
    await expect.poll(() => listedRules(panel), SLOW).toEqual(['calm-down']);
    expect(await modelText(page)).toBe(before);
    await box.click();
    await expect.poll(() => box.getAttribute('aria-checked'), SLOW).toBe('false');
  });

  test('the checklist is compact: one line per item', async () => {
    expect(await panel.locator('li.check-item').count()).toBeGreaterThan(0);
    const heights = await panel.locator('li.check-item .check-box').evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().height));
    for (const h of heights) expect(h).toBeLessThan(30);
  });

  test('the panel passes axe with findings listed', async () => {
    expect(await seriousViolations(panel)).toEqual([]);
  });

  test('the header switch pauses coaching on this site and resumes it', async () => {
    const site = panel.getByRole('switch', { name: 'Coaching on secure.helpscout.net' });
    await site.click();
    await expect.poll(() => site.getAttribute('aria-checked'), SLOW).toBe('false');
    expect(await panel.getByTestId('site-state').textContent()).toBe('Paused on secure.helpscout.net');
    await expect.poll(() => listedRules(panel), SLOW).toEqual([]);
    expect(await panel.locator('.draft-findings').innerText()).toMatch(/paused on this site/);
    // The page stops coaching too, not just the list: its badge goes.
    await expect.poll(() => badgeText(page), SLOW).toBeNull();
    await site.click();
    await expect.poll(() => site.getAttribute('aria-checked'), SLOW).toBe('true');
    await expect.poll(() => listedRules(panel), SLOW).toEqual(['calm-down']);
    await expect.poll(() => badgeText(page), SLOW).toBe('1');
  });

  test('Stats read in words: weeks by their days, rules by name, whole phrases, every bar labelled', async () => {
    await showTab(panel, 'Stats');
    await panel.locator('.stats').waitFor();
    const charts = panel.locator('figure.bar-chart');
    await expect.poll(() => charts.count(), SLOW).toBe(3);
    const weeks = await charts.nth(0).locator('.bar-label').allTextContents();
    expect(weeks).toHaveLength(6);
    for (const week of weeks) expect(week).toMatch(/^[A-Z][a-z]{2} \d{1,2} – ([A-Z][a-z]{2} )?\d{1,2}$/);
    // Weeks without nudges keep their bar, labelled 0.
    expect(await charts.nth(0).locator('.bar-value').first().textContent()).toBe('0');
    await expect.poll(() => charts.nth(1).locator('.bar-label').allTextContents(), SLOW).toEqual(expect.arrayContaining(['Telling them to calm down']));
    const phrases = await charts.nth(2).locator('.bar-label').allTextContents();
    expect(phrases).toEqual(expect.arrayContaining(['“Our records show”', '“calm down”']));
    expect(new Set(phrases.map((p) => p.toLowerCase())).size).toBe(phrases.length);
    expect(await panel.locator('.stats').innerText()).not.toMatch(/\d{4}-W\d{2}|…/);
    expect(await panel.locator('.totals .explain').count()).toBe(5);
    expect(await seriousViolations(panel)).toEqual([]);
  });

  afterAll(async () => {
    await panel?.close();
    await page?.close();
  });
});

describe('Zendesk (CKEditor 5): one Ctrl+Z is proven to undo a rewrite there', () => {
  test('neither the findings list nor the card warns about undo', async () => {
    const page = await steady.open(ZENDESK);
    await page.waitForSelector('html[data-fixture-ready="true"]', { state: 'attached', timeout: 30_000 });
    const panel = await steady.openSidePanel(await steady.tabIdOf(page));
    try {
      await page.bringToFront();
      await page.locator(ZENDESK_COMPOSER).click();
      await moveCaret(page, 'Control+End');
      await page.keyboard.type(' Please calm down');
      await expect.poll(() => listedPhrases(panel), SLOW).toContain('“Please calm down”');
      expect(await listUndoWarning(panel).count()).toBe(0);
      await page.keyboard.press('Control+Period');
      await waitForCard(page);
      expect(await cardUndoWarning(page)).toBeNull();
      await page.keyboard.press('Escape');
    } finally {
      await panel.close();
      await page.close();
    }
  });
});

describe('the card’s reach-wide actions are quiet and can be undone', () => {
  let chat: Page;
  const marks = () => mirrorMarks(chat);
  const openCardOn = async (phrase: string) => {
    await expect.poll(marks, SLOW).toContain(phrase);
    const box = (await mirrorMarkCentre(chat, phrase))!;
    await chat.mouse.click(box.x, box.y);
    await waitForCard(chat);
  };
  const toastText = () => shownText(chat, 'steady-toast', '[role="status"]');
  const clickUndo = () => clickShown(chat, 'steady-toast', { selector: '[role="status"] button', hasText: 'Undo' });

  beforeAll(async () => {
    chat = await steady.open(LIVECHAT);
    await chat.locator('form.composer textarea').click();
    await chat.keyboard.type('Please calm down.');
  });

  test('the card passes axe, and its rule-wide buttons weigh less than the rewrites', async () => {
    await openCardOn('Please calm down');
    expect((await cardDialog(chat))?.attrs['aria-label']).toBe('Suggestion: Telling them to calm down (Dismissive)');
    const look = (selector: string) => shownStyle(chat, 'steady-card', selector, 'background-color');
    expect(await look('button.rewrite')).not.toBe('rgba(0, 0, 0, 0)');
    expect(await shownTexts(chat, 'steady-card', 'button.quiet')).toEqual(['Turn off this rule', 'Pause Steady on this site']);
    expect(await look('button.quiet')).toBe('rgba(0, 0, 0, 0)');
    expect(await seriousViolations(chat, 'steady-card')).toEqual([]);
  });

  test('Turn off this rule shows a toast whose Undo turns it back on', async () => {
    await clickCardButton(chat, 'Turn off this rule');
    await expect.poll(toastText, SLOW).toContain('“Telling them to calm down” is turned off everywhere.');
    await expect.poll(marks, SLOW).toEqual([]);
    await clickUndo();
    await expect.poll(marks, SLOW).toEqual(['Please calm down']);
    await expect.poll(toastText).toBeNull();
  });

  test('Pause Steady on this site shows a toast whose Undo resumes coaching', async () => {
    await openCardOn('Please calm down');
    await clickCardButton(chat, 'Pause Steady on this site');
    await expect.poll(toastText, SLOW).toContain('Steady is paused on my.livechatinc.com.');
    await expect.poll(marks, SLOW).toEqual([]);
    // The pointer on the toast keeps it up while the agent reads it (and while axe does).
    const toast = await waitForShown(chat, 'steady-toast', '[role="status"]');
    await chat.mouse.move(toast.x, toast.y);
    expect(await seriousViolations(chat, 'steady-toast')).toEqual([]);
    await clickUndo();
    await expect.poll(marks, SLOW).toEqual(['Please calm down']);
  });
});

test('no errors, and the extension made no network request', () => {
  expect(steady.errors).toEqual([]);
  expect(steady.extensionRequests()).toEqual([]);
});
