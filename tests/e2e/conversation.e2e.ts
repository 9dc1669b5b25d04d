/**
 * Reading the conversation, end to end: each helpdesk fixture is opened at its
 * real URL, the content script reads it, the background analyses it, and the
 * side panel bound to that tab shows the ticket as the helpdesk names it, how many customer messages
 * there are, the sentiment trend and the emotional triggers. The panel follows
 * ticket switches and new messages, and shows page text only as text.
 *
 * Expected figures come from the fixture HTML (tests/fixtures/*.html):
 * customer messages are the parts the app marks as the end user's.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { FixtureApi } from '../fixtures/editors/fixture-api';
import { FIXTURE_ROUTES } from '../fixtures/routes';
import { launchSteady, type SteadyBrowser } from '../support/steady-browser';

/** The machine running e2e is often loaded; the panel updates after an idle-time import and a debounce. */
const PANEL_UPDATE = { timeout: 30_000, interval: 250 };

type Trigger = 'delay' | 'repetition' | 'refund' | 'churn' | 'billing' | 'confusion' | 'transfer-hold' | 'policy' | 'abuse' | 'broken-promise' | 'gratitude' | 'relief';

interface ExpectedTicket {
  file: string;
  /** What the helpdesk itself shows for the ticket (its number or title), never the internal id. */
  label: string;
  /** The id the app uses internally (in URLs and storage): never shown in the panel. */
  internalId: string;
  /** Counted in the fixture HTML. */
  customerMessages: number;
  /** Triggers a support lead would flag on this conversation. */
  triggers: Trigger[];
  /** Only asserted where the customer clearly escalates from first to last message. */
  trend?: 'falling';
}

const TICKETS: ExpectedTicket[] = [
  // #123: comments 9001 and 9003 are type="end-user"; 9002 is the agent, 9004 an internal note.
  { file: 'zendesk.html', label: '#123', internalId: '123', customerMessages: 2, triggers: ['broken-promise', 'churn', 'delay', 'refund', 'repetition'], trend: 'falling' },
  // Jordan's parts p-101, p-102 (group g-1) and p-104 (g-3); the bot, the assignment and the note are not the customer.
  { file: 'intercom.html', label: 'Refund for annual plan', internalId: '987654', customerMessages: 3, triggers: ['billing', 'refund'] },
  // The ticket description and c-78 (data-incoming="true").
  { file: 'freshdesk.html', label: '#4521', internalId: '4521', customerMessages: 2, triggers: ['confusion'] },
  // thread-5501 and thread-5503 (data-thread-type="customer").
  { file: 'helpscout.html', label: '#88', internalId: '1234567', customerMessages: 2, triggers: ['abuse', 'confusion'], trend: 'falling' },
  // Olivia's two messages; the middle one is the support team's.
  { file: 'gmail.html', label: 'Contract exception for our renewal', internalId: '18f3a2c9d4e5b671', customerMessages: 2, triggers: ['churn', 'transfer-hold'], trend: 'falling' },
  // m-501 and m-503 (data-sender-type="VISITOR").
  { file: 'hubspot.html', label: 'Cancelling our subscription', internalId: '778899', customerMessages: 2, triggers: ['churn'], trend: 'falling' },
];

const ZENDESK_123_TRIGGERS = TICKETS.find((t) => t.file === 'zendesk.html')!.triggers;
const ZENDESK_123_CHURN = 'telling everyone I know to avoid';
const CHURN_MESSAGE = 'I want to cancel my account, this is the last straw.';
/** Markup the customer typed; the trigger's evidence quotes it, so the panel must print it as text. */
const MARKUP_QUESTION = 'So why does your page show <img src=x onerror=__panelXss=1> and <script>__panelXss=2</script>?';

let steady: SteadyBrowser;

beforeAll(async () => {
  steady = await launchSteady();
});

afterAll(async () => {
  await steady?.close();
});

function exampleUrl(file: string): string {
  const route = FIXTURE_ROUTES.find((r) => r.file === file);
  if (!route) throw new Error(`No fixture route for ${file}`);
  return route.example;
}

/** Opens the fixture at its real URL and a side panel bound to its tab. */
async function openWithPanel(url: string, { fixtureApi = true } = {}): Promise<{ page: Page; panel: Page }> {
  const page = await steady.open(url);
  if (fixtureApi) await page.waitForSelector('html[data-fixture-ready="true"]', { state: 'attached', timeout: 30_000 });
  const panel = await steady.openSidePanel(await steady.tabIdOf(page));
  return { page, panel };
}

function fixture(page: Page) {
  return {
    addMessage: (role: 'customer' | 'agent', text: string) =>
      page.evaluate(([r, t]) => (window as unknown as { __steadyFixture: FixtureApi }).__steadyFixture.addMessage(r, t), [role, text] as const),
    switchTicket: (id: string) =>
      page.evaluate((ticket) => (window as unknown as { __steadyFixture: FixtureApi }).__steadyFixture.switchTicket!(ticket), id),
  };
}

