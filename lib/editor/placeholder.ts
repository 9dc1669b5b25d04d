/**
 * After a rewrite lands, select its first placeholder ("[by when]") so the agent's typing
 * replaces it; the caret stays where apply put it when the rewrite has none.
 */
import { placeholdersIn } from '../engine/rewrite';
import { readDraft, type Composer, type ReadOptions } from './text-map';

/** Select the first placeholder inside [start, end) of the draft; returns whether one was selected. */
export function selectFirstPlaceholder(composer: Composer, start: number, end: number, options: ReadOptions = {}): boolean {
  const draft = readDraft(composer, options);
  const slot = placeholdersIn(draft.text.slice(start, end))[0];
  if (!slot) return false;
  draft.select(start + slot.start, start + slot.end);
  return true;
}
