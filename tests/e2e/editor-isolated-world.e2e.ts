/**
 * The coach as the extension runs it: in an isolated world (a content
 * script's own JavaScript globals over the page's DOM). Underlines from the
 * Highlight API, the card, and rewrites through beforeinput / execCommand
 * must all cross from that world into the page's editor.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { EditorKind } from '../editor-pages/editors';
import { startEditorBrowser, modelText, underlineCount, focusedCardButton, isolatedFindings, type EditorBrowser } from '../editor-pages/session';

const DRAFT = 'Please calm down. There is nothing I can do about it.';
let editors: EditorBrowser;

beforeAll(async () => {
  editors = await startEditorBrowser();
});

afterAll(async () => {
  await editors?.close();
});

for (const kind of ['ckeditor', 'prosemirror', 'quill', 'froala', 'tiptap', 'jodit', 'textarea', 'plain'] as EditorKind[]) {
  test(`${kind}: from an isolated world, underlines show and Ctrl+. Enter rewrites the model; Ctrl+Z restores it`, async () => {
    const s = await editors.openEditor(kind, { isolated: true });
    // The page's own world cannot see the coach's globals.
    expect(await s.page.evaluate(() => typeof window.__coachTest)).toBe('undefined');
    await s.page.click(s.composer);
    await s.page.keyboard.type(DRAFT);
    await expect.poll(() => modelText(s.page)).toBe(DRAFT);
    await expect.poll(() => underlineCount(s.page)).toBe(2);
    // The agent pauses before choosing, long enough for the editor to close its typing undo group (a time, not an event).
    await s.page.waitForTimeout(1100);

    const [first] = await isolatedFindings(s);
    await s.inCoach(`window.__coachTest.select(${first.end}, ${first.end})`);
    await s.page.keyboard.press('Control+Period');
    await expect.poll(() => focusedCardButton(s.page)).toBe(first.rewrites[0]);
    await s.page.keyboard.press('Enter');
    await expect.poll(() => s.inCoach('window.__coachTest.events.filter((e) => e.type === "applied").length'), { timeout: 5_000 }).toBe(1);
    const expected = DRAFT.slice(0, first.start) + first.rewrites[0] + DRAFT.slice(first.end);
    expect(await modelText(s.page)).toBe(expected);
    const caret = first.start + first.rewrites[0].length;
    expect(await s.inCoach('window.__coachTest.selection()')).toEqual({ start: caret, end: caret });
    // At once (Jodit files the rewrite late: the coach holds this Ctrl+Z from its own world until Jodit did).
    await s.page.keyboard.press('Control+z');
    await expect.poll(() => modelText(s.page)).toBe(DRAFT);

    expect(await s.inCoach<{ type: string }[]>('window.__coachTest.events.filter((e) => e.type === "error")')).toEqual([]);
    expect(s.errors).toEqual([]);
    await s.page.close();
  });
}
