// @vitest-environment happy-dom
/**
 * Which editors the agent is warned about before applying a rewrite: every
 * editor kind falls into "one Ctrl+Z proven to restore the draft" or "warned".
 */
import { describe, expect, it } from 'vitest';
import { undoIsSafe, type UndoObserved } from '../../lib/editor/undo';
import { editorKindOf } from '../../lib/editor/kind';
import { undoFilingDelay } from '../../lib/editor/history';
import type { EditorKind } from '../../lib/ticket';

const NOTHING_SEEN: UndoObserved = { pageHandledUndo: false, nativeUndoWorked: false };
const PAGE_TOOK_CTRL_Z: UndoObserved = { pageHandledUndo: true, nativeUndoWorked: false };
const BROWSER_UNDID: UndoObserved = { pageHandledUndo: false, nativeUndoWorked: true };
const BOTH: UndoObserved = { pageHandledUndo: true, nativeUndoWorked: true };

/** Editor → safe when nothing was seen, after the page took Ctrl+Z, after the browser's undo worked, after both. */
const TABLE: [EditorKind, boolean, boolean, boolean, boolean][] = [
  // Undo of a rewrite proven in e2e, whatever the page does with the key.
  ['ckeditor5', true, true, true, true],
  ['prosemirror', true, true, true, true],
  ['quill', true, true, true, true],
  ['froala', true, true, true, true],
  ['tinymce', true, true, true, true],
  ['ckeditor4', true, true, true, true],
  ['summernote', true, true, true, true],
  ['lexical', true, true, true, true],
  ['trix', true, true, true, true],
  ['slate', true, true, true, true],
  ['draft-js', true, true, true, true],
  ['tiptap', true, true, true, true],
  ['jodit', true, true, true, true],
  // The browser's undo, proven, unless the page takes Ctrl+Z over.
  ['textarea', true, false, true, false],
  // A contenteditable may keep a history of its own: vouched for only once the browser's undo was seen working.
  ['contenteditable', false, false, true, false],
];

describe('undoIsSafe', () => {
  it.each(TABLE)('%s: nothing seen %s, page took Ctrl+Z %s, browser undo seen %s, both %s', (editor, nothing, page, browser, both) => {
    expect(undoIsSafe(editor, NOTHING_SEEN)).toBe(nothing);
    expect(undoIsSafe(editor, PAGE_TOOK_CTRL_Z)).toBe(page);
    expect(undoIsSafe(editor, BROWSER_UNDID)).toBe(browser);
    expect(undoIsSafe(editor, BOTH)).toBe(both);
  });
});

describe('editorKindOf', () => {
  const kindOf = (html: string) => {
    document.body.innerHTML = html;
    return editorKindOf(document.querySelector('#composer')!);
  };

  it.each([
    ['<textarea id="composer"></textarea>', 'textarea'],
    ['<input id="composer">', 'textarea'],
    ['<div id="composer" contenteditable="true"></div>', 'contenteditable'],
    ['<div id="composer" class="ProseMirror" contenteditable="true"></div>', 'prosemirror'],
    ['<div id="composer" class="ck ck-editor__editable" contenteditable="true"></div>', 'ckeditor5'],
    ['<div id="composer" class="ql-editor" contenteditable="true"></div>', 'quill'],
    ['<div id="composer" class="fr-element fr-view" contenteditable="true"></div>', 'froala'],
    ['<div id="composer" class="mce-content-body" contenteditable="true"></div>', 'tinymce'],
    ['<div id="composer" class="cke_editable cke_editable_inline" contenteditable="true"></div>', 'ckeditor4'],
    ['<div id="composer" class="note-editable" contenteditable="true"></div>', 'summernote'],
    ['<div id="composer" data-slate-editor="true" contenteditable="true"></div>', 'slate'],
    ['<div id="composer" data-lexical-editor="true" contenteditable="true"></div>', 'lexical'],
    ['<div class="DraftEditor-root"><div id="composer" class="public-DraftEditor-content" contenteditable="true"><div data-contents="true"></div></div></div>', 'draft-js'],
    ['<trix-editor id="composer" contenteditable="true"></trix-editor>', 'trix'],
    ['<div id="composer" class="tiptap ProseMirror" contenteditable="true"></div>', 'tiptap'],
    // Another app's class named "tiptap" on a plain editable does not make it Tiptap's.
    ['<div id="composer" class="tiptap" contenteditable="true"></div>', 'contenteditable'],
    ['<div class="jodit-workplace"><div id="composer" class="jodit-wysiwyg" contenteditable="true"></div></div>', 'jodit'],
  ] as const)('%s is %s', (html, kind) => {
    expect(kindOf(html)).toBe(kind);
  });
});

describe('undoFilingDelay', () => {
  it.each([
    ['<div id="composer" class="jodit-wysiwyg" contenteditable="true"></div>', 400],
    ['<div id="composer" class="tiptap ProseMirror" contenteditable="true"></div>', 0],
    ['<div id="composer" class="note-editable" contenteditable="true"></div>', 0],
    ['<div id="composer" contenteditable="true"></div>', 0],
  ] as const)('%s files an edit as an undo step after %i ms at most', (html, ms) => {
    document.body.innerHTML = html;
    expect(undoFilingDelay(document.querySelector('#composer')!)).toBe(ms);
  });
});
