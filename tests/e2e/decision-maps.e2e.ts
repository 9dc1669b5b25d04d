/**
 * Decision maps under races, in real Chromium against the Zendesk fixture:
 * switching ticket while a save is pending, two panels typing at once,
 * reloading the panel right after a keystroke, and two accounts with the same
 * ticket number. Each map (and each conversation record) must show and be
 * saved under its own ticket only. Then the map pre-filled from the
 * conversation: suggested items the agent accepts, edits or dismisses, kept
 * across a reload and used by the follow-up note.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchSteady, type SteadyBrowser } from '../support/steady-browser';
import { seriousViolations } from '../support/axe';

const ACME = 'https://acme.zendesk.com/agent/tickets/123';
const GLOBEX = 'https://globex.zendesk.com/agent/tickets/123';
/** Ticket #123 in an account no other test writes to: its map starts empty. */
const INITECH = 'https://initech.zendesk.com/agent/tickets/123';
const COMPOSER = '[data-test-id="omnicomposer-rich-text-ckeditor"] >> visible=true';
const SLOW = { timeout: 20_000, interval: 100 };

type FixtureApi = { switchTicket(id: string): void };

let steady: SteadyBrowser;

beforeAll(async () => {
  steady = await launchSteady();
});

afterAll(async () => {
  await steady?.close();
});

async function openTicket(url: string): Promise<{ page: Page; tabId: number }> {
  const page = await steady.open(url);
  await page.locator(COMPOSER).waitFor();
  return { page, tabId: await steady.tabIdOf(page) };
}

/** A panel bound to the tab, on its Map tab once the map of `ticket` is loaded. */
async function openMap(tabId: number, ticket: string): Promise<Page> {
  const panel = await steady.openSidePanel(tabId);
  await expect.poll(() => shownTicket(panel), SLOW).toBe(ticket);
  await panel.getByRole('tab', { name: 'Map' }).click();
  await concern(panel).waitFor({ timeout: 20_000 });
  return panel;
}

