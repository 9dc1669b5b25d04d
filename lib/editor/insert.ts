/** Insert a line (a script line, a follow-up note) at the caret, through the same path as rewrites. */
import { applyRewrite } from './apply';
import { selectFirstPlaceholder } from './placeholder';
import { readDraft, type Composer } from './text-map';
import type { InsertResult } from '../messages';

export async function insertAtCaret(composer: Composer, line: string): Promise<InsertResult> {
  const draft = readDraft(composer);
  // Without a caret in the composer (the agent is in the side panel), add to the end.
  const at = draft.selection()?.end ?? draft.text.length;
  const before = draft.text.slice(0, at);
  const text = before && !/\s$/.test(before) ? ` ${line}` : line;
  const result = await applyRewrite(composer, { start: at, end: at, phrase: '' }, text);
  // A placeholder left in the line ("[summary]") is selected so the agent's typing fills it.
  if (result.ok) selectFirstPlaceholder(composer, result.start, result.end);
  return result.ok ? { ok: true } : { ok: false, message: 'The reply box changed while inserting; nothing was inserted. Try again.' };
}
