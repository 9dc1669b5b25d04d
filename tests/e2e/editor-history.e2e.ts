/**
 * Editors that keep their own undo history (TinyMCE inline and classic,
 * CKEditor 4 classic, Summernote, Jodit), from their npm bundles: a rewrite lands in
 * the editor's model once, and ONE Ctrl+Z brings back exactly the text typed
 * before it, the agent's last word included (these editors record typing only
 * at certain keys, or, as Jodit, a moment after it, so without care that word is lost). Classic modes put the
 * editable body in an iframe: underlines and the card show over the frame.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { EditorKind } from '../editor-pages/editors';
import { cardDialog } from '../support/steady-ui';
import { startEditorBrowser, modelText, findings, findingsOf, events, focusedCardButton, openCards, composerLocator, type EditorBrowser, type Session } from '../editor-pages/session';
import { cardUndoWarning } from '../support/card';

const EDITORS: EditorKind[] = ['tinymce-inline', 'tinymce', 'ckeditor4', 'summernote', 'jodit'];
/** Classic modes: the editable body is an iframe's (about:blank / srcdoc). */
const IFRAME_EDITORS: EditorKind[] = ['tinymce', 'ckeditor4'];
/** The last word comes after the last space: editors that record history at Space have not recorded it. */
const DRAFT = 'Hi Dana. Please calm down, I am on it';
const APPLIED = { timeout: 5_000 };

let editors: EditorBrowser;

beforeAll(async () => {
  editors = await startEditorBrowser();
});

afterAll(async () => {
  await editors?.close();
});

/** Screen box of finding i's underline in the top page's coordinates (an iframe's offset added). */
const underlineBox = (s: Session, i: number) =>
  s.page.evaluate(
    ([index, frame]) => {
      const doc = frame ? document.querySelector<HTMLIFrameElement>(frame)!.contentDocument! : document;
      const win = doc.defaultView as Window & typeof globalThis;
      const f = window.__coachTest!.coach.findings()[index];
      const ranges = ['steady-problem', 'steady-warning', 'steady-suggestion'].flatMap((n) => [...((win.CSS.highlights.get(n) as Set<Range> | undefined) ?? [])]);
      const range = ranges.find((r) => r.toString().replace(/\u00a0/g, ' ') === f.phrase);
      if (!range) return null;
      const rect = range.getClientRects()[0];
      const offset = frame ? document.querySelector(frame)!.getBoundingClientRect() : { left: 0, top: 0 };
      return { left: rect.left + offset.left, top: rect.top + offset.top, bottom: rect.bottom + offset.top, width: rect.width, height: rect.height };
    },
    [i, s.frame ?? null] as const,
  );

