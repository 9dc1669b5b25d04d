/**
 * Standalone test page for the inline coach: mounts one real editor (chosen by
 * <html data-editor>) and exposes its MODEL's text, so tests can check that a
 * rewrite reached the editor's state and not just its DOM.
 */
export type EditorKind =
  | 'ckeditor' | 'prosemirror' | 'quill' | 'froala' | 'plain' | 'textarea'
  /** Editors with their own undo history, from their npm bundles (loaded as the apps load them, by <script>). */
  | 'tinymce-inline' | 'tinymce' | 'ckeditor4' | 'summernote'
  /** An editor nobody measured: a contenteditable whose page keeps its own history and handles Ctrl+Z itself. */
  | 'own-history'
  /** An editor nobody measured that renders from its model later, as React editors do: it takes the rewrite's beforeinput and paints it a few frames on. */
  | 'deferred'
  /** Editors Steady has no code for, from their npm packages: Lexical (vanilla, rich text + history), Trix, Slate (React, with history), Draft.js (React). */
  | 'lexical' | 'trix' | 'slate' | 'draftjs'
  /** Tiptap 3 (ProseMirror underneath, StarterKit with its undo history) and Jodit 4 (its own snapshot history), from their npm packages. */
  | 'tiptap' | 'jodit'
  /** A contenteditable and a textarea inside a web component's open shadow root, as design-system helpdesks render them. */
  | 'shadow-plain' | 'shadow-textarea';

