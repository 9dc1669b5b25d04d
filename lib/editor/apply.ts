/**
 * Applies one rewrite through the editor's own input path, so its model,
 * undo stack and framework state stay intact (measured order, see shared
 * spec "Editing a draft without breaking the editor"): select the span; offer
 * a cancelable `beforeinput` insertReplacementText (CKEditor 5, Quill 2 and
 * Slate handle it); if nobody took it, execCommand insertText (ProseMirror,
 * TinyMCE, CKEditor 4, Summernote, plain contenteditable, textarea).
 *
 * Reading, selecting and inserting run in ONE task: a key or click the agent
 * makes is queued as a task of its own, so it lands before (the phrase is
 * then looked up again in the text it produced) or after the edit, never on
 * the selected phrase. The result is read back once the editor settled and
 * accepted only if the change landed exactly once; a wrong result is undone
 * through the editor's own undo and reported as such.
 */
import { readDraft as readComposer, isTextField, type Composer, type ReadOptions } from './text-map';
import { historyOf, undoFilingDelay, undoOnce } from './history';
import { editorKindOf } from './kind';
import type { EditorKind } from '../ticket';
import { placeholdersIn } from '../engine/rewrite';
import { hasFocusWithin } from './tree';

export interface Target {
  start: number;
  end: number;
  /** The exact text the finding covered when it was found. */
  phrase: string;
}

export type ApplyResult =
  | { ok: true; start: number; end: number; text: string }
  /** Nothing was changed: the phrase is gone, the draft changed under an insertion, or the editor took no edit. */
  | { ok: false; reason: 'phrase-gone' | 'draft-changed' | 'not-applied'; text: string }
  /** The edit went wrong: `restored` says whether the editor's undo brought back the exact previous text. */
  | { ok: false; reason: 'mismatch'; restored: boolean; text: string };

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
  // Jodit files typing ~200 ms after the last key (history.ts, undoFilingDelay): a rewrite sooner joins that step.
  ['.jodit-wysiwyg', 350],
];

export function undoGroupingDelay(composer: Composer): number {
  return UNDO_GROUPING_MS.find(([selector]) => composer.matches(selector))?.[1] ?? 0;
}

