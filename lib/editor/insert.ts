/** Insert a line (a script line, a follow-up note) at the caret, through the same path as rewrites. */
import { afterUndoGrouping, applyRewrite } from './apply';
import { readDraft, type Composer } from './text-map';
import type { InsertResult } from '../messages';

/** `editedAt`: when the agent last typed, so the line is not filed in the same undo step as their words. */
export async function insertAtCaret(composer: Composer, line: string, editedAt: number): Promise<InsertResult> {
  await afterUndoGrouping(composer, editedAt);
  const draft = readDraft(composer);
  // Without a caret in the composer (the agent is in the side panel), add to the end.
  const at = draft.selection()?.end ?? draft.text.length;
  const before = draft.text.slice(0, at);
  const text = before && !/\s$/.test(before) ? ` ${line}` : line;
  // A placeholder left in the line ("[summary]") is selected so the agent's typing fills it.
  const result = await applyRewrite(composer, { start: at, end: at, phrase: '' }, text, { selectPlaceholder: true });
  if (result.ok) return { ok: true };
  if (result.reason === 'not-applied') return { ok: false, message: 'The reply box did not take the line; nothing was inserted. Click in the reply, then try again.' };
  if (result.reason !== 'mismatch') return { ok: false, message: 'The reply changed while inserting; nothing was inserted. Try again.' };
  return {
    ok: false,
    message: result.restored
      ? 'The reply box did not take the line as expected; its undo restored your text. Try again.'
      : 'The reply box did not take the line as expected and could not be restored. Check your draft.',
  };
}