export interface EditorTestApi {
  /** CSS selector of the element the coach attaches to (inside `frame` when set). */
  composer: string;
  /** CSS selector of the iframe that holds the composer's document. */
  frame?: string;
  /** The draft as the editor's own model holds it, blocks joined by "\n". */
  modelText(): string;
  /** The text the editor's own selection covers (what typing would replace). */
  selectedText(): string;
  /**
   * One step back in the editor's own history, for an editor whose Ctrl+Z does nothing on the test page
   * (an unlicensed Froala away from localhost ignores its undo key and command; its history still records).
   */
  undo?(): void;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- the editors' globals come untyped from their script bundles */
declare global {
  interface Window {
    __editor?: EditorTestApi;
    __editorError?: string;
    tinymce?: any;
    CKEDITOR?: any;
    jQuery?: any;
  }
}

/** The page's selection, for editors whose selection is the browser's. */
const domSelectedText = () => document.getSelection()?.toString() ?? '';

/** A web component's open shadow root, styled from inside (the page's styles do not reach it). */
function shadowBox(): ShadowRoot {
  const host = document.createElement('reply-box');
  host.style.display = 'block';
  mount.appendChild(host);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = '.plain, textarea { display: block; width: 600px; min-height: 120px; border: 1px solid #999; padding: 8px; font: 15px/1.5 sans-serif; }';
  shadow.appendChild(style);
  return shadow;
}

/**
 * A Gmail-style contenteditable in `parent`: the browser's own editing. Chromium makes lines <div>s, or
 * <br>s where the box's parent is a shadow root (no editable block to split).
 */
function plainBox(parent: Node, selectedText: () => string): EditorTestApi {
  const box = document.createElement('div');
  box.contentEditable = 'true';
  box.setAttribute('role', 'textbox');
  box.className = 'plain';
  parent.appendChild(box);
  return {
    composer: '.plain',
    // Chromium's shape: the first line as bare text, each further line a <div> (an empty one holds a <br>),
    // or lines split by <br>s (the last <br> only holds an empty last line open).
    modelText: () => {
      const lines = [''];
      for (const node of box.childNodes) {
        if (node.nodeName === 'DIV') lines.push(node.textContent ?? '');
        else if (node.nodeName === 'BR') {
          if (node !== box.lastChild) lines.push('');
        } else lines[lines.length - 1] += node.textContent ?? '';
      }
      return (lines[0] === '' && lines.length > 1 ? lines.slice(1) : lines).join('\n');
    },
    selectedText,
  };
}

function textareaBox(parent: Node): EditorTestApi {
  const area = document.createElement('textarea');
  area.rows = 4;
  parent.appendChild(area);
  return { composer: 'textarea', modelText: () => area.value, selectedText: () => area.value.slice(area.selectionStart, area.selectionEnd) };
}

/** Lines of an editor's HTML as its model holds them: one per block, <br> as a line break. */
function htmlLines(html: string): string {
  const holder = document.createElement('div');
  holder.innerHTML = html;
  const blocks = holder.querySelectorAll('p, div, li');
  const read = (el: Element) => [...el.childNodes].map((n) => (n.nodeName === 'BR' ? '\n' : (n.textContent ?? ''))).join('').replace(/\n$/, '');
  const lines = blocks.length ? [...blocks].map(read) : [read(holder)];
  return lines.join('\n').replace(/[\u200b\ufeff]/g, '').replace(/\u00a0/g, ' ');
}

/** A ProseMirror document's model text (one line per block) and selected text; Tiptap's state is the same kind. */
function proseMirrorModel(state: () => import('prosemirror-state').EditorState): Pick<EditorTestApi, 'modelText' | 'selectedText'> {
  return {
    modelText: () => {
      const lines: string[] = [];
      state().doc.forEach((block) => lines.push(block.textContent));
      return lines.join('\n');
    },
    selectedText: () => state().doc.textBetween(state().selection.from, state().selection.to),
  };
}

function waitFor<T>(start: (done: (value: T) => void) => void): Promise<T> {
  return new Promise((resolve) => start(resolve));
}

const mount = document.getElementById('mount')!;

async function mountEditor(kind: EditorKind): Promise<EditorTestApi> {
  if (kind === 'ckeditor') {
    const { ClassicEditor, Essentials, Paragraph, Bold, Italic } = await import('ckeditor5');
    const editor = await ClassicEditor.create(mount, { licenseKey: 'GPL', plugins: [Essentials, Paragraph, Bold, Italic], toolbar: ['bold', 'italic', 'undo', 'redo'] });
    const root = editor.model.document.getRoot()!;
    return {
      composer: '.ck-editor__editable',
      modelText: () =>
        [...root.getChildren()]
          .map((block) => [...(block as import('ckeditor5').ModelElement).getChildren()].map((n) => (n.is('$text') ? n.data : '')).join(''))
          .join('\n'),
      selectedText: () => [...editor.model.document.selection.getFirstRange()!.getItems()].map((n) => (n.is('$textProxy') ? n.data : '')).join(''),
    };
  }
  if (kind === 'prosemirror') {
    const { EditorState } = await import('prosemirror-state');
    const { EditorView } = await import('prosemirror-view');
    const { schema } = await import('prosemirror-schema-basic');
    const { exampleSetup } = await import('prosemirror-example-setup');
    const view = new EditorView(mount, { state: EditorState.create({ schema, plugins: exampleSetup({ schema, menuBar: false }) }) });
    return { composer: '.ProseMirror', ...proseMirrorModel(() => view.state) };
  }
  if (kind === 'quill') {
    const { default: Quill } = await import('quill');
    const quill = new Quill(mount, { theme: 'snow' });
    // Quill's model always ends with one "\n".
    return {
      composer: '.ql-editor',
      modelText: () => quill.getText().replace(/\n$/, ''),
      selectedText: () => {
        const range = quill.getSelection();
        return range ? quill.getText(range.index, range.length) : '';
      },
    };
  }
  if (kind === 'froala') {
    const { default: FroalaEditor } = await import('froala-editor');
    const editor = await new Promise<{ el: HTMLElement; html: { get(): string }; selection: { text(): string }; undo: { run(): void } }>((resolve) => {
      const instance = new FroalaEditor(mount, { events: { initialized: () => resolve(instance) } });
    });
    return {
      composer: '.fr-element',
      modelText: () => {
        const holder = document.createElement('div');
        holder.innerHTML = editor.html.get();
        // An unlicensed copy adds its attribution ("Powered by Froala Editor") to its output; the agent never wrote it.
        holder.querySelector('[data-f-id="pbf"]')?.remove();
        return [...holder.children].map((p) => (p.textContent ?? '').replace(/\u200b/g, '')).join('\n');
      },
      selectedText: () => editor.selection.text(),
      undo: () => editor.undo.run(),
    };
  }
  if (kind === 'tinymce-inline' || kind === 'tinymce') {
    const inline = kind === 'tinymce-inline';
    const target = document.createElement('div');
    target.id = 'tiny';
    mount.appendChild(target);
    const [editor] = await window.tinymce.init({
      target, inline, license_key: 'gpl', base_url: '/node_modules/tinymce', suffix: '.min', menubar: false, plugins: [], toolbar: 'undo redo bold italic',
      promotion: false, branding: false, statusbar: false, height: 220,
    });
    return {
      composer: inline ? '#tiny' : '#tinymce',
      ...(inline ? {} : { frame: '.tox-edit-area iframe' }),
      modelText: () => htmlLines(editor.getContent()),
      selectedText: () => editor.selection.getContent({ format: 'text' }),
    };
  }
  if (kind === 'ckeditor4') {
    const area = document.createElement('textarea');
    area.id = 'cke4';
    mount.appendChild(area);
    window.CKEDITOR.basePath = '/node_modules/ckeditor4/';
    const editor = await waitFor<any>((done) => {
      const instance = window.CKEDITOR.replace(area, { versionCheck: false, height: 220, removePlugins: 'elementspath,exportpdf' });
      instance.on('instanceReady', () => done(instance));
    });
    return { composer: 'body.cke_editable', frame: 'iframe.cke_wysiwyg_frame', modelText: () => htmlLines(editor.getData()), selectedText: () => editor.getSelectedHtml(true) ?? '' };
  }
  if (kind === 'summernote') {
    // FreeScout's reply editor: Summernote over a hidden textarea, jQuery-driven.
    const area = document.createElement('textarea');
    area.id = 'note';
    mount.appendChild(area);
    const $ = window.jQuery;
    $(area).summernote({ height: 200, toolbar: [['style', ['bold', 'italic']]] });
    return { composer: '.note-editable', modelText: () => htmlLines($(area).summernote('code')), selectedText: domSelectedText };
  }
  if (kind === 'deferred') {
    const box = document.createElement('div');
    box.contentEditable = 'true';
    box.className = 'plain deferred';
    mount.appendChild(box);
    box.addEventListener('beforeinput', (e) => {
      if (e.inputType !== 'insertReplacementText') return;
      e.preventDefault();
      const [target] = e.getTargetRanges();
      const text = e.dataTransfer?.getData('text/plain') ?? e.data ?? '';
      // A render scheduled for later, as React schedules one.
      setTimeout(() => requestAnimationFrame(() => {
        const range = document.createRange();
        range.setStart(target.startContainer, target.startOffset);
        range.setEnd(target.endContainer, target.endOffset);
        range.deleteContents();
        const node = document.createTextNode(text);
        range.insertNode(node);
        document.getSelection()!.setBaseAndExtent(node, text.length, node, text.length);
        box.normalize();
      }), 40);
    });
    return { composer: '.deferred', modelText: () => (box.textContent ?? '').replace(/\u00a0/g, ' '), selectedText: domSelectedText };
  }
  if (kind === 'lexical') {
    const { createEditor, $getRoot, $getSelection } = await import('lexical');
    const { registerRichText, HeadingNode, QuoteNode } = await import('@lexical/rich-text');
    const { registerHistory, createEmptyHistoryState } = await import('@lexical/history');
    const box = document.createElement('div');
    box.contentEditable = 'true';
    box.className = 'plain lexical';
    mount.appendChild(box);
    const editor = createEditor({ namespace: 'steady-test', nodes: [HeadingNode, QuoteNode], onError: (e) => { window.__editorError = e.message; } });
    editor.setRootElement(box);
    registerRichText(editor);
    registerHistory(editor, createEmptyHistoryState(), 1000);
    const read = <T>(fn: () => T) => editor.getEditorState().read(fn);
    return {
      composer: '.lexical',
      // Paragraphs as lines ($getRoot().getTextContent() puts a blank line between them).
      modelText: () => read(() => $getRoot().getChildren().map((block) => block.getTextContent()).join('\n')),
      selectedText: () => read(() => $getSelection()?.getTextContent() ?? ''),
    };
  }
  if (kind === 'trix') {
    // @ts-expect-error -- Trix ships no type declarations
    await import('trix');
    const element = document.createElement('trix-editor') as HTMLElement & { editor: any };
    mount.appendChild(element);
    await waitFor((done) => element.addEventListener('trix-initialize', () => done(undefined), { once: true }));
    // Trix's document ends every block with "\n".
    const text = () => String(element.editor.getDocument().toString()).replace(/\n$/, '');
    return {
      composer: 'trix-editor',
      modelText: text,
      selectedText: () => {
        const [start, end] = element.editor.getSelectedRange();
        return text().slice(start, end);
      },
    };
  }
  if (kind === 'slate') {
    // CommonJS packages: their exports come as the module's default.
    const { createElement } = (await import('react')).default;
    const { createRoot } = (await import('react-dom/client')).default;
    const { createEditor, Editor, Node } = await import('slate');
    const { Slate, Editable, withReact } = await import('slate-react');
    const { withHistory } = await import('slate-history');
    const editor = withHistory(withReact(createEditor()));
    const holder = document.createElement('div');
    mount.appendChild(holder);
    const initialValue = [{ children: [{ text: '' }] }] as import('slate').Descendant[];
    createRoot(holder).render(createElement(Slate, { editor, initialValue, children: createElement(Editable, { className: 'plain slate' }) }));
    await waitFor((done) => {
      const check = () => (holder.querySelector('[data-slate-editor]') ? done(undefined) : requestAnimationFrame(check));
      check();
    });
    return {
      composer: '.slate',
      modelText: () => editor.children.map((block) => Node.string(block)).join('\n'),
      selectedText: () => (editor.selection ? Editor.string(editor, editor.selection) : ''),
    };
  }
  if (kind === 'draftjs') {
    // Draft.js's dependencies (fbjs) read Node's `global`, which bundlers of Draft.js apps provide.
    (globalThis as { global?: typeof globalThis }).global ??= globalThis;
    // CommonJS packages: their exports come as the module's default.
    const { createElement, useState } = (await import('react')).default;
    const { createRoot } = (await import('react-dom/client')).default;
    const { Editor, EditorState } = (await import('draft-js')).default;
    type DraftState = import('draft-js').EditorState;
    // The state the editor last rendered, read by the test API.
    let state: DraftState = EditorState.createEmpty();
    const Composer = () => {
      const [editorState, setEditorState] = useState(state);
      state = editorState;
      return createElement(Editor, { editorState, onChange: setEditorState });
    };
    const holder = document.createElement('div');
    holder.className = 'plain draftjs';
    mount.appendChild(holder);
    createRoot(holder).render(createElement(Composer));
    await waitFor((done) => {
      const check = () => (holder.querySelector('.public-DraftEditor-content') ? done(undefined) : requestAnimationFrame(check));
      check();
    });
    /** Where a (block, offset) point falls in the plain text: blocks joined by "\n", as getPlainText() joins them. */
    const plainOffset = (key: string, offset: number) => {
      let at = 0;
      for (const block of state.getCurrentContent().getBlocksAsArray()) {
        if (block.getKey() === key) return at + offset;
        at += block.getLength() + 1;
      }
      return at;
    };
    return {
      composer: '.draftjs .public-DraftEditor-content',
      modelText: () => state.getCurrentContent().getPlainText(),
      selectedText: () => {
        const selection = state.getSelection();
        const [a, b] = [plainOffset(selection.getStartKey(), selection.getStartOffset()), plainOffset(selection.getEndKey(), selection.getEndOffset())];
        return state.getCurrentContent().getPlainText().slice(a, b);
      },
    };
  }
  if (kind === 'tiptap') {
    const { Editor } = await import('@tiptap/core');
    const { default: StarterKit } = await import('@tiptap/starter-kit');
    const editor = new Editor({ element: mount, extensions: [StarterKit] });
    // Tiptap is a ProseMirror view: its model is read the same way.
    return { composer: '.tiptap', ...proseMirrorModel(() => editor.state) };
  }
  if (kind === 'jodit') {
    const { Jodit } = await import('jodit');
    const area = document.createElement('textarea');
    mount.appendChild(area);
    const editor = Jodit.make(area, { height: 240, toolbarAdaptive: false, buttons: ['bold', 'italic', 'undo', 'redo'], showCharsCounter: false, showWordsCounter: false, showXPathInStatusbar: false });
    await editor.waitForReady();
    return {
      composer: '.jodit-wysiwyg',
      modelText: () => htmlLines(editor.value),
      selectedText: () => editor.s.sel?.toString() ?? '',
    };
  }
  if (kind === 'own-history') {
    const box = document.createElement('div');
    box.contentEditable = 'true';
    box.className = 'plain own-history';
    mount.appendChild(box);
    // Snapshots at each space, as simple in-house editors do; Ctrl+Z goes back one, never the browser's undo.
    const history: string[] = [''];
    box.addEventListener('keydown', (e) => {
      if (e.key === ' ') history.push(box.textContent ?? '');
      if ((e.ctrlKey || e.metaKey) && e.key === 'z') {
        e.preventDefault();
        box.textContent = history.length > 1 ? history.pop()! : history[0];
      }
    });
    return { composer: '.own-history', modelText: () => (box.textContent ?? '').replace(/\u00a0/g, ' '), selectedText: domSelectedText };
  }
  if (kind === 'plain') return plainBox(mount, domSelectedText);
  if (kind === 'shadow-plain') {
    const shadow = shadowBox();
    // Chromium's ShadowRoot.getSelection(): the document's selection names only the host.
    return plainBox(shadow, () => (shadow as ShadowRoot & { getSelection(): Selection | null }).getSelection()?.toString() ?? '');
  }
  if (kind === 'shadow-textarea') return textareaBox(shadowBox());
  return textareaBox(mount);
}

mountEditor(document.documentElement.dataset.editor as EditorKind).then(
  (api) => (window.__editor = api),
  (e: Error) => (window.__editorError = e.message),
);
