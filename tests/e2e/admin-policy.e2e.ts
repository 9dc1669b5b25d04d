/**
 * The administrator's example policy, copied from docs/admins.md, installed as
 * a real Chromium managed policy (3rdparty extension policy in
 * /etc/chromium/policies/managed): the team pack coaches the reply box, the
 * rule and category it turns off stay silent, and the options page lists the
 * team pack. Then the policy gains an invalid pack, and the options page says
 * which pack, rule and field, while the valid pack keeps applying.
 *
 * Chromium reads policy only from that system folder, so the test needs root
 * (CI has it). The policy names a throwaway copy of the extension (its own id),
 * so no other Chromium on the machine is affected, and is removed afterwards.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, accessSync, constants } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchSteady, unpackedExtensionId, type SteadyBrowser } from '../support/steady-browser';
import { EXTENSION_DIR, ROOT } from '../support/paths';

const POLICY_DIR = '/etc/chromium/policies/managed';
const TICKET = 'https://acme.zendesk.com/agent/tickets/123';
const COMPOSER = '[data-test-id="omnicomposer-rich-text-ckeditor"] >> visible=true';
const SLOW = { timeout: 30_000, interval: 250 };
/** Built-in rules flag "Relax" (relax-on-its-own) and "As I already explained" (condescending); only the team pack flags "ASAP". */
const DRAFT = 'Relax, the parcel is with the courier. As I already explained, we will fix it ASAP.';

/** The example policy exactly as the guide shows it. */
function guideExample(): { teamPacks: unknown[]; disabledRules: string[]; disabledCategories: string[] } {
  const guide = readFileSync(join(ROOT, 'docs/admins.md'), 'utf8');
  const block = /<!-- steady-policy-example[^>]*-->\n```json\n([\s\S]*?)\n```/.exec(guide);
  if (!block) throw new Error('docs/admins.md has no block after <!-- steady-policy-example -->');
  return JSON.parse(block[1]!);
}

const canWritePolicy = (() => {
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
    accessSync(POLICY_DIR, constants.W_OK);
    return true;
  } catch {
    console.warn(`admin-policy e2e skipped: ${POLICY_DIR} is not writable (run as root).`);
    return false;
  }
})();

let steady: SteadyBrowser;
let scratch: string;
let policyFile: string;
let extensionId: string;
let ticket: Page;
let options: Page;

const writePolicy = (policy: object) => writeFileSync(policyFile, JSON.stringify({ '3rdparty': { extensions: { [extensionId]: policy } } }));

const flagged = (page: Page) =>
  page.evaluate(() =>
    ['steady-problem', 'steady-warning', 'steady-suggestion']
      .flatMap((name) => [...((CSS.highlights.get(name) as Set<AbstractRange> | undefined) ?? [])])
      .map((range) => (range instanceof Range ? range.toString() : ''))
      .sort(),
  );

beforeAll(async () => {
  if (!canWritePolicy) return;
  scratch = mkdtempSync(join(tmpdir(), 'steady-policy-'));
  const extensionDir = join(scratch, 'chrome-mv3');
  cpSync(EXTENSION_DIR, extensionDir, { recursive: true });
  extensionId = unpackedExtensionId(extensionDir);
  policyFile = join(POLICY_DIR, `steady-e2e-${extensionId}.json`);
  writePolicy(guideExample());
  steady = await launchSteady({ extensionDir });
});

afterAll(async () => {
  if (policyFile) rmSync(policyFile, { force: true });
  await steady?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

test.skipIf(!canWritePolicy)('the extension receives the policy as managed storage', async () => {
  // Read from an extension page: the service worker may be asleep (MV3) by now, and storage is the same.
  const page = await steady.open(`chrome-extension://${steady.extensionId}/options.html`);
  const managed = await page.evaluate(() => (globalThis as unknown as { chrome: { storage: { managed: { get(k: null): Promise<object> } } } }).chrome.storage.managed.get(null));
  await page.close();
  expect(managed).toEqual(guideExample());
});

test.skipIf(!canWritePolicy)('the team rule coaches the reply box; the rule and category turned off stay silent', async () => {
  ticket = await steady.open(TICKET);
  await ticket.locator(COMPOSER).click();
  await ticket.keyboard.press('ControlOrMeta+a');
  await ticket.keyboard.press('Backspace');
  await ticket.keyboard.type(DRAFT);
  await expect.poll(() => flagged(ticket), SLOW).toEqual(['ASAP']);
});

test.skipIf(!canWritePolicy)('the options page lists the team pack', async () => {
  options = await steady.open(`chrome-extension://${steady.extensionId}/options.html`);
  const pack = options.locator('li[data-pack="team pack 1"]');
  await expect.poll(() => pack.textContent(), SLOW).toMatch(/team pack 1 — 1 rule \(team \(managed\)\)/);
  expect(await options.getByRole('alert').count()).toBe(0);
});

test.skipIf(!canWritePolicy)('an invalid pack is named on the options page, and the valid one keeps coaching', async () => {
  const example = guideExample();
  const broken = { rules: [{ ...(example.teamPacks[0] as { rules: object[] }).rules[0], id: 'team-refund-window', severity: 'urgent' }] };
  writePolicy({ ...example, teamPacks: [...example.teamPacks, broken] });
  // Chromium notices the changed file by itself (it watches the folder) and Steady's pages follow.
  const notice = options.getByRole('alert').filter({ hasText: 'Some rule packs or policy settings need attention' });
  await expect.poll(() => notice.count(), { timeout: 60_000, interval: 500 }).toBe(1);
  expect(await notice.textContent()).toContain('team pack 2: rule "team-refund-window", field "severity": must be one of: suggestion, warning, problem');
  expect(await options.locator('li[data-pack="team pack 1"]').count()).toBe(1);

  await ticket.bringToFront();
  await ticket.keyboard.type(' Thanks.');
  await expect.poll(() => flagged(ticket), SLOW).toEqual(['ASAP']);
  expect(steady.errors).toEqual([]);
  expect(steady.extensionRequests()).toEqual([]);
}, 150_000);
