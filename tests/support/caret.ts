import type { Page } from 'playwright-core';

/**
 * Press a caret key (Ctrl+End, Home …), then pause for one frame as any person does before
 * typing: rich editors pick up the new caret from the asynchronous `selectionchange`.
 */
export async function moveCaret(page: Page, key: string): Promise<void> {
  await page.keyboard.press(key);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
}
