/**
 * Applies one rewrite through the editor's own input path, so its model,
 * undo stack and framework state stay intact (measured order, see
 * shared spec "Editing a draft without breaking the editor"):
 * select the span; offer a cancelable `beforeinput` insertReplacementText
 * (CKEditor 5 and Quill 2 handle it); if nobody took it, execCommand
 * insertText (ProseMirror, plain contenteditable, textarea). Then read the
 * draft back and accept only if the change landed exactly once.
 */
import { readDraft as readComposer, isTextField, type Composer, type ReadOptions } from './text-map';

export interface Target {
  start: number;
  end: number;
  /** The exact text the finding covered when it was found. */
  phrase: string;
}

export type ApplyResult =
  | { ok: true; start: number; end: number; text: string }
  | { ok: false; reason: 'phrase-gone' | 'not-applied' | 'mismatch'; text: string };

/** How far (UTF-16 units) a phrase may have moved because the agent kept typing. */
const RELOCATE_WINDOW = 400;

/** Where the phrase is now: at the same offsets, else its nearest occurrence close by, else null. */
export function relocate(text: string, target: Target): number | null {
  if (text.slice(target.start, target.end) === target.phrase) return target.start;
  if (!target.phrase) return null;
  let best: number | null = null;
  const from = Math.max(0, target.start - RELOCATE_WINDOW);
  const to = Math.min(text.length, target.end + RELOCATE_WINDOW);
  for (let at = text.indexOf(target.phrase, from); at >= 0 && at + target.phrase.length <= to; at = text.indexOf(target.phrase, at + 1)) {
    if (best === null || Math.abs(at - target.start) < Math.abs(best - target.start)) best = at;
  }
  return best;
}

/**
 * How long after the last edit these editors still merge a change into the
 * same undo step (their history grouping, measured in Chromium). Applying a
 * rewrite sooner would make one Ctrl+Z also erase what the agent just typed.
 */
const UNDO_GROUPING_MS: readonly [selector: string, ms: number][] = [
  ['.ProseMirror', 600],
  ['.ql-editor', 1100],
  ['.fr-element', 650],
];

export function undoGroupingDelay(composer: Composer): number {
  return UNDO_GROUPING_MS.find(([selector]) => composer.matches(selector))?.[1] ?? 0;
}

/** Spaces and NBSPs are interchangeable: rich editors swap them to keep runs of spaces visible. */
const sameText = (a: string, b: string) => a.replace(/\u00a0/g, ' ') === b.replace(/\u00a0/g, ' ');

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export interface ApplyOptions extends ReadOptions {
  /** Put the caret back where the agent had it (shifted by the rewrite) instead of after the new text: they kept typing. */
  keepCaret?: boolean;
}

export async function applyRewrite(composer: Composer, target: Target, replacement: string, options: ApplyOptions = {}): Promise<ApplyResult> {
  const readDraft = (el: Composer) => readComposer(el, options);
  const doc = composer.ownerDocument;
  const win = doc.defaultView!;
  let draft = readDraft(composer);
  const before = draft.text;
  const start = relocate(before, target);
  if (start === null) return { ok: false, reason: 'phrase-gone', text: before };
  const end = start + target.phrase.length;
  const expected = before.slice(0, start) + replacement + before.slice(end);
  const agentCaret = options.keepCaret ? draft.selection() : null;

  if (doc.activeElement !== composer && !composer.contains(doc.activeElement)) composer.focus({ preventScroll: true });
  draft.select(start, end);
  // Editors sync their model selection from `selectionchange`, which fires asynchronously.
  await nextTask();
  draft = readDraft(composer);
  const sel = draft.selection();
  if (!sel || sel.start !== start || sel.end !== end) {
    draft.select(start, end);
    await nextTask();
  }

  let handled = false;
  if (!isTextField(composer)) {
    const range = readDraft(composer).toRange(start, end)!;
    const data = new win.DataTransfer();
    data.setData('text/plain', replacement);
    const event = new win.InputEvent('beforeinput', {
      inputType: 'insertReplacementText',
      data: replacement,
      dataTransfer: data,
      targetRanges: [new win.StaticRange({ startContainer: range.startContainer, startOffset: range.startOffset, endContainer: range.endContainer, endOffset: range.endOffset })],
      bubbles: true,
      cancelable: true,
      composed: true,
    });
    handled = !composer.dispatchEvent(event);
  }
  if (!handled) doc.execCommand('insertText', false, replacement);
  // ProseMirror and others apply DOM mutations from a MutationObserver; let them settle.
  // A key or click meanwhile (input outranks timers on a busy page) means the agent has moved on: their caret wins.
  let agentMoved = false;
  const onAgentInput = (e: Event) => {
    if (e.isTrusted) agentMoved = true;
  };
  const agentInputs = ['keydown', 'pointerdown'] as const;
  for (const type of agentInputs) doc.addEventListener(type, onAgentInput, true);
  try {
    await nextTask();
  } finally {
    for (const type of agentInputs) doc.removeEventListener(type, onAgentInput, true);
  }

  const after = readDraft(composer);
  if (sameText(after.text, before)) return { ok: false, reason: 'not-applied', text: after.text };
  if (!sameText(after.text, expected)) return { ok: false, reason: 'mismatch', text: after.text };
  const caret = start + replacement.length;
  const moved = (p: number) => (p >= end ? p + caret - end : p > start ? caret : p);
  const want = agentCaret ? { start: moved(agentCaret.start), end: moved(agentCaret.end) } : { start: caret, end: caret };
  const now = after.selection();
  if (!agentMoved && (!now || now.start !== want.start || now.end !== want.end)) after.select(want.start, want.end);
  return { ok: true, start, end: caret, text: after.text };
}