/** Waits out the editor's undo grouping after the agent's last edit (`editedAt`), so one Ctrl+Z undoes only Steady's edit. */
export async function afterUndoGrouping(composer: Composer, editedAt: number): Promise<void> {
  const wait = editedAt + undoGroupingDelay(composer) - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

/** Spaces and NBSPs are interchangeable: rich editors swap them to keep runs of spaces visible. */
const normal = (s: string) => s.replace(/\u00a0/g, ' ');
const sameText = (a: string, b: string) => normal(a) === normal(b);

/**
 * `text` is `base` with one run of characters added at one place (what the
 * agent typed while the editor settled), nothing removed or doubled.
 */
export function isOneInsertionInto(text: string, base: string): boolean {
  const a = normal(text);
  const b = normal(base);
  if (a.length < b.length) return false;
  let prefix = 0;
  while (prefix < b.length && a[prefix] === b[prefix]) prefix++;
  return a.slice(prefix + a.length - b.length) === b.slice(prefix);
}

/** Editors that render from their own model (React, Slate) update the DOM a task or a frame later. */
const SETTLE_TIMEOUT_MS = 1_500;

/** Resolves once `done()` holds, checked at once, after every DOM change and every frame, or after the timeout. */
function settle(composer: Composer, done: () => boolean): Promise<void> {
  const win = composer.ownerDocument.defaultView!;
  return new Promise((resolve) => {
    const observer = new win.MutationObserver(() => check());
    let frame = 0;
    const timer = win.setTimeout(() => finish(), SETTLE_TIMEOUT_MS);
    const finish = () => {
      observer.disconnect();
      win.cancelAnimationFrame(frame);
      win.clearTimeout(timer);
      resolve();
    };
    const check = () => {
      if (done()) finish();
    };
    const poll = () => {
      frame = win.requestAnimationFrame(() => {
        check();
        poll();
      });
    };
    observer.observe(composer, { childList: true, characterData: true, subtree: true, attributes: true });
    // An editor that rendered in a microtask (Lexical) is done already: no mutation is left to see, and a page
    // in a background tab gets no frame to poll on, while the agent's next Ctrl+Z could take the edit out again.
    if (done()) finish();
    else poll();
  });
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export interface ApplyOptions extends ReadOptions {
  /** Put the caret back where the agent had it (shifted by the rewrite) instead of after the new text: they kept typing. */
  keepCaret?: boolean;
  /** Select the first placeholder of the new text ("[summary]") instead of putting the caret after it, in the same task, so the agent's next key fills it. */
  selectPlaceholder?: boolean;
}

/**
 * Editors that file an insertion at a collapsed caret under the typing before it (Trix: same block, same five
 * seconds; Slate: any text typed right before it), so one Ctrl+Z would take the agent's words with the inserted line.
 */
const MERGE_INSERTION_INTO_TYPING: ReadonlySet<EditorKind> = new Set<EditorKind>(['trix', 'slate']);

/**
 * In those editors, replacing the character before the caret with itself plus the line makes the insertion an undo
 * step of its own, as a rewrite of a phrase is. Not across a line break, which may end a block, nor into half a
 * surrogate pair. Returns how many UTF-16 units before the caret the edit starts.
 */
function widening(composer: Composer, text: string, start: number, end: number): number {
  if (start !== end || start === 0 || !MERGE_INSERTION_INTO_TYPING.has(editorKindOf(composer)) || text[start - 1] === '\n') return 0;
  return start > 1 && /[\uDC00-\uDFFF]/.test(text[start - 1]) ? 2 : 1;
}

/** The browser refused the selection or the command before the editor saw anything: nothing changed. */
const REFUSED = Symbol('refused');

export async function applyRewrite(composer: Composer, target: Target, replacement: string, options: ApplyOptions = {}): Promise<ApplyResult> {
  const seen = readComposer(composer, options).text;
  const first = await attempt(composer, target, replacement, options, seen, false);
  if (first !== REFUSED) return first;
  // The composer is still its page's active element, but the page itself lost focus (to the side panel whose
  // Insert was clicked): the browser then refuses to edit. Focus the page and the composer, and try once more.
  const second = await attempt(composer, target, replacement, options, seen, true);
  return second === REFUSED ? { ok: false, reason: 'not-applied', text: readComposer(composer, options).text } : second;
}

async function attempt(composer: Composer, target: Target, replacement: string, options: ApplyOptions, seen: string, refocus: boolean): Promise<ApplyResult | typeof REFUSED> {
  const readDraft = (el: Composer) => readComposer(el, options);
  const doc = composer.ownerDocument;
  const win = doc.defaultView!;
  if (refocus || !hasFocusWithin(composer)) {
    if (refocus) win.focus();
    composer.focus({ preventScroll: true });
    // Editors pick up focus and the selection from events that follow `focus()`.
    await nextTask();
  }

  // From here to the read-back nothing yields: no key or click of the agent can land in between.
  const draft = readDraft(composer);
  const before = draft.text;
  // An insertion at a caret has no phrase to find again: if the draft changed, the caret may mean something else.
  if (!target.phrase && before !== seen) return { ok: false, reason: 'draft-changed', text: before };
  const start = relocate(before, target);
  if (start === null) return { ok: false, reason: 'phrase-gone', text: before };
  const end = start + target.phrase.length;
  const expected = before.slice(0, start) + replacement + before.slice(end);
  const agentCaret = options.keepCaret ? draft.selection() : null;
  // The edit itself: an insertion that Trix or Slate would file under the agent's typing also retypes the character before it.
  const editStart = start - widening(composer, before, start, end);
  const editText = before.slice(editStart, start) + replacement;
  // select() tells the editor at once (CKEditor 5 ends its typing batch there: the rewrite is an undo step of its own).
  // An insertion at the caret would not move the selection, so it steps one character aside first.
  const aside = start > 0 ? start - 1 : Math.min(1, before.length);
  if (editStart === end && aside !== start && !isTextField(composer)) draft.select(aside, aside);
  draft.select(editStart, end);
  const selected = readDraft(composer).selection();
  if (!isTextField(composer) && (!selected || selected.start !== editStart || selected.end !== end)) return REFUSED;

  const history = historyOf(composer);
  history?.record(composer);
  let handled = false;
  if (!isTextField(composer)) {
    const range = readDraft(composer).toRange(editStart, end)!;
    const data = new win.DataTransfer();
    data.setData('text/plain', editText);
    const event = new win.InputEvent('beforeinput', {
      inputType: 'insertReplacementText',
      data: editText,
      dataTransfer: data,
      targetRanges: [new win.StaticRange({ startContainer: range.startContainer, startOffset: range.startOffset, endContainer: range.endContainer, endOffset: range.endOffset })],
      bubbles: true,
      cancelable: true,
      composed: true,
    });
    handled = !composer.dispatchEvent(event);
  }
  const inserted = handled || doc.execCommand('insertText', false, editText);
  const caret = start + replacement.length;
  const moved = (p: number) => (p >= end ? p + caret - end : p > start ? caret : p);
  const slot = options.selectPlaceholder ? placeholdersIn(replacement)[0] : undefined;
  const want = agentCaret
    ? { start: moved(agentCaret.start), end: moved(agentCaret.end) }
    : slot
      ? { start: start + slot.start, end: start + slot.end }
      : { start: caret, end: caret };
  const placeCaret = () => {
    const now = readDraft(composer);
    const at = now.selection();
    if (!at || at.start !== want.start || at.end !== want.end) now.select(want.start, want.end);
  };
  const landed = readDraft(composer).text;
  const landedAtOnce = sameText(landed, expected);
  if (landedAtOnce) {
    history?.record(composer);
    // Still in the same task: the agent's next key goes where they expect it.
    placeCaret();
  } else if (!sameText(landed, before)) return await restore(composer, before, readDraft);
  else if (!inserted) return REFUSED;

  // Let the editor settle (its MutationObserver, a React render), watching for the agent meanwhile.
  let agentMoved = false;
  const onAgentInput = (e: Event) => {
    if (e.isTrusted) agentMoved = true;
  };
  /**
   * The edit landed at once and the agent has acted since (typed, clicked, pressed Ctrl+Z): whatever the
   * draft says now is theirs. An undo right after the insert must not read as "the editor refused it".
   */
  const agentTookOver = () => landedAtOnce && agentMoved;
  /** The draft as it was, give or take what the agent typed: the rewrite has not landed (yet). */
  const onlyAgentTyping = (text: string) => sameText(text, before) || (agentMoved && isOneInsertionInto(text, before) && !isOneInsertionInto(text, expected));
  /**
   * The editor is done with the edit. Once the agent has typed, only the rewrite plus their keys counts: an editor
   * that renders from its model (Slate) lets a key it takes natively land in the page it has not yet re-rendered,
   * and the page reads as a collision until its render puts the rewrite and the key where its model has them.
   */
  const settled = (text: string) => !onlyAgentTyping(text) && (!agentMoved || isOneInsertionInto(text, expected));
  const agentInputs = ['keydown', 'pointerdown', 'beforeinput'] as const;
  for (const type of agentInputs) doc.addEventListener(type, onAgentInput, true);
  try {
    await nextTask();
    await settle(composer, () => agentTookOver() || settled(readDraft(composer).text));
  } finally {
    for (const type of agentInputs) doc.removeEventListener(type, onAgentInput, true);
  }

  const after = readDraft(composer);
  if (sameText(after.text, expected)) {
    // An editor that applied later (from its model): record the step.
    if (!sameText(landed, expected)) history?.record(composer);
    // Put the caret (or placeholder selection) right now: an editor that applied later, or that read the
    // edit back from the page (CKEditor 5 after execCommand), put its own caret after the new text meanwhile.
    if (!agentMoved) placeCaret();
    return { ok: true, start, end: caret, text: after.text };
  }
  if (agentTookOver()) return { ok: true, start, end: caret, text: after.text };
  // The editor claimed the edit but never made it (a removal's "before" is also "expected" plus the phrase).
  if (sameText(after.text, before)) return { ok: false, reason: 'not-applied', text: after.text };
  // The agent typed while the editor settled: fine as long as the rewrite and all their words are there, once.
  if (agentMoved && isOneInsertionInto(after.text, expected)) return { ok: true, start, end: caret, text: after.text };
  if (onlyAgentTyping(after.text)) return { ok: false, reason: 'not-applied', text: after.text };
  if (agentMoved) return { ok: false, reason: 'mismatch', restored: false, text: after.text };
  return await restore(composer, before, readDraft);
}

/**
 * The edit landed wrong: one step of the editor's own undo, then say whether the exact previous text is back.
 * An editor that files its steps late (Jodit) is given the time to file the edit first: its undo would take
 * back the step before it.
 */
async function restore(composer: Composer, before: string, readDraft: (el: Composer) => { text: string }): Promise<ApplyResult> {
  const filing = undoFilingDelay(composer);
  if (filing > 0) {
    const wrong = readDraft(composer).text;
    await new Promise((resolve) => setTimeout(resolve, filing));
    // The agent typed meanwhile: that editor may file their keys with the wrong edit, and one undo would take both.
    const now = readDraft(composer).text;
    if (now !== wrong) return { ok: false, reason: 'mismatch', restored: false, text: now };
  }
  undoOnce(composer);
  const text = readDraft(composer).text;
  return { ok: false, reason: 'mismatch', restored: sameText(text, before), text };
}
