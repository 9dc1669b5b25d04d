import type { Page } from 'playwright-core';
import { shownText } from './steady-ui';

/** The open card's warning that undo may not restore a rewrite, as the agent reads it (a visible note), or null when it shows none. */
export async function cardUndoWarning(page: Page): Promise<string | null> {
  return shownText(page, 'steady-card', '[role="dialog"] [role="note"]');
}