const ticketLabel = (panel: Page) => panel.getByTestId('ticket-label').textContent({ timeout: 1_000 }).catch(() => null);
const customerCount = async (panel: Page) => Number(await panel.getByTestId('customer-count').textContent({ timeout: 1_000 }).catch(() => NaN));
const trend = (panel: Page) => panel.locator('figure.trajectory').getAttribute('data-trend', { timeout: 1_000 }).catch(() => null);
const triggerList = (panel: Page) => panel.getByRole('list', { name: 'Emotional triggers' });
/** Distinct trigger kinds the panel lists, sorted. */
const triggers = async (panel: Page) =>
  [...new Set(await triggerList(panel).locator('li[data-trigger]').evaluateAll((items) => items.map((li) => li.getAttribute('data-trigger'))))].sort();
/** The quoted evidence of every listed trigger of one kind. */
const evidenceOf = (panel: Page, trigger: Trigger) => triggerList(panel).locator(`li[data-trigger="${trigger}"] q.evidence`).allTextContents();

describe.each(TICKETS)('$file', (expected) => {
  test('the side panel shows the ticket, its customer messages, the trend and the triggers', async () => {
    const { page, panel } = await openWithPanel(exampleUrl(expected.file));

    await expect.poll(() => ticketLabel(panel), PANEL_UPDATE).toBe(expected.label);
    // The internal id (URL, storage key) appears nowhere the agent reads.
    if (expected.internalId !== expected.label.replace('#', '')) expect(await panel.locator('body').innerText()).not.toContain(expected.internalId);
    await expect.poll(() => customerCount(panel), PANEL_UPDATE).toBe(expected.customerMessages);
    // Exactly these: an extra trigger (an upset customer shown as thankful or relieved) fails too.
    await expect.poll(() => triggers(panel), PANEL_UPDATE).toEqual(expected.triggers);
    if (expected.trend) await expect.poll(() => trend(panel), PANEL_UPDATE).toBe(expected.trend);

    // Every quote is something the page really says (not the agent's draft or the quoted history alone).
    const pageText = await page.locator('body').innerText();
    const draft = await page.evaluate(() => (window as unknown as { __steadyFixture: FixtureApi }).__steadyFixture.getText());
    for (const quote of await triggerList(panel).locator('q.evidence').allTextContents()) {
      expect(pageText.replace(/\s+/g, ' ')).toContain(quote.replace(/\s+/g, ' '));
      expect(draft).not.toContain(quote);
    }

    await panel.close();
    await page.close();
  });
});

test('zendesk: the evidence quotes what the angry customer wrote', async () => {
  const { page, panel } = await openWithPanel(exampleUrl('zendesk.html'));
  await expect.poll(() => evidenceOf(panel, 'refund'), PANEL_UPDATE).toEqual(['I want a full refund']);
  const delay = await evidenceOf(panel, 'delay');
  expect(delay).toEqual(["It's been two weeks", "It's been four days"]);
  // Asking again is repetition, its own trigger, not a delay.
  expect(delay.some((e) => /third time/i.test(e))).toBe(false);
  expect(await evidenceOf(panel, 'repetition')).toEqual(["THIRD time I'm"]);
  await panel.close();
  await page.close();
});

