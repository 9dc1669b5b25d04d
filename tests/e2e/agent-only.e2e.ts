/**
 * Only the agent acts: a page script that clicks the badge or the card's
 * buttons (element.click(), dispatchEvent) or forges Ctrl+. changes nothing —
 * no card opens, the draft and the settings stay as they were — while the
 * agent's own clicks and keys still work. Nor can a page load Steady's
 * modules to learn that it is installed.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchSteady, type ServiceWorkerGlobal, type SteadyBrowser } from '../support/steady-browser';

const LIVECHAT = 'https://my.livechatinc.com/chats/chat-42/thread-7';
const TEXTAREA = 'form.composer textarea';
const DRAFT = 'Please calm down.';
const SLOW = { timeout: 30_000, interval: 200 };

let steady: SteadyBrowser;
let chat: Page;

beforeAll(async () => {
  steady = await launchSteady();
  chat = await steady.open(LIVECHAT);
});

afterAll(async () => {
  await steady?.close();
});

const marks = (page: Page) =>
  page.evaluate(() => [...(document.querySelector('steady-underlines')?.shadowRoot?.querySelectorAll('.mark') ?? [])].map((m) => m.textContent ?? ''));

const storedSettings = async () =>
  (await steady.serviceWorker()).evaluate(async () => {
    const { chrome } = globalThis as unknown as ServiceWorkerGlobal;
    return { sync: await chrome.storage.sync.get(null), local: await chrome.storage.local.get(null) };
  });

/** Runs in the page's own world, as a hostile page script would; answers whether the card is open right after. */
const forge = (page: Page, action: 'badge' | 'shortcut' | 'click-mark' | string) =>
  page.evaluate((what) => {
    const cardOpen = () => !!document.querySelector('steady-card')?.shadowRoot?.querySelector('[role="dialog"]');
    const textarea = document.querySelector<HTMLTextAreaElement>('form.composer textarea')!;
    if (what === 'badge') document.querySelector('steady-badge')!.shadowRoot!.querySelector<HTMLButtonElement>('button')!.click();
    else if (what === 'shortcut') {
      textarea.focus();
      textarea.setSelectionRange(3, 3);
      for (const ctrlKey of [true, false]) {
        textarea.dispatchEvent(new KeyboardEvent('keydown', { key: '.', code: 'Period', ctrlKey, metaKey: !ctrlKey, bubbles: true, cancelable: true }));
      }
    } else if (what === 'click-mark') {
      const r = document.querySelector('steady-underlines')!.shadowRoot!.querySelector('.mark')!.getClientRects()[0];
      textarea.dispatchEvent(new MouseEvent('click', { clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, button: 0, bubbles: true }));
    } else {
      const button = [...(document.querySelector('steady-card')?.shadowRoot?.querySelectorAll('button') ?? [])].find((b) => b.textContent?.includes(what));
      if (!button) throw new Error(`no card button "${what}"`);
      button.click();
      button.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    }
    return { cardOpen: cardOpen(), draft: textarea.value };
  }, action);

test('page script clicks on the badge and the card and a forged Ctrl+. do nothing; the agent still can', async () => {
  await chat.locator(TEXTAREA).click();
  await chat.keyboard.type(DRAFT);
  await expect.poll(() => marks(chat), SLOW).toContain('Please calm down');
  await chat.locator('steady-badge button').waitFor();
  const before = await storedSettings();

  expect(await forge(chat, 'badge')).toEqual({ cardOpen: false, draft: DRAFT });
  expect(await forge(chat, 'shortcut')).toEqual({ cardOpen: false, draft: DRAFT });
  expect(await forge(chat, 'click-mark')).toEqual({ cardOpen: false, draft: DRAFT });

  // The agent's own click on the badge opens the card.
  await chat.locator('steady-badge button').click();
  await chat.locator('steady-card [role="dialog"]').waitFor();
  const rewrite = (await chat.locator('steady-card button.rewrite').first().getAttribute('data-rewrite'))!.trim();
  for (const button of [rewrite, 'Ignore', 'Turn off this rule', 'Pause Steady on this site', 'Open script']) {
    expect(await forge(chat, button), button).toEqual({ cardOpen: true, draft: DRAFT });
  }

  // The agent's own key closes it, and the agent's Ctrl+. opens it again.
  await chat.keyboard.press('Escape');
  await expect.poll(() => chat.locator('steady-card [role="dialog"]').count()).toBe(0);
  await chat.locator(TEXTAREA).evaluate((t: HTMLTextAreaElement) => t.setSelectionRange(3, 3));
  await chat.keyboard.press('Control+.');
  await chat.locator('steady-card [role="dialog"]').waitFor();

  expect(await chat.locator(TEXTAREA).inputValue()).toBe(DRAFT);
  expect(await marks(chat)).toContain('Please calm down');
  expect(await storedSettings()).toEqual(before);
});

