// @vitest-environment happy-dom
/**
 * applyRewrite on a textarea and a contenteditable. happy-dom has no editing
 * commands, so `document.execCommand` is given the browser's behaviour for
 * the two it uses (insertText replaces the selection, undo restores the text
 * before the last insert); `misbehave` makes that "browser" drop or double an edit.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyRewrite, undoGroupingDelay } from '../../lib/editor/apply';
import { readDraft, type Composer } from '../../lib/editor/text-map';

/** `unfocused`: the page lost focus to another (the side panel), so the browser refuses edits until `window.focus()`. */
type Misbehave = 'none' | 'drop' | 'double' | 'refuse' | 'unfocused';
let misbehave: Misbehave = 'none';
let undoStack: { el: Composer; html: string; value: string }[] = [];

function insertText(text: string): boolean {
  if (misbehave === 'refuse' || misbehave === 'unfocused') return false;
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

  it('focuses the page and inserts once when the page had lost focus with the composer still active', async () => {
    const el = make();
    el.focus();
    misbehave = 'unfocused';
    const focusPage = window.focus;
    window.focus = () => {
      if (misbehave === 'unfocused') misbehave = 'none';
    };
    try {
      expect(await applyRewrite(el, target, REWRITE)).toEqual({ ok: true, start: 16, end: 16 + REWRITE.length, text: AFTER });
    } finally {
      window.focus = focusPage;
    }
    expect(shown(el)).toBe(AFTER);
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
  it('tells the editor the caret moved before an insertion at it (one character aside, then back), and selects only the phrase of a rewrite', async () => {
    const selections = async (at: { start: number; end: number; phrase: string }) => {
      const el = editable();
      el.focus();
      const seen: { start: number; end: number }[] = [];
      const record = () => {
        const now = readDraft(el).selection();
        const last = seen[seen.length - 1];
        if (now && !(last && last.start === now.start && last.end === now.end)) seen.push(now);
      };
      document.addEventListener('selectionchange', record);
      try {
        expect((await applyRewrite(el, at, ' Thanks!')).ok).toBe(true);
      } finally {
        document.removeEventListener('selectionchange', record);
      }
      return seen.slice(0, 2);
    };
    const end = DRAFT.length;
    expect(await selections({ start: end, end, phrase: '' })).toEqual([{ start: end - 1, end: end - 1 }, { start: end, end }]);
    expect(await selections({ start: 0, end: 0, phrase: '' })).toEqual([{ start: 1, end: 1 }, { start: 0, end: 0 }]);
    expect((await selections(target))[0]).toEqual({ start: 16, end: 25 });
  });

  it('selects the placeholder of a rewrite with selectPlaceholder, for the agent to type over', async () => {
    const el = editable();
    const rewrite = 'bear with me until [by when]';
    expect((await applyRewrite(el, target, rewrite, { selectPlaceholder: true })).ok).toBe(true);
    const slot = 16 + rewrite.indexOf('[');
    expect(readDraft(el).selection()).toEqual({ start: slot, end: slot + '[by when]'.length });
  });

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

describe('applyRewrite in Trix and Slate, which file an insertion at a caret under the typing before it', () => {
  /** A Trix (or Slate) composer that lets the browser edit, recording what each edit replaced and with what. */
  function trix(html: string, editor: 'trix' | 'slate' = 'trix') {
    const el = document.createElement(editor === 'trix' ? 'trix-editor' : 'div');
    if (editor === 'slate') el.dataset.slateEditor = 'true';
    el.contentEditable = 'true';
    el.innerHTML = html;
    document.body.replaceChildren(el);
    const edits: string[] = [];
    el.addEventListener('beforeinput', (e) => {
      const event = e as InputEvent;
      edits.push(`${JSON.stringify(readDraft(el).selection())} ${JSON.stringify(event.data)}`);
    });
    return { el, edits };
  }

  it('retypes the character before the caret with the line, so the insertion is an undo step of its own', async () => {
    const { el, edits } = trix(`<div>${DRAFT}</div>`);
    const end = DRAFT.length;
    expect(await applyRewrite(el, { start: end, end, phrase: '' }, ' Thanks!')).toEqual({ ok: true, start: end, end: end + 8, text: `${DRAFT} Thanks!` });
    expect(edits).toEqual([`{"start":${end - 1},"end":${end}} ". Thanks!"`]);
    expect(readDraft(el).selection()).toEqual({ start: end + 8, end: end + 8 });
  });

  it('does the same in Slate', async () => {
    const { el, edits } = trix(`<div>${DRAFT}</div>`, 'slate');
    const end = DRAFT.length;
    expect((await applyRewrite(el, { start: end, end, phrase: '' }, ' Thanks!')).text).toBe(`${DRAFT} Thanks!`);
    expect(edits).toEqual([`{"start":${end - 1},"end":${end}} ". Thanks!"`]);
  });

  it('retypes a whole emoji, never half of it', async () => {
    const { el, edits } = trix('<div>Done 👍</div>');
    expect((await applyRewrite(el, { start: 7, end: 7, phrase: '' }, ' Thanks!')).text).toBe('Done 👍 Thanks!');
    expect(edits).toEqual(['{"start":5,"end":7} "👍 Thanks!"']);
  });

  it('inserts plainly at the start of the draft and after a line break, and rewrites a phrase as it is', async () => {
    const start = trix(`<div>${DRAFT}</div>`);
    expect((await applyRewrite(start.el, { start: 0, end: 0, phrase: '' }, 'Hello. ')).text).toBe(`Hello. ${DRAFT}`);
    expect(start.edits).toEqual(['{"start":0,"end":0} "Hello. "']);
    const afterBreak = trix('<div>Hi Dana,<br>Thanks</div>');
    expect((await applyRewrite(afterBreak.el, { start: 9, end: 9, phrase: '' }, 'Sure. ')).text).toBe('Hi Dana,\nSure. Thanks');
    expect(afterBreak.edits).toEqual(['{"start":9,"end":9} "Sure. "']);
    const phrase = trix(`<div>${DRAFT}</div>`);
    expect((await applyRewrite(phrase.el, target, REWRITE)).text).toBe(AFTER);
    expect(phrase.edits).toEqual([`{"start":16,"end":25} "${REWRITE}"`]);
  });
});

describe('undoGroupingDelay: how long an editor still merges a change into the last undo step', () => {
  it.each([
    ['ProseMirror', 600],
    ['ql-editor', 1100],
    ['fr-element', 650],
    ['plain', 0],
  ])('.%s waits %i ms', (className, ms) => {
    const el = editable();
    el.className = className;
    expect(undoGroupingDelay(el)).toBe(ms);
  });
});

/** A key or click of the agent's own: the browser marks it trusted, which a script cannot. */
function agentEvent<E extends Event>(event: E): E {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}

/** An editor that takes the beforeinput and renders the edit from its model a while later (React, Slate). */
function lateEditor(render: (p: HTMLParagraphElement, data: string) => void = (p, data) => (p.textContent = p.textContent!.replace('calm down', data))): HTMLElement {
  const el = editable();
  el.addEventListener('beforeinput', (e) => {
    const data = (e as InputEvent).data!;
    e.preventDefault();
    setTimeout(() => render(el.querySelector('p')!, data), 50);
  });
  return el;
}

describe('applyRewrite around the agent', () => {
  it('says draft-changed for an insertion at a caret when the draft changed as the editor took focus', async () => {
    const el = textarea();
    el.blur();
    const at = DRAFT.length;
    setTimeout(() => (el.value = `${DRAFT} Ok`));
    expect(await applyRewrite(el, { start: at, end: at, phrase: '' }, ' Thanks!')).toEqual({ ok: false, reason: 'draft-changed', text: `${DRAFT} Ok` });
    expect(el.value).toBe(`${DRAFT} Ok`);
  });

  it.each(['textarea', 'contenteditable'])('%s: an insert the agent undoes at once with Ctrl+Z reports applied, not refused', async (kind) => {
    const el = kind === 'textarea' ? textarea() : editable();
    // Right after the line lands, the agent's Ctrl+Z takes it out again.
    el.addEventListener(
      'input',
      () =>
        setTimeout(() => {
          el.dispatchEvent(agentEvent(new KeyboardEvent('keydown', { key: 'z', code: 'KeyZ', ctrlKey: true, bubbles: true })));
          document.execCommand('undo');
        }),
      { once: true },
    );
    const at = DRAFT.length;
    expect(await applyRewrite(el, { start: at, end: at, phrase: '' }, ' Thanks!')).toEqual({ ok: true, start: at, end: at + 8, text: DRAFT });
    expect(readDraft(el).text).toBe(DRAFT);
  });

  it.each([
    ['before the phrase', 3, 3, 3, 3],
    ['at its start', 16, 16, 16, 16],
    ['inside it', 20, 20, 28, 28],
    ['at its end', 25, 25, 28, 28],
    ['further on', 30, 30, 33, 33],
    ['selecting from before into it', 10, 20, 10, 28],
    ['selecting from inside it on', 20, 30, 28, 33],
  ])('with keepCaret puts back a caret %s, shifted by the rewrite', async (_where, from, to, start, end) => {
    const el = editable();
    readDraft(el).select(from, to);
    expect(await applyRewrite(el, target, REWRITE, { keepCaret: true })).toMatchObject({ ok: true, text: AFTER });
    expect(readDraft(el).selection()).toEqual({ start, end });
  });

  it('leaves the phrase selected, not a caret after a rewrite that never landed, when the editor takes no edit', async () => {
    const el = editable();
    misbehave = 'drop';
    expect(await applyRewrite(el, target, REWRITE)).toMatchObject({ reason: 'not-applied' });
    expect(readDraft(el).selection()).toEqual({ start: 16, end: 25 });
  });

  it.each([
    ['collapses it to its start', (el: HTMLElement) => readDraft(el).select(16, 16)],
    ['collapses it to its end', (el: HTMLElement) => readDraft(el).select(25, 25)],
    ['moves it out of the draft', () => window.getSelection()!.setBaseAndExtent(document.body, 0, document.body, 0)],
  ])('changes nothing and says not-applied when the editor will not let the phrase be selected (it %s)', async (_how, reset) => {
    const el = editable();
    let resetting = false;
    const onSelectionChange = () => {
      if (resetting) return;
      resetting = true;
      reset(el);
      resetting = false;
    };
    document.addEventListener('selectionchange', onSelectionChange);
    try {
      expect(await applyRewrite(el, target, REWRITE)).toEqual({ ok: false, reason: 'not-applied', text: DRAFT });
      expect(el.textContent).toBe(DRAFT);
      expect(undoStack).toEqual([]);
    } finally {
      document.removeEventListener('selectionchange', onSelectionChange);
    }
  });
});

describe('applyRewrite with an editor that renders in a microtask (Lexical), in a tab that gets no frames', () => {
  const requestAnimationFrame = window.requestAnimationFrame;
  beforeEach(() => (window.requestAnimationFrame = () => 0));
  afterEach(() => (window.requestAnimationFrame = requestAnimationFrame));

  it("reports the line applied, not refused, when the agent's Ctrl+Z takes it out a moment after it rendered", async () => {
    const el = editable();
    el.addEventListener('beforeinput', (e) => {
      const data = (e as InputEvent).data!;
      e.preventDefault();
      queueMicrotask(() => {
        el.querySelector('p')!.textContent += data;
        setTimeout(() => {
          el.dispatchEvent(agentEvent(new KeyboardEvent('keydown', { key: 'z', code: 'KeyZ', ctrlKey: true, bubbles: true })));
          el.querySelector('p')!.textContent = DRAFT;
        }, 20);
      });
    });
    const at = DRAFT.length;
    expect(await applyRewrite(el, { start: at, end: at, phrase: '' }, ' Thanks!')).toEqual({ ok: true, start: at, end: at + 8, text: `${DRAFT} Thanks!` });
  });
});

describe('applyRewrite with an editor that renders from its model', () => {
  it('waits for the edit to render, then leaves the caret after the rewrite', async () => {
    const el = lateEditor();
    expect(await applyRewrite(el, target, REWRITE)).toEqual({ ok: true, start: 16, end: 16 + REWRITE.length, text: AFTER });
    expect(readDraft(el).selection()).toEqual({ start: 28, end: 28 });
  });

  it('leaves the caret where the agent clicked while the editor rendered', async () => {
    const el = lateEditor((p, data) => {
      p.textContent = p.textContent!.replace('calm down', data);
      document.dispatchEvent(agentEvent(new PointerEvent('pointerdown')));
      readDraft(el).select(0, 0);
    });
    expect(await applyRewrite(el, target, REWRITE)).toMatchObject({ ok: true, text: AFTER });
    expect(readDraft(el).selection()).toEqual({ start: 0, end: 0 });
  });

  it('accepts what the agent typed while the editor rendered, kept once next to the rewrite', async () => {
    const el = lateEditor((p, data) => {
      el.dispatchEvent(agentEvent(new KeyboardEvent('keydown', { key: '!', bubbles: true })));
      p.textContent = p.textContent!.replace('calm down', data) + ' Thanks!';
    });
    // Editors often keep their keys to themselves; the agent's key is still seen.
    el.addEventListener('keydown', (e) => e.stopPropagation());
    expect(await applyRewrite(el, target, REWRITE)).toEqual({ ok: true, start: 16, end: 28, text: `${AFTER} Thanks!` });
  });

  it('reports applied when the agent types into the page before the editor rendered the rewrite over it (Slate)', async () => {
    const el = editable();
    el.addEventListener('beforeinput', (e) => {
      e.preventDefault();
      const p = el.querySelector('p')!;
      // The agent's key, let through natively, lands on the phrase still selected in the stale page …
      setTimeout(() => {
        el.dispatchEvent(agentEvent(new KeyboardEvent('keydown', { key: 'Q', bubbles: true })));
        p.textContent = DRAFT.replace('calm down', 'Q');
      }, 10);
      // … and the render puts the page back to the editor's model: the rewrite, then the key at the model's caret.
      setTimeout(() => (p.textContent = AFTER.replace(REWRITE, `${REWRITE}Q`)), 50);
    });
    expect(await applyRewrite(el, target, REWRITE)).toEqual({ ok: true, start: 16, end: 28, text: AFTER.replace(REWRITE, `${REWRITE}Q`) });
  });

  it("says mismatch, not restored, and leaves the draft alone when the agent's typing and the rewrite collide", async () => {
    const el = lateEditor((p) => {
      el.dispatchEvent(agentEvent(new KeyboardEvent('keydown', { key: 'Backspace', bubbles: true })));
      p.textContent = 'Hi Dana, please';
    });
    let undoKeys = 0;
    el.addEventListener('keydown', (e) => {
      if ((e as KeyboardEvent).key === 'z') undoKeys++;
    });
    expect(await applyRewrite(el, target, REWRITE)).toEqual({ ok: false, reason: 'mismatch', restored: false, text: 'Hi Dana, please' });
    expect(el.textContent).toBe('Hi Dana, please');
    // An undo now would take the agent's own keys with it.
    expect(undoKeys).toBe(0);
  });

  it('undoes a wrong late edit made without the agent and says mismatch', async () => {
    const el = lateEditor((p, data) => (p.textContent = p.textContent!.replace('calm down', data + data)));
    let undoKeys = 0;
    el.addEventListener('keydown', (e) => {
      if ((e as KeyboardEvent).key === 'z') {
        undoKeys++;
        e.preventDefault();
        el.querySelector('p')!.textContent = DRAFT;
      }
    });
    expect(await applyRewrite(el, target, REWRITE)).toEqual({ ok: false, reason: 'mismatch', restored: true, text: DRAFT });
    expect(undoKeys).toBe(1);
  });

  it("does not take the page's own synthetic keys while the editor renders for the agent's typing", async () => {
    const el = lateEditor((p, data) => {
      el.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true }));
      p.textContent = p.textContent!.replace('calm down', data + data);
    });
    expect(await applyRewrite(el, target, REWRITE)).toMatchObject({ ok: false, reason: 'mismatch' });
  });

  it('hands the edit to an editor listening above the editable, and does not insert it a second time', async () => {
    const el = editable();
    const onBeforeInput = (e: Event) => {
      e.preventDefault();
      const p = el.querySelector('p')!;
      p.textContent = p.textContent!.replace('calm down', (e as InputEvent).data!);
    };
    document.addEventListener('beforeinput', onBeforeInput);
    try {
      expect(await applyRewrite(el, target, REWRITE)).toEqual({ ok: true, start: 16, end: 28, text: AFTER });
      expect(el.textContent).toBe(AFTER);
      expect(undoStack).toEqual([]);
    } finally {
      document.removeEventListener('beforeinput', onBeforeInput);
    }
  });
});

