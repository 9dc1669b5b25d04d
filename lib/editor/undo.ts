/**
 * Whether one Ctrl+Z is known to take back exactly a rewrite, the agent's
 * text before it intact: decided before the card offers a rewrite, so the
 * agent is warned before applying, never after losing words. Pure.
 */
import type { EditorKind } from '../ticket';

/** What the coach saw the agent's own Ctrl+Z do in this composer. */
export interface UndoObserved {
  /** The page took a Ctrl+Z itself (cancelled the key or the browser's undo): its own history, not the browser's. */
  pageHandledUndo: boolean;
  /** The browser's own undo ran on a Ctrl+Z (a trusted historyUndo input): nothing on the page stands in its way. */
  nativeUndoWorked: boolean;
}

/**
 * Editors whose undo of a rewrite is proven in e2e (one Ctrl+Z restores the
 * exact draft): they take the edit into their own history (CKEditor 5, Quill,
 * ProseMirror and Tiptap, Froala, Lexical, Trix, Slate, Draft.js; TinyMCE, CKEditor 4 and
 * Summernote through the steps history.ts makes them record; Jodit with the
 * agent's Ctrl+Z held until it filed the step), whatever the page does with the key.
 */
const PROVEN: ReadonlySet<EditorKind> = new Set<EditorKind>([
  'ckeditor5', 'prosemirror', 'tiptap', 'quill', 'froala', 'tinymce', 'ckeditor4', 'summernote', 'lexical', 'trix', 'slate', 'draft-js', 'jodit',
]);

export function undoIsSafe(editor: EditorKind, observed: UndoObserved): boolean {
  if (PROVEN.has(editor)) return true;
  // The browser's undo of a text field is proven, unless the page takes Ctrl+Z over.
  if (editor === 'textarea') return !observed.pageHandledUndo;
  // A plain contenteditable may hide a history of its own (an in-house editor): only the browser's undo seen working vouches for it.
  if (editor === 'contenteditable') return observed.nativeUndoWorked && !observed.pageHandledUndo;
  // An editor kind whose undo nobody measured yet.
  return false;
}

export const UNDO_WARNING = 'Undo may not restore this rewrite here.';