describe.each(EDITORS)('%s', (kind) => {
  let s: Session;
  beforeAll(async () => {
    s = await editors.openEditor(kind);
  });
  afterAll(async () => {
    await s?.page.close();
  });

  test('a rewrite is one undo step: one Ctrl+Z restores the exact draft, last word included', async () => {
    expect(!!s.frame).toBe(IFRAME_EDITORS.includes(kind));
    await composerLocator(s).click();
    await s.page.keyboard.type(DRAFT);
    await expect.poll(() => modelText(s.page)).toBe(DRAFT);
    // The findings of the whole draft: a lint of what was typed so far fits the rewrite to a shorter sentence.
    await expect.poll(() => findingsOf(s.page, DRAFT).then((f) => f?.map((x) => x.phrase))).toContain('Please calm down');
    const calm = (await findingsOf(s.page, DRAFT))!.find((f) => f.phrase === 'Please calm down')!;

    await s.page.evaluate((c) => window.__coachTest!.select(c, c), calm.start + 3);
    await s.page.keyboard.press('Control+Period');
    await expect.poll(() => focusedCardButton(s.page)).toBe(calm.rewrites[0]);
    // Undo proven here: the card has nothing to warn about.
    expect(await cardUndoWarning(s.page)).toBeNull();
    await s.page.keyboard.press('Enter');
    await expect.poll(() => events(s.page), APPLIED).toContainEqual({ type: 'applied', ruleId: calm.ruleId, rewrite: 0 });
    // The rewrite replaces the span its slot covers (a clause here), which may be wider than the underline.
    const span = calm.replace ?? calm;
    const expected = DRAFT.slice(0, span.start) + calm.rewrites[0] + DRAFT.slice(span.end);
    expect(await modelText(s.page)).toBe(expected);
    const caret = span.start + calm.rewrites[0].length;
    expect(await s.page.evaluate(() => window.__coachTest!.selection())).toEqual({ start: caret, end: caret });

    await s.page.keyboard.press('Control+z');
    await expect.poll(() => modelText(s.page)).toBe(DRAFT);
  });

  test('typing goes on after a rewrite; the next Ctrl+Z never takes more than the agent typed plus the rewrite', async () => {
    const before = await modelText(s.page);
    await s.page.keyboard.press('Control+End');
    await s.page.keyboard.type('. Calm down');
    const typed = before + '. Calm down';
    await expect.poll(() => modelText(s.page)).toBe(typed);
    await expect.poll(() => findingsOf(s.page, typed).then((f) => !!f?.some((x) => x.phrase === 'Calm down'))).toBe(true);
    const calm = (await findingsOf(s.page, typed))!.find((f) => f.phrase === 'Calm down')!;
    await s.page.keyboard.press('Control+Period');
    await expect.poll(() => focusedCardButton(s.page)).toBe(calm.rewrites[0]);
    await s.page.keyboard.press('Enter');
    const expected = typed.slice(0, calm.start) + calm.rewrites[0] + typed.slice(calm.end);
    await expect.poll(() => modelText(s.page), APPLIED).toBe(expected);
    await s.page.keyboard.press('Control+z');
    await expect.poll(() => modelText(s.page)).toBe(typed);
  });

  test('the card opens over the phrase, inside the page, where the agent clicks', async () => {
    await expect.poll(() => findings(s.page).then((f) => f.length)).toBeGreaterThan(0);
    await expect.poll(() => underlineBox(s, 0)).not.toBeNull();
    const box = (await underlineBox(s, 0))!;
    await s.page.mouse.click(box.left + box.width / 2, box.top + box.height / 2);
    await expect.poll(() => openCards(s.page)).toBe(1);
    const cardBox = (await cardDialog(s.page))!.box;
    // Just below (or above) the phrase, and fully visible in the page's viewport.
    expect(Math.abs(cardBox.x - box.left)).toBeLessThan(40);
    expect(cardBox.y >= box.bottom - 1 || cardBox.y + cardBox.height <= box.top + 1).toBe(true);
    expect(cardBox.y + cardBox.height).toBeLessThanOrEqual(700);
    await s.page.keyboard.press('Escape');
    await expect.poll(() => openCards(s.page)).toBe(0);
  });

  test('no page errors and no coach errors', async () => {
    expect(s.errors).toEqual([]);
    expect((await events(s.page)).filter((e) => e.type === 'error')).toEqual([]);
  });
});