describe('applyRewrite when the agent presses a key right after asking for it', () => {
  /** The agent's next key, queued behind the apply as the browser queues input: a task of its own. */
  function queueAgentKey(el: Composer, type: (el: Composer) => void = () => {}) {
    setTimeout(() => {
      el.dispatchEvent(agentEvent(new KeyboardEvent('keydown', { key: 'T', bubbles: true })));
      type(el);
    });
  }

  it('makes the rewrite before the key lands when the editor already has focus', async () => {
    const el = textarea();
    el.focus();
    queueAgentKey(el, () => el.setRangeText('Thanks. ', 0, 0));
    expect(await applyRewrite(el, target, REWRITE)).toEqual({ ok: true, start: 16, end: 28, text: `Thanks. ${AFTER}` });
  });

  it('says not-applied at once when the editor refuses the edit', async () => {
    const el = textarea();
    el.focus();
    misbehave = 'refuse';
    queueAgentKey(el);
    expect(await applyRewrite(el, target, REWRITE)).toEqual({ ok: false, reason: 'not-applied', text: DRAFT });
  });

  it('says not-applied, and undoes nothing, when the editor claims the edit but the text never changes', async () => {
    const el = textarea();
    el.focus();
    misbehave = 'drop';
    queueAgentKey(el);
    const undone = undoStack.length + 1;
    expect(await applyRewrite(el, target, REWRITE)).toEqual({ ok: false, reason: 'not-applied', text: DRAFT });
    expect(el.value).toBe(DRAFT);
    expect(undoStack).toHaveLength(undone);
  });

  it('reports a removal the editor claimed but never made as not-applied, not as applied', async () => {
    const el = textarea();
    el.focus();
    misbehave = 'drop';
    queueAgentKey(el);
    expect(await applyRewrite(el, { start: 15, end: 25, phrase: ' calm down' }, '')).toEqual({ ok: false, reason: 'not-applied', text: DRAFT });
    expect(el.value).toBe(DRAFT);
  });

  it('says not-applied, keeping what the agent typed once, when the editor claims the edit but only their typing lands', async () => {
    const el = textarea();
    el.focus();
    misbehave = 'drop';
    queueAgentKey(el, () => el.setRangeText('Thanks. ', 0, 0));
    expect(await applyRewrite(el, target, REWRITE)).toEqual({ ok: false, reason: 'not-applied', text: `Thanks. ${DRAFT}` });
    expect(el.value).toBe(`Thanks. ${DRAFT}`);
  });

  it("waits for an editor that renders the rewrite after the agent's typing, and keeps both once", async () => {
    const el = lateEditor();
    el.focus();
    queueAgentKey(el, () => el.querySelector('p')!.prepend('Thanks. '));
    expect(await applyRewrite(el, target, REWRITE)).toMatchObject({ ok: true, text: `Thanks. ${AFTER}` });
    expect(el.textContent).toBe(`Thanks. ${AFTER}`);
  });

  it('undoes a doubled edit at once, before a key could make it look like typing', async () => {
    const el = textarea();
    el.focus();
    misbehave = 'double';
    queueAgentKey(el);
    expect(await applyRewrite(el, target, REWRITE)).toEqual({ ok: false, reason: 'mismatch', restored: true, text: DRAFT });
    expect(el.value).toBe(DRAFT);
  });
});