/** The ticket number the panel shows ("#123" as Zendesk shows it), without the "#". */
const shownTicket = (panel: Page) =>
  panel
    .getByTestId('ticket-label')
    .textContent({ timeout: 1_000 })
    .then((label) => label?.replace(/^#/, '') ?? null)
    .catch(() => null);
const concern = (panel: Page) => panel.getByRole('textbox', { name: 'Concern', exact: true });
const nextStep = (panel: Page) => panel.getByRole('textbox', { name: 'Next step', exact: true });
const saved = (panel: Page) => expect.poll(() => panel.locator('.save-state').textContent(), SLOW).toBe('Saved on this device');
/** Y in the Stats tab's "Ended calmer: X of Y": how many conversations Steady keeps an outcome for. */
const conversationsCounted = (panel: Page) =>
  panel
    .getByTestId('calmer')
    .textContent({ timeout: 1_000 })
    .then((value) => Number(/of (\d+)/.exec(value ?? '')?.[1] ?? NaN))
    .catch(() => NaN);
const switchTicket = (page: Page, id: string) => page.evaluate((ticket) => (window as unknown as { __steadyFixture: FixtureApi }).__steadyFixture.switchTicket(ticket), id);

/** Every Concern value the panel shows from now on, with the ticket it was shown under. */
async function recordConcerns(panel: Page): Promise<() => Promise<{ ticket: string | null; concern: string }[]>> {
  await panel.evaluate(() => {
    const seen: { ticket: string | null; concern: string }[] = [];
    (window as unknown as { __concerns: typeof seen }).__concerns = seen;
    const record = () => {
      const box = [...document.querySelectorAll('label.field')].find((l) => l.querySelector('span')?.textContent === 'Concern')?.querySelector('textarea');
      if (box) seen.push({ ticket: document.querySelector('[data-testid="ticket-label"]')?.textContent?.replace(/^#/, '') ?? null, concern: box.value });
    };
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    setInterval(record, 5);
  });
  return () => panel.evaluate(() => (window as unknown as { __concerns: { ticket: string | null; concern: string }[] }).__concerns);
}

describe('decision maps belong to one ticket of one account', () => {
  let acme: { page: Page; tabId: number };

  beforeAll(async () => {
    acme = await openTicket(ACME);
  });

  // Each test starts on ticket 123, whatever the one before left on screen.
  beforeEach(async () => {
    await acme.page.bringToFront();
    await switchTicket(acme.page, '123');
  });

  test('switching ticket while a save is pending: each ticket keeps its own map, none is shown under the other', async () => {
    const panel = await openMap(acme.tabId, '123');
    const seen = await recordConcerns(panel);
    await concern(panel).fill('Parcel a week late');
    // Within the save delay: the edit is not saved yet.
    await switchTicket(acme.page, '124');
    await expect.poll(() => shownTicket(panel), SLOW).toBe('124');
    await concern(panel).waitFor();
    expect(await concern(panel).inputValue()).toBe('');
    await concern(panel).fill('Charged twice for March');
    await saved(panel);
    await switchTicket(acme.page, '123');
    await expect.poll(() => concern(panel).inputValue().catch(() => null), SLOW).toBe('Parcel a week late');
    await switchTicket(acme.page, '124');
    await expect.poll(() => shownTicket(panel), SLOW).toBe('124');
    await expect.poll(() => concern(panel).inputValue().catch(() => null), SLOW).toBe('Charged twice for March');
    const shown = await seen();
    expect(shown.filter((s) => s.ticket === '124' && s.concern === 'Parcel a week late')).toEqual([]);
    expect(shown.filter((s) => s.ticket === '123' && s.concern === 'Charged twice for March')).toEqual([]);
    await switchTicket(acme.page, '123');
    await expect.poll(() => shownTicket(panel), SLOW).toBe('123');
    await panel.close();
  });

  test('two panels typing at once keep both edits', async () => {
    const a = await openMap(acme.tabId, '123');
    const b = await openMap(acme.tabId, '123');
    // Both edits are typed before either panel's save runs.
    await Promise.all([concern(a).fill('Wants the parcel before Saturday'), nextStep(b).fill('Call the courier depot')]);
    for (const panel of [a, b]) {
      await expect.poll(() => concern(panel).inputValue(), SLOW).toBe('Wants the parcel before Saturday');
      await expect.poll(() => nextStep(panel).inputValue(), SLOW).toBe('Call the courier depot');
      await saved(panel);
    }
    await b.close();
    await a.reload();
    await a.getByRole('tab', { name: 'Map' }).click();
    await expect.poll(() => concern(a).inputValue().catch(() => null), SLOW).toBe('Wants the parcel before Saturday');
    expect(await nextStep(a).inputValue()).toBe('Call the courier depot');
    await a.close();
  });

  for (const delay of [0, 100]) {
    test(`reloading the panel ${delay} ms after a keystroke keeps it`, async () => {
      const panel = await openMap(acme.tabId, '123');
      const box = nextStep(panel);
      await box.fill(`Reload test ${delay}`);
      await saved(panel);
      await box.press('End');
      await box.press('X');
      if (delay) await panel.waitForTimeout(delay);
      await panel.reload();
      await panel.getByRole('tab', { name: 'Map' }).click();
      await expect.poll(() => nextStep(panel).inputValue().catch(() => null), SLOW).toBe(`Reload test ${delay}X`);
      await panel.close();
    });
  }

  test('the same ticket number in another account has its own map and its own conversation record', async () => {
    const acmePanel = await openMap(acme.tabId, '123');
    const acmeConcern = 'Acme: parcel a week late';
    await concern(acmePanel).fill(acmeConcern);
    await saved(acmePanel);
    // Stats counts each conversation once: Acme's #123 is counted before Globex's opens.
    await acmePanel.getByRole('tab', { name: 'Stats' }).click();
    await expect.poll(() => conversationsCounted(acmePanel), SLOW).toBeGreaterThan(0);
    const before = await conversationsCounted(acmePanel);
    const globex = await openTicket(GLOBEX);
    // Globex's #123 is a conversation of its own, not a new reading of Acme's.
    await expect.poll(() => conversationsCounted(acmePanel), SLOW).toBe(before + 1);
    const globexPanel = await openMap(globex.tabId, '123');
    expect(await concern(globexPanel).inputValue()).toBe('');
    await concern(globexPanel).fill('Globex: refund for a duplicate order');
    await saved(globexPanel);
    await acmePanel.reload();
    await acmePanel.getByRole('tab', { name: 'Map' }).click();
    await expect.poll(() => concern(acmePanel).inputValue().catch(() => null), SLOW).toBe(acmeConcern);
    await globexPanel.reload();
    await globexPanel.getByRole('tab', { name: 'Map' }).click();
    await expect.poll(() => concern(globexPanel).inputValue().catch(() => null), SLOW).toBe('Globex: refund for a duplicate order');
  });

  test('no errors, and the extension made no network request', () => {
    expect(steady.errors).toEqual([]);
    expect(steady.extensionRequests()).toEqual([]);
  });
});

describe('a map that starts filled where the ticket allows (ticket #123: order number, broken 48-hour promise, third contact)', () => {
  const ORDER = 'Order: A-20931';
  const TRACKING = 'Tracking, as the customer reports it: “the tracking page hasn\'t moved since the 6th”';
  const BROKEN = 'Earlier promise not kept: Marco Ruiz wrote “I\'ve asked our warehouse team to look into your shipment and will get back to you within 48 hours”; the customer: “It\'s been four days, not 48 hours”';
  const THIRD = 'Customer has asked 3 times (“This is the THIRD time I\'m asking and I\'m honestly furious”)';
  const WAITING = 'Waiting: “It\'s been two weeks”';
  const CLAIM = 'The customer says “The checkout page said delivery in 5 business days”';
  const PROMISE = 'I\'ve asked our warehouse team to look into your shipment and will get back to you within 48 hours.';
  const EDITED = 'Third contact: she has asked three times since Nov 16';

  let panel: Page;
  const suggested = (list: string) => panel.getByRole('list', { name: `Suggested ${list}` }).locator('li.suggested .suggested-text').allTextContents();
  const row = (text: string) => panel.locator('li.suggested', { has: panel.locator('.suggested-text', { hasText: text }) });
  const knownFact = (n: number) => panel.getByRole('textbox', { name: `Known facts ${n}`, exact: true });
  const value = (box: ReturnType<Page['getByRole']>) => box.inputValue({ timeout: 1_000 }).catch(() => null);

  test('the suggestions name the order, the stuck tracking, the broken promise and the third contact, and nothing is in the map yet', async () => {
    const { tabId } = await openTicket(INITECH);
    panel = await openMap(tabId, '123');
    await expect.poll(() => suggested('known facts'), SLOW).toEqual(expect.arrayContaining([ORDER, TRACKING, BROKEN, THIRD, WAITING]));
    expect(await suggested('facts to verify')).toContain(CLAIM);
    expect(await suggested('promises')).toEqual([PROMISE]);
    expect((await suggested('concern'))[0]).toMatch(/^In their words: “Can someone tell me where it is\?”/);
    expect(await concern(panel).inputValue()).toBe('');
    expect(await knownFact(1).count()).toBe(0);
    expect(await panel.locator('li.suggested .suggested-tag').first().textContent()).toBe('Suggested');
    expect(await seriousViolations(panel)).toEqual([]);
  });

  test('accepting, editing and dismissing: accepted and edited items become map entries, the dismissed one goes away', async () => {
    await row(ORDER).getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => value(knownFact(1)), SLOW).toBe(ORDER);
    await row(THIRD).getByRole('button', { name: 'Edit' }).click();
    const edit = panel.getByRole('textbox', { name: 'Edit the suggestion' });
    await expect.poll(() => edit.inputValue(), SLOW).toBe(THIRD);
    await edit.fill(EDITED);
    await edit.press('Enter');
    await expect.poll(() => value(knownFact(2)), SLOW).toBe(EDITED);
    await row(WAITING).getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => row(WAITING).count(), SLOW).toBe(0);
    await saved(panel);
    const left = await suggested('known facts');
    expect(left).toEqual(expect.arrayContaining([TRACKING, BROKEN]));
    expect(left).not.toContain(ORDER);
    expect(left).not.toContain(THIRD);
    expect(await knownFact(3).count()).toBe(0);
    expect(await seriousViolations(panel)).toEqual([]);
  });

  test('after a reload the accepted and edited entries are there and the dismissed suggestion stays dismissed', async () => {
    await panel.reload();
    await panel.getByRole('tab', { name: 'Map' }).click();
    await expect.poll(() => value(knownFact(1)), SLOW).toBe(ORDER);
    expect(await value(knownFact(2))).toBe(EDITED);
    await expect.poll(() => suggested('known facts'), SLOW).toEqual(expect.arrayContaining([TRACKING, BROKEN]));
    const left = await suggested('known facts');
    for (const gone of [ORDER, THIRD, WAITING]) expect(left).not.toContain(gone);
  });

  test('a concern the agent types is never replaced, and the follow-up note lists what the map holds', async () => {
    await concern(panel).fill('Desk two weeks late; wants it by Friday or a refund');
    await expect.poll(() => panel.getByRole('list', { name: 'Suggested concern' }).count(), SLOW).toBe(0);
    await saved(panel);
    await panel.getByRole('tab', { name: 'Review' }).click();
    const note = panel.getByLabel('Follow-up note');
    await expect.poll(() => note.textContent(), SLOW).toContain(`Known facts:\n  - ${ORDER}\n  - ${EDITED}`);
    expect(await note.textContent()).toContain('Concern: Desk two weeks late; wants it by Friday or a refund');
    // Marco wrote the first reply, not the agent reviewing it.
    expect(await panel.locator('[data-question="acknowledged-early"] dt').textContent()).toBe('Did Marco acknowledge the emotional impact early enough?');
    expect(steady.errors).toEqual([]);
  });
});
