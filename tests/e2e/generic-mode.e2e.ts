/**
 * Generic mode end to end, on self-hosted helpdesks no adapter knows:
 * FreeScout served where the Help Scout adapter expects its own page (the
 * adapter falls back), FreeScout's mailbox list (no conversation, no
 * triggers), and FreeScout on its own domain, enabled from the side panel
 * with the site's permission granted in the test profile.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchSteady, type SteadyBrowser } from '../support/steady-browser';
import { grantHostPermissionInProfile } from '../support/profile-permissions';

const PANEL_UPDATE = { timeout: 30_000, interval: 250 };
const FREESCOUT_AT_HELPSCOUT = 'https://secure.helpscout.net/conversation/77?folder_id=1';
const FREESCOUT_LIST = 'https://secure.helpscout.net/mailbox/1';
const CUSTOM_DOMAIN = 'https://helpdesk.acme-support.com/conversation/77?folder_id=1';
const OSTICKET = 'https://tickets.acme-support.com/scp/tickets.php?id=4312';

const text = (panel: Page, testId: string) => panel.getByTestId(testId).textContent({ timeout: 1_000 }).catch(() => null);
const label = (panel: Page) => panel.locator('.ticket-header .helpdesk').textContent({ timeout: 1_000 }).catch(() => null);
/** The phrases underlined in the (Summernote) reply: the Highlight API's ranges. */
const underlined = (page: Page) =>
  page.evaluate(() =>
    ['steady-problem', 'steady-warning', 'steady-suggestion'].flatMap((name) => [...((CSS.highlights.get(name) as Set<AbstractRange> | undefined) ?? [])].map((range) => (range instanceof Range ? range.toString() : ''))),
  );
const customerCount = async (panel: Page) => Number(await text(panel, 'customer-count'));
const triggers = async (panel: Page) =>
  [...new Set(await panel.getByRole('list', { name: 'Emotional triggers' }).locator('li[data-trigger]').evaluateAll((items) => items.map((li) => li.getAttribute('data-trigger'))))].sort();

describe('FreeScout at a supported host (the adapter falls back)', () => {
  let steady: SteadyBrowser;
  beforeAll(async () => {
    steady = await launchSteady();
  });
  afterAll(async () => {
    await steady?.close();
  });

  test('the panel says the page was read as a generic page, with the messages and roles generic mode found', async () => {
    const page = await steady.open(FREESCOUT_AT_HELPSCOUT);
    await page.waitForSelector('html[data-fixture-ready="true"]', { state: 'attached', timeout: 30_000 });
    const panel = await steady.openSidePanel(await steady.tabIdOf(page));
    await expect.poll(() => text(panel, 'generic-found'), PANEL_UPDATE).toBe('Found 6 messages: 3 from the customer, 1 from an agent, 1 internal note, 1 system line.');
    expect(await text(panel, 'generic-mode')).toContain('Read as a generic page: the Help Scout layout was not recognised.');
    // The label names no adapter that did not read the page.
    expect(await label(panel)).toBe('Generic page');
    expect(await customerCount(panel)).toBe(3);
    expect(await text(panel, 'ticket-label')).toBe('#77');
    await expect.poll(() => triggers(panel), PANEL_UPDATE).toEqual(['billing', 'churn', 'confusion', 'refund', 'repetition']);

    // A new customer thread (FreeScout puts it on top) is read as the newest message.
    await page.evaluate(() => window.__steadyFixture!.addMessage('customer', 'Still nothing. I am done waiting.'));
    await expect.poll(() => customerCount(panel), PANEL_UPDATE).toBe(4);
    await panel.close();
    await page.close();
  });

  test('the mailbox list has no conversation: the panel says so and raises no trigger', async () => {
    const page = await steady.open(FREESCOUT_LIST);
    const panel = await steady.openSidePanel(await steady.tabIdOf(page));
    await expect.poll(() => text(panel, 'generic-found'), PANEL_UPDATE).toBe('No conversation on this page.');
    expect(await triggers(panel)).toEqual([]);
    expect(await customerCount(panel)).toBe(0);
    await panel.close();
    await page.close();
  });

  test('nothing errored, and the extension made no network request', () => {
    expect(steady.errors).toEqual([]);
    expect(steady.extensionRequests()).toEqual([]);
  });
});

describe('FreeScout on its own domain, enabled from the panel', () => {
  let steady: SteadyBrowser;
  let profile: string;
  beforeAll(async () => {
    profile = await mkdtemp(join(tmpdir(), 'steady-profile-'));
    // First run: Chrome records the extension in the profile; then the agent's "Allow" for the site is written into it.
    const first = await launchSteady({ userDataDir: profile });
    const extensionId = first.extensionId;
    await first.close();
    grantHostPermissionInProfile(profile, extensionId, 'https://helpdesk.acme-support.com/*');
    grantHostPermissionInProfile(profile, extensionId, 'https://tickets.acme-support.com/*');
    steady = await launchSteady({ userDataDir: profile });
  });
  afterAll(async () => {
    await steady?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  test('one button starts generic mode on the page, and it stays on after a reload', async () => {
    const page = await steady.open(CUSTOM_DOMAIN);
    await page.waitForSelector('html[data-fixture-ready="true"]', { state: 'attached', timeout: 30_000 });
    const panel = await steady.openSidePanel(await steady.tabIdOf(page));
    const enable = panel.getByRole('button', { name: 'Use Steady on helpdesk.acme-support.com' });
    await enable.click({ timeout: 30_000 });

    await expect.poll(() => text(panel, 'generic-found'), PANEL_UPDATE).toBe('Found 6 messages: 3 from the customer, 1 from an agent, 1 internal note, 1 system line.');
    expect(await text(panel, 'generic-mode')).toContain('Steady has no layout for this site.');
    expect(await label(panel)).toBe('Generic page');
    expect(await text(panel, 'ticket-label')).toBe('#77');

    // The registered content script starts it on the next load without another click.
    await page.reload();
    await page.waitForSelector('html[data-fixture-ready="true"]', { state: 'attached', timeout: 30_000 });
    await page.evaluate(() => window.__steadyFixture!.addMessage('customer', 'Hello? Anyone there?'));
    await expect.poll(() => customerCount(panel), PANEL_UPDATE).toBe(4);

    // The reply is coached there too, by a script that needs none of the helpdesks' web-accessible modules.
    await page.locator('.note-editable').click();
    await page.keyboard.type('Please calm down.');
    await expect.poll(() => underlined(page), PANEL_UPDATE).toContain('Please calm down');
    await panel.close();
    await page.close();
  });

  test('osTicket: the plain-HTML thread is read entry by entry, events left out', async () => {
    const page = await steady.open(OSTICKET);
    const panel = await steady.openSidePanel(await steady.tabIdOf(page));
    await panel.getByRole('button', { name: 'Use Steady on tickets.acme-support.com' }).click({ timeout: 30_000 });
    await expect.poll(() => text(panel, 'generic-found'), PANEL_UPDATE).toBe('Found 4 messages: 2 from the customer, 1 from an agent, 1 internal note.');
    expect(await text(panel, 'ticket-label')).toBe('#4312');
    await expect.poll(() => triggers(panel), PANEL_UPDATE).toEqual(['broken-promise', 'delay', 'refund']);
    await panel.close();
    await page.close();
  });

  test('nothing errored, and the extension made no network request', () => {
    expect(steady.errors).toEqual([]);
    expect(steady.extensionRequests()).toEqual([]);
  });
});
