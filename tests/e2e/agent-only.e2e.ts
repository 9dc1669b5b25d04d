/**
 * Only the agent acts: the badge and the card are in closed shadow roots, so a
 * page script finds neither their text nor their buttons; what it can click (the
 * hosts, whatever is at a point) or forge (Ctrl+., dispatchEvent) changes
 * nothing — no card opens, the draft and the settings stay as they were — and
 * even clicks through a reference to the root are dropped as untrusted, while
 * the agent's own clicks and keys still work. Nor can a page load Steady's
 * modules to learn that it is installed.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchSteady, type ServiceWorkerGlobal, type SteadyBrowser } from '../support/steady-browser';
import { cardDialog, clickShown, inShadows, mirrorMarks, rewriteText, shownElement, shownText, waitForCard, waitForCardClosed, waitForShown } from '../support/steady-ui';

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

const marks = mirrorMarks;
const cardOpen = async (page: Page) => (await cardDialog(page)) !== undefined;

const storedSettings = async () =>
  (await steady.serviceWorker()).evaluate(async () => {
    const { chrome } = globalThis as unknown as ServiceWorkerGlobal;
    return { sync: await chrome.storage.sync.get(null), local: await chrome.storage.local.get(null) };
  });

/**
 * What a hostile page script can do, in the page's own world: look for Steady's
 * hosts and inside them, read the page's text, click a host or whatever is at a
 * point, forge Ctrl+. in the reply box, or a click on an underline. Answers what
 * it found, and the draft after.
 */
const forge = (page: Page, secret: string, at: { x: number; y: number }) =>
  page.evaluate(([hidden, point]) => {
    const textarea = document.querySelector<HTMLTextAreaElement>('form.composer textarea')!;
    const hosts = [...document.querySelectorAll('steady-card, steady-badge, steady-underlines, steady-preview, steady-toast')];
    const found = {
      hosts: hosts.length > 0,
      openRoots: hosts.filter((host) => host.shadowRoot !== null).length,
      // A closed root's content is in no text or query the page can run.
      text: document.documentElement.textContent!.includes(hidden) || document.documentElement.outerHTML.includes(hidden),
      buttons: document.querySelectorAll('steady-card button, steady-badge button').length,
    };
    for (const host of hosts) {
      (host as HTMLElement).click();
      host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    }
    const target = document.elementFromPoint(point.x, point.y) as HTMLElement | null;
    target?.click();
    target?.dispatchEvent(new MouseEvent('click', { clientX: point.x, clientY: point.y, button: 0, bubbles: true, composed: true }));
    textarea.focus();
    textarea.setSelectionRange(3, 3);
    for (const ctrlKey of [true, false]) {
      textarea.dispatchEvent(new KeyboardEvent('keydown', { key: '.', code: 'Period', ctrlKey, metaKey: !ctrlKey, bubbles: true, cancelable: true }));
    }
    const r = textarea.getBoundingClientRect();
    textarea.dispatchEvent(new MouseEvent('click', { clientX: r.left + 20, clientY: r.top + 10, button: 0, bubbles: true }));
    return { found, draft: textarea.value };
  }, [secret, at] as const);

/** Clicks through a reference to the closed root (as a page that somehow held one would): Steady drops events it did not get from the agent. */
const forgeThroughRoot = (page: Page, tag: 'steady-card' | 'steady-badge', label: string) =>
  inShadows(
    page,
    tag,
    (root, wanted) => {
      const button = [...root.querySelectorAll('button')].find((b) => (b.getAttribute('data-rewrite') ?? b.textContent ?? '').includes(wanted));
      if (!button) return false;
      button.click();
      button.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
      return true;
    },
    label,
  );

test('page script finds nothing of the badge and the card to read or click, and forged clicks and Ctrl+. do nothing; the agent still can', async () => {
  await chat.locator(TEXTAREA).click();
  await chat.keyboard.type(DRAFT);
  await expect.poll(() => marks(chat), SLOW).toContain('Please calm down');
  const badge = await waitForShown(chat, 'steady-badge', 'button.badge');
  const before = await storedSettings();

  const nothing = { hosts: true, openRoots: 0, text: false, buttons: 0 };
  expect(badge.attrs['aria-label']).toMatch(/^Steady, 1 suggestion/);
  expect(await forge(chat, badge.attrs['aria-label']!, badge)).toEqual({ found: nothing, draft: DRAFT });
  expect(await cardOpen(chat)).toBe(false);
  expect(await forgeThroughRoot(chat, 'steady-badge', '')).toEqual([true]);
  expect(await cardOpen(chat)).toBe(false);

  // The agent's own click on the badge opens the card.
  await clickShown(chat, 'steady-badge', 'button.badge');
  await waitForCard(chat);
  const card = (await cardDialog(chat))!;
  // The rule's message, as a team pack's would be: the agent reads it, the page cannot.
  const message = (await shownText(chat, 'steady-card', '[role="dialog"] .why'))!;
  expect(card.text).toContain(message);
  expect(message.length).toBeGreaterThan(20);
  const rewrite = (await rewriteText(chat)).trim();
  for (const button of [rewrite, 'Ignore', 'Turn off this rule', 'Pause Steady on this site', 'Open script']) {
    const at = (await shownElement(chat, 'steady-card', { selector: 'button', hasText: button }))!;
    expect(await forge(chat, message, at), button).toEqual({ found: nothing, draft: DRAFT });
    expect(await forgeThroughRoot(chat, 'steady-card', button), button).toEqual([true]);
    expect(await cardOpen(chat), button).toBe(true);
  }

  // The agent's own key closes it, and the agent's Ctrl+. opens it again.
  await chat.keyboard.press('Escape');
  await waitForCardClosed(chat);
  await chat.locator(TEXTAREA).evaluate((t: HTMLTextAreaElement) => t.setSelectionRange(3, 3));
  await chat.keyboard.press('Control+.');
  await waitForCard(chat);

  expect(await chat.locator(TEXTAREA).inputValue()).toBe(DRAFT);
  expect(await marks(chat)).toContain('Please calm down');
  expect(await storedSettings()).toEqual(before);
});

test('a page cannot tell Steady is installed by loading its modules, while coaching (which imports them) works', async () => {
  // Coaching ran above, so the content script did import coach.js (and coach.js rules-pack.js) through their dynamic URLs.
  expect(await marks(chat)).toContain('Please calm down');
  const errorsBefore = steady.errors.length;
  // A string, as a page would run it (and so the test bundler leaves import() alone).
  const probe = await chat.evaluate(`(async () => {
    const results = {};
    for (const name of ['coach.js', 'conversation-reader.js', 'rules-pack.js', 'manifest.json']) {
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
    'rules-pack.js': 'blocked',
    'import rules-pack.js': 'blocked',
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
