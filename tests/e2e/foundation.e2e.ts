/**
 * The extension skeleton works end to end: on a supported helpdesk the content
 * script counts findings while the agent types, without touching the draft; the
 * side panel renders; the service worker runs; nothing errors; nothing goes out.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { badgeText, shownElement } from '../support/steady-ui';
import { launchSteady, type ServiceWorkerGlobal, type SteadyBrowser } from '../support/steady-browser';

const LIVECHAT = 'https://my.livechatinc.com/chats/chat-42/thread-7';
const WEAK_DRAFT = 'Please calm down, there is nothing I can do.';
const STRONG_DRAFT = 'Thanks for telling me. I have refunded the second charge, and you will see it within three days.';

let steady: SteadyBrowser;
let chat: Page;

beforeAll(async () => {
  steady = await launchSteady();
  chat = await steady.open(LIVECHAT);
});

afterAll(async () => {
  await steady?.close();
});

const badgeShown = async (page: Page) => (await shownElement(page, 'steady-badge', 'button.badge')) !== undefined;

test('the live-chat fixture is served at its real URL', async () => {
  await expect.poll(() => chat.title()).toBe('Chats – LiveChat');
  expect(new URL(chat.url()).host).toBe('my.livechatinc.com');
});

test('typing a weak draft shows a finding count next to the reply box, and the draft stays as typed', async () => {
  await chat.locator('form.composer textarea').click();
  await chat.keyboard.type(WEAK_DRAFT);

  await expect.poll(async () => Number(await badgeText(chat))).toBeGreaterThan(0);
  await expect.poll(() => badgeShown(chat)).toBe(true);
  expect(await chat.evaluate(() => (window as unknown as { __steadyFixture: { getText(): string } }).__steadyFixture.getText())).toBe(WEAK_DRAFT);

  // The badge sits over the composer's corner, outside the editor.
  const composer = (await chat.locator('form.composer textarea').boundingBox())!;
  const badge = (await shownElement(chat, 'steady-badge', 'button.badge'))!.box;
  expect(badge.x).toBeGreaterThan(composer.x);
  expect(badge.x + badge.width).toBeLessThanOrEqual(composer.x + composer.width);
  expect(badge.y + badge.height).toBeLessThanOrEqual(composer.y + composer.height);
  expect(await chat.locator('form.composer steady-badge').count()).toBe(0);
});

test('rewriting the draft into a strong reply clears the count', async () => {
  const textarea = chat.locator('form.composer textarea');
  await textarea.selectText();
  await chat.keyboard.press('Backspace');
  await chat.keyboard.type(STRONG_DRAFT);

  await expect.poll(() => badgeShown(chat)).toBe(false);
  expect(await textarea.inputValue()).toBe(STRONG_DRAFT);
});

test('sending the reply (the page clears the box from script) clears the count', async () => {
  const textarea = chat.locator('form.composer textarea');
  await textarea.selectText();
  await chat.keyboard.type(WEAK_DRAFT);
  await expect.poll(() => badgeShown(chat)).toBe(true);

  await chat.keyboard.press('Enter');
  await expect.poll(() => chat.locator('ol.messages li').last().textContent()).toBe(WEAK_DRAFT);
  expect(await textarea.inputValue()).toBe('');
  await expect.poll(() => badgeShown(chat)).toBe(false);
});

test('a reply box the app replaces (a re-render) takes its count with it', async () => {
  const textarea = chat.locator('form.composer textarea');
  await textarea.click();
  await chat.keyboard.type(WEAK_DRAFT);
  await expect.poll(() => badgeShown(chat)).toBe(true);
  // The app swaps in a fresh, empty reply box, as single-page apps do when they re-render.
  await chat.evaluate(() => {
    const old = document.querySelector('form.composer textarea')!;
    const fresh = old.cloneNode(false) as HTMLTextAreaElement;
    fresh.value = '';
    old.replaceWith(fresh);
  });
  await expect.poll(() => badgeShown(chat)).toBe(false);
  expect(await textarea.inputValue()).toBe('');
});

test('the side panel opens for the chat tab and renders', async () => {
  const tabId = await steady.tabIdOf(chat);
  const panel = await steady.openSidePanel(tabId);
  await expect.poll(() => panel.getByTestId('ticket-label').textContent(), { timeout: 15_000 }).toBe('Chats – LiveChat');
  // Internal ids (the browser's tab id) are not the agent's business.
  expect(await panel.locator('body').innerText()).not.toContain(String(tabId));
  await panel.close();
});

test('the service worker is alive', async () => {
  const worker = await steady.serviceWorker();
  expect(await worker.evaluate(() => (globalThis as unknown as ServiceWorkerGlobal).chrome.runtime.getManifest().name)).toBe('Steady');
});

test('no errors, and the extension made no network request', async () => {
  expect(steady.errors).toEqual([]);
  expect(steady.extensionRequests()).toEqual([]);
});
