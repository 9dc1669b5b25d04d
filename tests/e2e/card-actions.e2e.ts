/**
 * The suggestion card's page-level actions: "Open script" takes the agent to
 * the related scenario in the side panel, and "Pause Steady on this site"
 * stops coaching there until it is resumed on the options page.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { clickCardButton, mirrorMarkCentre, mirrorMarks, mirrorText, waitForCard, waitForCardClosed } from '../support/steady-ui';
import { launchSteady, type SteadyBrowser } from '../support/steady-browser';

const LIVECHAT = 'https://my.livechatinc.com/chats/chat-42/thread-7';
const TEXTAREA = 'form.composer textarea';
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
/** The text the coach last linted: the textarea's underline mirror is refilled with the field's text at every lint. */
const lintedText = async (page: Page) => (await mirrorText(page)).replace(/\u200b$/, '');

async function openCardOn(phrase: string): Promise<void> {
  await expect.poll(() => marks(chat), SLOW).toContain(phrase);
  const box = (await mirrorMarkCentre(chat, phrase))!;
  await chat.mouse.click(box.x, box.y);
  await waitForCard(chat);
}

test('"Open script" opens the side panel at the scenario the rule points to', async () => {
  await chat.locator(TEXTAREA).click();
  await chat.keyboard.type('Please calm down.');
  await openCardOn('Please calm down');
  await clickCardButton(chat, 'Open script');
  await waitForCardClosed(chat);

  // Tests cannot press the toolbar button; the panel opened for this tab shows the script it was asked for.
  const panel = await steady.openSidePanel(await steady.tabIdOf(chat));
  await expect.poll(() => panel.getByRole('tab', { name: 'Scripts' }).getAttribute('aria-selected'), SLOW).toBe('true');
  await expect.poll(() => panel.locator('article.script.focused').getAttribute('id'), SLOW).toBe('script-personal-abuse');
  await panel.close();
});

test('"Pause Steady on this site" stops coaching here until resumed in the options', async () => {
  await chat.bringToFront();
  await openCardOn('Please calm down');
  await clickCardButton(chat, 'Pause Steady on this site');
  await expect.poll(() => marks(chat), SLOW).toEqual([]);
  await chat.locator(TEXTAREA).click();
  await chat.keyboard.type(' There is nothing I can do.');
  // A lint ran on the whole draft and underlined nothing.
  await expect.poll(() => lintedText(chat), SLOW).toBe('Please calm down. There is nothing I can do.');
  expect(await marks(chat)).toEqual([]);
  // Typing was untouched.
  expect(await chat.locator(TEXTAREA).inputValue()).toBe('Please calm down. There is nothing I can do.');

  const options = await steady.context.newPage();
  await options.goto(`chrome-extension://${steady.extensionId}/options.html`);
  const paused = options.locator('li', { hasText: 'my.livechatinc.com' });
  await paused.getByRole('button', { name: 'Resume' }).click();
  await expect.poll(() => marks(chat), SLOW).toEqual(['Please calm down', 'There is nothing I can do']);
  await options.close();
});

test('no errors, and the extension made no network request', () => {
  expect(steady.errors).toEqual([]);
  expect(steady.extensionRequests()).toEqual([]);
});
