/**
 * The agent's data on the options page: an export holds the decision map and
 * coaching figures made while working a ticket; "Delete all Steady data",
 * once confirmed, leaves nothing in IndexedDB or extension storage. Also the
 * toolbar badge that shows Steady is paused on a site, per tab.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchSteady, type ServiceWorkerGlobal, type SteadyBrowser } from '../support/steady-browser';
import { storedData } from '../support/extension-data';

const TICKET = 'https://acme.zendesk.com/agent/tickets/123';
const COMPOSER = '[data-test-id="omnicomposer-rich-text-ckeditor"] >> visible=true';
const SLOW = { timeout: 20_000, interval: 200 };
const CONCERN = 'Parcel A-20931 is a week late';

let steady: SteadyBrowser;
let options: Page;

const rows = async (page: Page, store: string) => (await storedData(page)).indexedDB[`steady.${store}`] ?? 0;

beforeAll(async () => {
  steady = await launchSteady();
});

test('working a ticket stores a decision map and coaching figures', async () => {
  // Work a ticket as an agent: a draft with weak phrases (coaching figures), and a decision map.
  const ticket = await steady.open(TICKET);
  await ticket.locator(COMPOSER).click();
  await ticket.keyboard.type('Please calm down, that is our policy.');
  const panel = await steady.openSidePanel(await steady.tabIdOf(ticket));
  await panel.locator('.ticket-header', { hasText: 'A-20931' }).waitFor({ timeout: 20_000 });
  await panel.getByRole('tab', { name: 'Map' }).click();
  await panel.getByRole('textbox', { name: 'Concern', exact: true }).fill(CONCERN);
  await expect.poll(() => panel.locator('.save-state').textContent(), SLOW).toBe('Saved on this device');
  options = await steady.open(`chrome-extension://${steady.extensionId}/options.html`);
  await expect.poll(() => rows(options, 'nudges'), SLOW).toBeGreaterThan(0);
  // Nothing may write behind the deletion below.
  await panel.close();
  await ticket.close();
  // A personal pack, so storage.local holds something too.
  await options.getByRole('heading', { name: 'Steady settings' }).waitFor({ timeout: 20_000 });
  expect(await options.getByLabel('Pack (JSON or YAML)').inputValue()).toContain('per-my-last-email');
  await options.getByRole('button', { name: 'Save pack' }).click();
  await expect.poll(() => options.getByRole('status').filter({ hasText: 'Saved' }).count(), SLOW).toBe(1);
});

test('the toolbar badge says "off" on a paused site, in that tab only', async () => {
  const paused = await steady.open(TICKET);
  const other = await steady.open('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXKZrbTqGvWkVJmBcNqXsLwPtH');
  const pausedTab = await steady.tabIdOf(paused);
  const otherTab = await steady.tabIdOf(other);
  const worker = await steady.serviceWorker();
  const badge = (tabId: number) =>
    worker.evaluate((id) => (globalThis as unknown as ServiceWorkerGlobal).chrome.action.getBadgeText({ tabId: id }), tabId);
  expect(await badge(pausedTab)).toBe('');
  await worker.evaluate(() => (globalThis as unknown as ServiceWorkerGlobal).chrome.storage.sync.set({ settings: { pausedSites: ['acme.zendesk.com'] } }));
  await expect.poll(() => badge(pausedTab), SLOW).toBe('off');
  expect(await badge(otherTab)).toBe('');
  // Still shown after the tab navigates within the paused site.
  await paused.goto('https://acme.zendesk.com/agent/tickets/124');
  await expect.poll(() => badge(pausedTab), SLOW).toBe('off');
  // Nothing may write behind the deletion below.
  await paused.close();
  await other.close();
});

afterAll(async () => {
  await steady?.close();
});

test('the export holds the decision map and the coaching figures', async () => {
  const [download] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: 'Export my data (JSON)' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^steady-data-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(await readFile((await download.path())!, 'utf8'));
  expect(exported.format).toBe('steady-export');
  expect(exported.decisionMaps.map((map: { ticketId: string; concern: string }) => [map.ticketId, map.concern])).toEqual([['123', CONCERN]]);
  expect(exported.coachingFigures.total.shown).toBeGreaterThan(0);
  // Typed right after the draft's last full stop, so the new sentence's underline takes its "Please" too.
  expect(exported.nudges.map((n: { phrase: string }) => n.phrase)).toContain('Please calm down');
  await expect.poll(() => options.getByRole('status').filter({ hasText: 'Exported 1 decision map(s)' }).count(), SLOW).toBe(1);
});

test('delete asks first; Cancel keeps everything', async () => {
  const before = await storedData(options);
  await options.getByRole('button', { name: 'Delete all Steady data…' }).click();
  await options.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();
  expect(await options.getByRole('alertdialog').count()).toBe(0);
  expect(await storedData(options)).toEqual(before);
  expect(before.indexedDB['steady.ticketMaps']).toBe(1);
  expect(before.local).toContain('packs');
  expect(before.sync).toContain('settings');
});

test('once confirmed, nothing remains in IndexedDB or extension storage', async () => {
  await options.getByRole('button', { name: 'Delete all Steady data…' }).click();
  await options.getByRole('alertdialog').getByRole('button', { name: 'Delete everything' }).click();
  await expect.poll(() => options.getByRole('status').filter({ hasText: 'Deleted 1 decision map(s)' }).count(), SLOW).toBe(1);
  const after = await storedData(options);
  expect(Object.values(after.indexedDB).every((count) => count === 0)).toBe(true);
  expect(Object.keys(after.indexedDB).length).toBeGreaterThan(0);
  expect({ local: after.local, sync: after.sync, session: after.session }).toEqual({ local: [], sync: [], session: [] });
  // The page shows the now-empty state rather than the deleted pack.
  await expect.poll(() => options.locator('li[data-pack]').count(), SLOW).toBe(0);
});

test('no errors, no network requests', () => {
  expect(steady.errors).toEqual([]);
  expect(steady.extensionRequests()).toEqual([]);
});