test('a page cannot tell Steady is installed by loading its modules, while coaching (which imports them) works', async () => {
  // Coaching ran above, so the content script did import coach.js through its dynamic URL.
  expect(await marks(chat)).toContain('Please calm down');
  const errorsBefore = steady.errors.length;
  // A string, as a page would run it (and so the test bundler leaves import() alone).
  const probe = await chat.evaluate(`(async () => {
    const results = {};
    for (const name of ['coach.js', 'conversation-reader.js', 'manifest.json']) {
      const url = 'chrome-extension://${steady.extensionId}/' + name;
      results[name] = await fetch(url).then((r) => 'fetched ' + r.status, () => 'blocked');
      results['import ' + name] = await import(url).then(() => 'imported', () => 'blocked');
    }
    return results;
  })()`);
  // Chromium logs each denied load in the page's console: those are the probe's, not Steady's.
  const denied = steady.errors.splice(errorsBefore);
  expect(denied.every((e) => /Denying load of chrome-extension:|Failed to load resource: net::ERR_FAILED/.test(e)), denied.join('\n')).toBe(true);
  expect(probe).toEqual({
    'coach.js': 'blocked',
    'import coach.js': 'blocked',
    'conversation-reader.js': 'blocked',
    'import conversation-reader.js': 'blocked',
    'manifest.json': 'blocked',
    'import manifest.json': 'blocked',
  });
});

test('only the side panel page gets a tab\'s conversation and inserts into it; a message naming a tab inserts nothing', async () => {
  const tabId = await steady.tabIdOf(chat);
  const draft = await chat.locator(TEXTAREA).inputValue();
  // Another extension page (a stand-in for any context that is not the panel) asks for this tab.
  const options = await steady.context.newPage();
  await options.goto(`chrome-extension://${steady.extensionId}/options.html`);
  const outsider = await options.evaluate(
    (tab) =>
      new Promise<{ disconnected: boolean; received: unknown[]; inserted: unknown }>((resolve) => {
        const { chrome } = globalThis as unknown as ServiceWorkerGlobal;
        const received: unknown[] = [];
        const port = chrome.runtime.connect({ name: `panel:${tab}` });
        port.onMessage.addListener((m) => received.push(m));
        port.onDisconnect.addListener(async () => {
          const inserted = await chrome.runtime.sendMessage({ type: 'insert-text', tabId: tab, text: 'FORGED' }).catch((e: Error) => `refused: ${e.message}`);
          resolve({ disconnected: true, received, inserted });
        });
      }),
    tabId,
  );
  expect(outsider.disconnected).toBe(true);
  expect(outsider.received).toEqual([]);
  expect(await chat.locator(TEXTAREA).inputValue()).toBe(draft);
  await options.close();

  // The side panel bound to the tab gets its state.
  const panel = await steady.openSidePanel(tabId);
  await panel.locator('.ticket-header .helpdesk').waitFor({ timeout: 20_000 });
  // The tab's conversation reached it: its customer messages are counted.
  expect(Number(await panel.getByTestId('customer-count').textContent())).toBeGreaterThan(0);
  await panel.close();
});

test('no errors, and the extension made no network request', () => {
  expect(steady.errors).toEqual([]);
  expect(steady.extensionRequests()).toEqual([]);
});
