import type { Page } from 'playwright-core';

/** The open card's warning that undo may not restore a rewrite, as the agent reads it (a visible note), or null when it shows none. */
export async function cardUndoWarning(page: Page): Promise<string | null> {
  const note = page.locator('steady-card [role="dialog"]').getByRole('note');
  if ((await note.count()) === 0) return null;
  return (await note.isVisible()) ? note.textContent() : null;
}
