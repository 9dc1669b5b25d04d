// @vitest-environment happy-dom
/**
 * applyRewrite on a textarea and a contenteditable. happy-dom has no editing
 * commands, so `document.execCommand` is given the browser's behaviour for
 * the two it uses (insertText replaces the selection, undo restores the text
 * before the last insert); `misbehave` makes that "browser" drop or double an edit.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyRewrite } from '../../lib/editor/apply';
import { readDraft, type Composer } from '../../lib/editor/text-map';

type Misbehave = 'none' | 'drop' | 'double' | 'refuse';
let misbehave: Misbehave = 'none';
let undoStack: { el: Composer; html: string; value: string }[] = [];

function insertText(text: string): boolean {
  if (misbehave === 'refuse') return false;
  const el = document.activeElement as Composer;
  undoStack.push({ el, html: el.innerHTML, value: (el as HTMLTextAreaElement).value ?? '' });
  if (misbehave === 'drop') return true;
  const inserted = misbehave === 'double' ? text + text : text;
  if (el instanceof HTMLTextAreaElement) {
    el.setRangeText(inserted, el.selectionStart, el.selectionEnd, 'end');
  } else {
    const range = window.getSelection()!.getRangeAt(0);
    range.deleteContents();
    const node = document.createTextNode(inserted);
    range.insertNode(node);
    el.normalize();
    const draft = readDraft(el);
    const caret = draft.text.indexOf(inserted) + inserted.length;
    draft.select(caret, caret);
  }
  el.dispatchEvent(new InputEvent('input', { inputType: 'insertText', data: inserted, bubbles: true }));
  return true;
}

beforeEach(() => {
  misbehave = 'none';
  undoStack = [];
  (globalThis as { StaticRange?: unknown }).StaticRange ??= class {
    constructor(readonly init: StaticRangeInit) {}
  };
  (window as unknown as { StaticRange: unknown }).StaticRange ??= (globalThis as { StaticRange?: unknown }).StaticRange;
  document.execCommand = (command: string, _ui?: boolean, value?: string) => {
    if (command === 'insertText') return insertText(value ?? '');
    if (command === 'undo') {
      const last = undoStack.pop();
      if (!last) return false;
      if (last.el instanceof HTMLTextAreaElement) last.el.value = last.value;
      else last.el.innerHTML = last.html;
      return true;
    }
    return false;
  };
});
afterEach(() => document.body.replaceChildren());

const DRAFT = 'Hi Dana, please calm down. I will check the order today.';
const target = { start: 16, end: 25, phrase: 'calm down' };
const REWRITE = 'bear with me';
const AFTER = 'Hi Dana, please bear with me. I will check the order today.';

function textarea(value = DRAFT): HTMLTextAreaElement {
  const el = document.createElement('textarea');
  el.value = value;
  document.body.replaceChildren(el);
  return el;
}

function editable(html = `<p>${DRAFT}</p>`): HTMLElement {
  const el = document.createElement('div');
  el.contentEditable = 'true';
  el.innerHTML = html;
  document.body.replaceChildren(el);
  return el;
}

describe.each([
  ['textarea', () => textarea(), (el: Composer) => (el as HTMLTextAreaElement).value],
  ['contenteditable', () => editable(), (el: Composer) => el.textContent],
])('applyRewrite on a %s', (_kind, make, shown) => {
  it('replaces the phrase with the rewrite, reports where, and leaves the caret after it', async () => {
    const el = make();
    const result = await applyRewrite(el, target, REWRITE);
    expect(result).toEqual({ ok: true, start: 16, end: 16 + REWRITE.length, text: AFTER });
    expect(shown(el)).toBe(AFTER);
    expect(readDraft(el).selection()).toEqual({ start: 16 + REWRITE.length, end: 16 + REWRITE.length });
  });

  it('finds the phrase again after the agent typed before it', async () => {
    const el = make();
    const typed = 'Thanks. ';
    if (el instanceof HTMLTextAreaElement) el.value = typed + DRAFT;
    else el.innerHTML = `<p>${typed}${DRAFT}</p>`;
    const result = await applyRewrite(el, target, REWRITE);
    expect(result).toEqual({ ok: true, start: 16 + typed.length, end: 16 + typed.length + REWRITE.length, text: typed + AFTER });
  });

  it('keeps the caret where the agent had it, shifted by the rewrite, with keepCaret', async () => {
    const el = make();
    const end = DRAFT.length;
    readDraft(el).select(end, end);
    const result = await applyRewrite(el, target, REWRITE, { keepCaret: true });
    expect(result.ok).toBe(true);
    const shifted = end + REWRITE.length - target.phrase.length;
    expect(readDraft(el).selection()).toEqual({ start: shifted, end: shifted });
  });

  it('changes nothing and says phrase-gone when the phrase was edited away', async () => {
    const el = make();
    const result = await applyRewrite(el, { ...target, phrase: 'settle down' }, REWRITE);
    expect(result).toEqual({ ok: false, reason: 'phrase-gone', text: DRAFT });
    expect(shown(el)).toBe(DRAFT);
  });

  it('says not-applied when the editor takes no edit', async () => {
    const el = make();
    misbehave = 'refuse';
    expect(await applyRewrite(el, target, REWRITE)).toEqual({ ok: false, reason: 'not-applied', text: DRAFT });
    expect(shown(el)).toBe(DRAFT);
  });

  it('says not-applied when the editor claims the edit but the text never changes', async () => {
    const el = make();
    misbehave = 'drop';
    expect(await applyRewrite(el, target, REWRITE)).toEqual({ ok: false, reason: 'not-applied', text: DRAFT });
  });

  it("undoes a wrong edit through the editor's undo and says mismatch, restored", async () => {
    const el = make();
    misbehave = 'double';
    expect(await applyRewrite(el, target, REWRITE)).toEqual({ ok: false, reason: 'mismatch', restored: true, text: DRAFT });
    expect(shown(el)).toBe(DRAFT);
  });

  it('says mismatch, not restored, when the undo does not bring the text back', async () => {
    const el = make();
    misbehave = 'double';
    const undo = document.execCommand;
    document.execCommand = (command, ui, value) => (command === 'undo' ? false : undo(command, ui, value));
    const result = await applyRewrite(el, target, REWRITE);
    expect(result).toMatchObject({ ok: false, reason: 'mismatch', restored: false });
    expect(result.text).not.toBe(DRAFT);
  });

  it('inserts at a caret (empty phrase) only while the draft is unchanged', async () => {
    const el = make();
    const at = DRAFT.length;
    expect(await applyRewrite(el, { start: at, end: at, phrase: '' }, ' Thanks!')).toEqual({ ok: true, start: at, end: at + 8, text: `${DRAFT} Thanks!` });
  });
});

describe('applyRewrite through the editor model', () => {
  it('lets an editor that handles beforeinput insertReplacementText make the edit, and reads it back', async () => {
    const el = editable();
    const seen: string[] = [];
    el.addEventListener('beforeinput', (e) => {
      const event = e as InputEvent;
      seen.push(`${event.inputType}:${event.data}`);
      event.preventDefault();
      const p = el.querySelector('p')!;
      p.textContent = p.textContent!.replace('calm down', event.data!);
    });
    misbehave = 'refuse';
    expect(await applyRewrite(el, target, REWRITE)).toEqual({ ok: true, start: 16, end: 16 + REWRITE.length, text: AFTER });
    expect(seen).toEqual([`insertReplacementText:${REWRITE}`]);
  });
});
