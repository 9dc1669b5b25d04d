/**
 * Editors that keep their own undo history and never see an edit made
 * through the browser (execCommand): each records a step only on certain
 * events. Dispatching such an event right before and right after a rewrite
 * makes the rewrite exactly one step of their history, with the agent's last
 * words kept in the step before it. DOM events cross from a content script's
 * world into the page's; the editors' JavaScript APIs do not. Measured in
 * Chromium against the npm bundles (tests/e2e/editor-history.e2e.ts).
 */
import type { Composer } from './text-map';
import type { EditorKind } from '../ticket';
import { editorKindOf } from './kind';

export interface OwnHistory {
  /** The editor, for messages. */
  name: string;
  /** Makes the editor record a history step of the draft as it is now. */
  record(composer: Composer): void;
}

const OWN_HISTORIES: readonly (OwnHistory & { kind: EditorKind })[] = [
  {
    // TinyMCE 5–8, inline and classic (iframe body): an `input` of type insertReplacementText adds an undo level (its spell-check path).
    name: 'TinyMCE',
    kind: 'tinymce',
    record: (composer) => {
      const win = composer.ownerDocument.defaultView!;
      composer.dispatchEvent(new win.InputEvent('input', { inputType: 'insertReplacementText', bubbles: true }));
    },
  },
  {
    // CKEditor 4: a click (on the editable inline, on the iframe's document in classic mode) saves a snapshot if the content changed.
    name: 'CKEditor 4',
    kind: 'ckeditor4',
    record: (composer) => {
      const doc = composer.ownerDocument;
      const target = composer.classList.contains('cke_editable_inline') ? composer : doc.documentElement;
      target.dispatchEvent(new doc.defaultView!.MouseEvent('click', { bubbles: true, cancelable: true }));
    },
  },
  {
    // Summernote (0.8–0.9): a keydown of an editing key (Space) records a snapshot; the synthetic key inserts nothing.
    name: 'Summernote',
    kind: 'summernote',
    record: (composer) => {
      const win = composer.ownerDocument.defaultView!;
      composer.dispatchEvent(new win.KeyboardEvent('keydown', { key: ' ', code: 'Space', keyCode: 32, which: 32, bubbles: true, cancelable: true } as KeyboardEventInit));
    },
  },
];

/**
 * Editors that file an edit in their history only a while after it: Jodit syncs its value at most every 100 ms
 * (throttled) and files the change 100 ms after that (debounced), up to ~200 ms in all, later on a loaded machine.
 * A Ctrl+Z before that goes back to the step before the edit: the rewrite goes, and the agent's last keys with it
 * (measured: "Thanks. Please calm down" + rewrite, Ctrl+Z at once -> "Thanks. Please calm dow"). So the coach
 * holds the agent's Ctrl+Z until then (tests/e2e/editor-coach.e2e.ts, editor-isolated-world.e2e.ts).
 */
const LATE_FILING_MS: readonly [kind: EditorKind, ms: number][] = [['jodit', 400]];

/** How long after an edit this composer's editor may still not have filed it as an undo step (0: at once). */
export function undoFilingDelay(composer: Composer): number {
  const kind = editorKindOf(composer);
  return LATE_FILING_MS.find(([k]) => k === kind)?.[1] ?? 0;
}

export function historyOf(composer: Composer): OwnHistory | null {
  const kind = editorKindOf(composer);
  return OWN_HISTORIES.find((h) => h.kind === kind) ?? null;
}

const isMac = (win: Window) => /Mac|iPhone|iPad/.test(win.navigator.platform);

/**
 * One step of the editor's own undo: the Ctrl+Z (Cmd+Z) it listens for, and
 * the browser's undo where no script took the key (textarea, plain contenteditable).
 */
export function undoOnce(composer: Composer): void {
  const doc = composer.ownerDocument;
  const win = doc.defaultView!;
  const mac = isMac(win);
  const key = new win.KeyboardEvent('keydown', {
    key: 'z', code: 'KeyZ', keyCode: 90, which: 90, ctrlKey: !mac, metaKey: mac, bubbles: true, cancelable: true, composed: true,
  } as KeyboardEventInit);
  if (composer.dispatchEvent(key)) doc.execCommand('undo');
}

export function isUndoKey(e: KeyboardEvent, win: Window): boolean {
  return (isMac(win) ? e.metaKey : e.ctrlKey) && !e.altKey && !e.shiftKey && (e.key === 'z' || e.key === 'Z' || e.code === 'KeyZ');
}
