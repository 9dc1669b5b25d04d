/** Which editor library owns a composer, from the markers each one puts on its editable (see helpdesks.md, "Telling editors apart"). */
import type { EditorKind } from '../ticket';

const MARKERS: readonly [selector: string, kind: EditorKind][] = [
  // Tiptap 3 marks its ProseMirror editable with its own class too: looked for before ProseMirror's.
  ['.tiptap.ProseMirror', 'tiptap'],
  ['.ProseMirror', 'prosemirror'],
  ['.ck-editor__editable', 'ckeditor5'],
  ['.ql-editor', 'quill'],
  ['.fr-element', 'froala'],
  // Inline on the editable, classic on the body of the editor's iframe.
  ['.mce-content-body', 'tinymce'],
  ['.cke_editable', 'ckeditor4'],
  ['.note-editable', 'summernote'],
  ['[data-slate-editor]', 'slate'],
  ['[data-lexical-editor]', 'lexical'],
  ['.DraftEditor-root, .public-DraftEditor-content', 'draft-js'],
  ['trix-editor', 'trix'],
  // Inline on the editable, or on the body of its iframe (option `iframe`).
  ['.jodit-wysiwyg', 'jodit'],
];

export function editorKindOf(el: Element): EditorKind {
  if (el.tagName === 'TEXTAREA' || el.tagName === 'INPUT') return 'textarea';
  return MARKERS.find(([selector]) => el.closest(selector))?.[1] ?? 'contenteditable';
}