describe('zendesk: the panel follows the agent', () => {
  let page: Page;
  let panel: Page;

  beforeAll(async () => {
    ({ page, panel } = await openWithPanel(exampleUrl('zendesk.html')));
  });

  afterAll(async () => {
    await panel?.close();
    await page?.close();
  });

  test('switching to ticket #124 shows its one customer message, without #123’s triggers', async () => {
    await expect.poll(() => ticketLabel(panel), PANEL_UPDATE).toBe('#123');
    await fixture(page).switchTicket('124');
    await expect.poll(() => ticketLabel(panel), PANEL_UPDATE).toBe('#124');
    // #124: comment 9101 is the customer's, 9102 a system event.
    await expect.poll(() => customerCount(panel), PANEL_UPDATE).toBe(1);
    // Only #124's own trigger (a double charge), none of #123's.
    await expect.poll(() => triggers(panel), PANEL_UPDATE).toEqual(['billing']);
    // One customer message is not a trend.
    await expect.poll(() => trend(panel), PANEL_UPDATE).toBe('unknown');
  });

  test('switching back to #123 restores its reading', async () => {
    await fixture(page).switchTicket('123');
    await expect.poll(() => ticketLabel(panel), PANEL_UPDATE).toBe('#123');
    await expect.poll(() => customerCount(panel), PANEL_UPDATE).toBe(2);
    await expect.poll(() => triggers(panel), PANEL_UPDATE).toEqual(ZENDESK_123_TRIGGERS);
  });

  test('a new customer message saying they will cancel adds a message and its evidence to the churn trigger', async () => {
    // #123 already warns others off ("telling everyone I know to avoid you"); the cancellation is quoted beside it.
    expect(await evidenceOf(panel, 'churn')).toEqual([ZENDESK_123_CHURN]);
    await fixture(page).addMessage('customer', CHURN_MESSAGE);
    await expect.poll(() => customerCount(panel), PANEL_UPDATE).toBe(3);
    await expect.poll(() => evidenceOf(panel, 'churn'), PANEL_UPDATE).toEqual([ZENDESK_123_CHURN, 'I want to cancel my account']);
    expect(await triggers(panel)).toEqual(ZENDESK_123_TRIGGERS);
    expect(await ticketLabel(panel)).toBe('#123');
  });

  test('an agent reply does not count as a customer message', async () => {
    await fixture(page).addMessage('agent', 'Hi Dana, I have refunded the shipping fee and a new desk ships today.');
    await expect.poll(() => panel.locator('.ticket-header').textContent(), PANEL_UPDATE).toContain('6 in all');
    expect(await customerCount(panel)).toBe(3);
  });

  test('markup in a customer message is shown as text and never runs in the panel', async () => {
    await fixture(page).addMessage('customer', `I want a refund. ${MARKUP_QUESTION}`);
    await expect.poll(() => customerCount(panel), PANEL_UPDATE).toBe(4);
    await expect.poll(() => evidenceOf(panel, 'confusion'), PANEL_UPDATE).toContain(MARKUP_QUESTION);

    expect(await panel.evaluate(() => (window as unknown as { __panelXss?: number }).__panelXss)).toBeUndefined();
    expect(await panel.locator('img').count()).toBe(0);
    expect(await panel.locator('body script, [onerror]').count()).toBe(0);
    // The page's own copy of the tracking-page markup (comment 9003) stayed text too.
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  });
});

describe('intercom: the panel follows the conversation switch', () => {
  let page: Page;
  let panel: Page;

  beforeAll(async () => {
    ({ page, panel } = await openWithPanel(exampleUrl('intercom.html')));
  });

  afterAll(async () => {
    await panel?.close();
    await page?.close();
  });

  test('opening Priya’s conversation shows her two messages and her thanks, not Jordan’s refund', async () => {
    await expect.poll(() => customerCount(panel), PANEL_UPDATE).toBe(3);
    await fixture(page).switchTicket('987655');
    await expect.poll(() => ticketLabel(panel), PANEL_UPDATE).toBe('Finding invoices');
    // Priya: the invoice question and "Found it, thank you!"; the middle part is the teammate's.
    await expect.poll(() => customerCount(panel), PANEL_UPDATE).toBe(2);
    await expect.poll(() => triggers(panel), PANEL_UPDATE).toEqual(['gratitude']);
  });

  test('a new customer message in the new conversation adds the churn trigger', async () => {
    await fixture(page).addMessage('customer', CHURN_MESSAGE);
    await expect.poll(() => customerCount(panel), PANEL_UPDATE).toBe(3);
    await expect.poll(() => triggers(panel), PANEL_UPDATE).toEqual(['churn', 'gratitude']);
    expect(await ticketLabel(panel)).toBe('Finding invoices');
  });
});

describe('livechat (no adapter: generic mode)', () => {
  test('the panel names the chat from its URL and reads the open chat message by message, with roles', async () => {
    const { page, panel } = await openWithPanel(exampleUrl('livechat.html'), { fixtureApi: false });
    await expect.poll(() => ticketLabel(panel), PANEL_UPDATE).toBe('Chats – LiveChat');
    // Dana's two messages; "Sam (you)" is the agent, "joined the chat" a system line; the chat list is not read.
    await expect.poll(() => customerCount(panel), PANEL_UPDATE).toBe(2);
    expect(await panel.getByTestId('generic-found').textContent()).toBe('Found 4 messages: 2 from the customer, 1 from an agent, 1 system line.');
    expect(await panel.locator('.ticket-header .helpdesk').textContent()).toBe('Generic page');
    await panel.close();
    await page.close();
  });

  test('the triggers come from the open chat (Dana charged twice), not from the chat list', { timeout: 30_000 }, async () => {
    const { page, panel } = await openWithPanel(exampleUrl('livechat.html'), { fixtureApi: false });
    try {
      await expect.poll(() => ticketLabel(panel), PANEL_UPDATE).toBe('Chats – LiveChat');
      await expect.poll(() => triggers(panel), PANEL_UPDATE).toEqual(['billing', 'churn', 'repetition']);
    } finally {
      await panel.close();
      await page.close();
    }
  });
});

test('nothing errored, and the extension made no network request', () => {
  expect(steady.errors).toEqual([]);
  expect(steady.extensionRequests()).toEqual([]);
});