describe('editors whose undo of a rewrite is not proven: the card warns before the agent applies', () => {
  const UNDO_WARNING = 'Undo may not restore this rewrite here.';
  const openCardAtCalm = async (s: Session) => {
    await expect.poll(() => findings(s.page).then((f) => f.map((x) => x.phrase))).toContain('Please calm down');
    const calm = (await findings(s.page)).find((f) => f.phrase === 'Please calm down')!;
    await s.page.evaluate((c) => window.__coachTest!.select(c, c), calm.start + 3);
    await s.page.keyboard.press('Control+Period');
    await expect.poll(() => focusedCardButton(s.page)).not.toBeNull();
    return calm;
  };

  test('a contenteditable nobody measured, with a history of its own, is warned about from the first card, and after its own Ctrl+Z', async () => {
    const s = await editors.openEditor('own-history');
    try {
      await composerLocator(s).click();
      await s.page.keyboard.type('Hi Dana, Please calm down');
      await expect.poll(() => modelText(s.page)).toBe('Hi Dana, Please calm down');
      await openCardAtCalm(s);
      // Before any Ctrl+Z, before applying anything.
      expect(await cardUndoWarning(s.page)).toBe(UNDO_WARNING);
      await s.page.keyboard.press('Escape');
      // The page takes the agent's Ctrl+Z over (its own history, not the browser's): still warned.
      await s.page.keyboard.press('Control+z');
      await expect.poll(() => modelText(s.page)).toBe('Hi Dana, Please calm');
      await s.page.keyboard.press('Control+End');
      await s.page.keyboard.type(' down');
      await openCardAtCalm(s);
      expect(await cardUndoWarning(s.page)).toBe(UNDO_WARNING);
      await s.page.keyboard.press('Escape');
    } finally {
      await s.page.close();
    }
  });

  test('a plain contenteditable is warned about until the browser’s own undo is seen working there; then one Ctrl+Z undoes a rewrite', async () => {
    const s = await editors.openEditor('plain');
    try {
      await composerLocator(s).click();
      await s.page.keyboard.type('Hi Dana. Please calm down');
      await expect.poll(() => modelText(s.page)).toBe('Hi Dana. Please calm down');
      await openCardAtCalm(s);
      expect(await cardUndoWarning(s.page)).toBe(UNDO_WARNING);
      await s.page.keyboard.press('Escape');
      // The agent's Ctrl+Z, undone by the browser itself (no script took it).
      await s.page.keyboard.press('Control+z');
      await expect.poll(() => modelText(s.page)).not.toBe('Hi Dana. Please calm down');
      await s.page.keyboard.press('Control+a');
      await s.page.keyboard.type('Hi Dana. Please calm down');
      const draft = 'Hi Dana. Please calm down';
      await expect.poll(() => modelText(s.page)).toBe(draft);
      const calm = await openCardAtCalm(s);
      expect(await cardUndoWarning(s.page)).toBeNull();
      await s.page.keyboard.press('Enter');
      await expect.poll(() => events(s.page), APPLIED).toContainEqual({ type: 'applied', ruleId: calm.ruleId, rewrite: 0 });
      const span = calm.replace ?? calm;
      expect(await modelText(s.page)).toBe(draft.slice(0, span.start) + calm.rewrites[0] + draft.slice(span.end));
      await s.page.keyboard.press('Control+z');
      await expect.poll(() => modelText(s.page)).toBe(draft);
    } finally {
      await s.page.close();
    }
  });

  test('editors whose own undo was measured are not warned about, even after a Ctrl+Z', async () => {
    const s = await editors.openEditor('summernote');
    try {
      await composerLocator(s).click();
      await s.page.keyboard.type('Hi Dana, Please calm down');
      await s.page.keyboard.press('Control+z');
      await s.page.keyboard.type(' Please calm down');
      await expect.poll(() => findings(s.page).then((f) => f.length)).toBeGreaterThan(0);
      const [first] = await findings(s.page);
      await s.page.evaluate((c) => window.__coachTest!.select(c, c), first.end);
      await s.page.keyboard.press('Control+Period');
      await expect.poll(() => focusedCardButton(s.page)).not.toBeNull();
      expect(await cardUndoWarning(s.page)).toBeNull();
    } finally {
      await s.page.close();
    }
  });
});

test('an editor nobody measured that paints the rewrite frames later (as React editors do) is warned about before applying, and reported applied with the caret after it', async () => {
  const s = await editors.openEditor('deferred');
  try {
    await composerLocator(s).click();
    await s.page.keyboard.type('Please calm down. Thanks');
    await expect.poll(() => findings(s.page).then((f) => f.map((x) => x.phrase))).toEqual(['Please calm down']);
    const [calm] = await findings(s.page);
    await s.page.evaluate((c) => window.__coachTest!.select(c, c), calm.end);
    await s.page.keyboard.press('Control+Period');
    await expect.poll(() => focusedCardButton(s.page)).toBe(calm.rewrites[0]);
    // Its own model and history, which Steady does not drive: the agent is told before applying.
    expect(await cardUndoWarning(s.page)).toBe('Undo may not restore this rewrite here.');
    await s.page.keyboard.press('Enter');
    await expect.poll(() => events(s.page), APPLIED).toContainEqual({ type: 'applied', ruleId: calm.ruleId, rewrite: 0 });
    expect((await events(s.page)).filter((e) => e.type === 'apply-failed')).toEqual([]);
    expect(await modelText(s.page)).toBe(calm.rewrites[0] + '. Thanks');
    const caret = calm.rewrites[0].length;
    expect(await s.page.evaluate(() => window.__coachTest!.selection())).toEqual({ start: caret, end: caret });
  } finally {
    await s.page.close();
  }
});
