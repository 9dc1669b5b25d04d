/**
 * `npm run screenshots`: pictures of the real extension on the demo pages, so
 * the README's images never go stale — each side-panel tab at 400 × 900 on the
 * Zendesk demo with a weak draft, the suggestion card, the welcome page and
 * the options page. Written to docs/screenshots/ as small PNGs.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ensureExtensionBuilt } from '../support/extension-build';
import { ROOT } from '../support/paths';
import { launchSteady } from '../support/steady-browser';
import { clickShown, waitForCard } from '../support/steady-ui';

const OUT = join(ROOT, 'docs/screenshots');
const TICKET = 'https://acme.zendesk.com/agent/tickets/123';
const COMPOSER = '[data-test-id="omnicomposer-rich-text-ckeditor"] >> visible=true';
const DRAFT = 'Hi Dana, please calm down. There is nothing I can do about the courier, that is our policy. I guarantee it will arrive tomorrow.';
const TABS = ['Now', 'Scripts', 'Map', 'Review', 'Stats'];

async function main(): Promise<void> {
  ensureExtensionBuilt();
  await mkdir(OUT, { recursive: true });
  const steady = await launchSteady({ keepWelcome: true });
  try {
    const welcome = steady.welcome!;
    await welcome.setViewportSize({ width: 900, height: 900 });
    await welcome.getByRole('heading', { name: 'Welcome to Steady' }).waitFor();
    await shoot(welcome, 'welcome.png', true);
    await welcome.close();

    const ticket = await steady.open(TICKET);
    await ticket.locator(COMPOSER).waitFor();
    await ticket.locator(COMPOSER).click();
    await ticket.keyboard.press('ControlOrMeta+a');
    await ticket.keyboard.type(DRAFT);
    const panel = await steady.openSidePanel(await steady.tabIdOf(ticket));
    await panel.setViewportSize({ width: 400, height: 900 });
    await panel.locator('ol.findings > li').nth(2).waitFor({ timeout: 30_000 });
    for (const name of TABS) {
      await panel.getByRole('tab', { name }).click();
      await panel.waitForFunction(() => !document.body.innerText.includes('Loading…'));
      // The map shows what it pre-fills from the conversation.
      if (name === 'Map') await panel.locator('li.suggested').first().waitFor();
      await shoot(panel, `panel-${name.toLowerCase()}.png`, false);
    }

    // The card, opened from the keyboard on the first phrase, with the reply box around it.
    await ticket.bringToFront();
    await clickShown(ticket, 'steady-badge', 'button.badge');
    const card = (await waitForCard(ticket)).box;
    await ticket.screenshot({ path: join(OUT, 'card.png'), clip: { x: Math.max(0, card.x - 20), y: Math.max(0, card.y - 90), width: card.width + 40, height: card.height + 110 } });
    console.log('  card.png');

    const empty = await steady.open(`${steady.server.origin}/`);
    const emptyPanel = await steady.openSidePanel(await steady.tabIdOf(empty));
    await emptyPanel.setViewportSize({ width: 400, height: 900 });
    await emptyPanel.getByTestId('empty-state').waitFor();
    await shoot(emptyPanel, 'panel-empty.png', false);

    const options = await steady.open(`chrome-extension://${steady.extensionId}/options.html`);
    await options.setViewportSize({ width: 800, height: 900 });
    await options.locator('details.category[data-category="dismissive"] summary .muted').click();
    await shoot(options, 'options.png', false);
  } finally {
    await steady.close();
  }
}

async function shoot(page: Page, name: string, fullPage: boolean): Promise<void> {
  await page.screenshot({ path: join(OUT, name), fullPage });
  console.log(`  ${name}`);
}

main().then(
  () => console.log(`Screenshots in ${OUT}`),
  (error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  },
);
