/**
 * `npm run store:screenshots`: the store's 1280 × 800 screenshots, taken from
 * the production build on the demo helpdesk pages (headless Chromium, the e2e
 * harness), written to docs/store/screenshots/.
 *  1. coaching in the Zendesk reply box, suggestion card open;
 *  2. the helpdesk with the side panel beside it (as Chrome lays them out);
 *  3. the options page.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import type { Page } from 'playwright-core';
import { ensureExtensionBuilt } from '../tests/support/extension-build';
import { ROOT } from '../tests/support/paths';
import { launchSteady } from '../tests/support/steady-browser';
import { badgeText, clickShown, waitForCard } from '../tests/support/steady-ui';

const OUT = join(ROOT, 'docs/store/screenshots');
const WIDTH = 1280;
const HEIGHT = 800;
const PANEL_WIDTH = 400;
const TICKET = 'https://acme.zendesk.com/agent/tickets/123';
const COMPOSER = '[data-test-id="omnicomposer-rich-text-ckeditor"] >> visible=true';
const DRAFT = "Hi Dana, I'm sorry the parcel is late. Please calm down, that is our policy and there is nothing I can do.";

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Two screenshots side by side in one image (the helpdesk, then the side panel). */
function sideBySide(left: Buffer, right: Buffer): Buffer {
  const image = (png: Buffer, x: number, width: number) =>
    `<image x="${x}" y="0" width="${width}" height="${HEIGHT}" href="data:image/png;base64,${png.toString('base64')}"/>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}">${image(left, 0, WIDTH - PANEL_WIDTH)}<rect x="${WIDTH - PANEL_WIDTH - 1}" y="0" width="1" height="${HEIGHT}" fill="#c4c7c5"/>${image(right, WIDTH - PANEL_WIDTH, PANEL_WIDTH)}</svg>`;
  return new Resvg(svg).render().asPng();
}

async function save(name: string, png: Buffer): Promise<void> {
  writeFileSync(join(OUT, name), png);
  console.log(`docs/store/screenshots/${name}`);
}

async function main(): Promise<void> {
  ensureExtensionBuilt();
  mkdirSync(OUT, { recursive: true });
  const steady = await launchSteady();
  try {
    const ticket: Page = await steady.open(TICKET);
    // The demo page's test controls and its hostile-markup test message are not part of the product.
    await ticket.addStyleTag({ content: '[data-fixture-controls] { display: none !important; }' });
    await ticket.evaluate(() => document.querySelectorAll('p').forEach((p) => p.textContent?.includes('onerror') && p.remove()));
    await ticket.locator(COMPOSER).click();
    await ticket.keyboard.press('ControlOrMeta+a');
    await ticket.keyboard.press('Backspace');
    await ticket.keyboard.type(DRAFT);
    await until(async () => Number(await badgeText(ticket)) >= 2, 'the reply box to be coached');
    await clickShown(ticket, 'steady-badge', 'button.badge');
    await waitForCard(ticket);
    await save('1-coaching.png', await ticket.screenshot());

    await ticket.keyboard.press('Escape');
    await ticket.setViewportSize({ width: WIDTH - PANEL_WIDTH, height: HEIGHT });
    const panel = await steady.openSidePanel(await steady.tabIdOf(ticket));
    await panel.setViewportSize({ width: PANEL_WIDTH, height: HEIGHT });
    await panel.locator('.ticket-header', { hasText: 'A-20931' }).waitFor({ timeout: 30_000 });
    await ticket.bringToFront();
    await save('2-side-panel.png', sideBySide(await ticket.screenshot(), await panel.screenshot()));

    const options = await steady.open(`chrome-extension://${steady.extensionId}/options.html`);
    await options.getByRole('heading', { name: 'Steady settings' }).waitFor({ timeout: 30_000 });
    await save('3-options.png', await options.screenshot());
  } finally {
    await steady.close();
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
