/**
 * The inline coach in real Chromium against real editors (CKEditor 5,
 * ProseMirror, Quill 2, Froala, Lexical, Trix, Slate, Draft.js, Tiptap 3,
 * Jodit 4, a Gmail-style contenteditable, a textarea, and that contenteditable
 * inside a web component's open shadow root):
 * underlines appear while typing, the card opens by click and by Ctrl+.,
 * a rewrite lands in the editor's MODEL exactly once, one Ctrl+Z restores
 * the draft, the caret sits right after the new text, typing goes on.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { EditorKind } from '../editor-pages/editors';
import { moveCaret } from '../support/caret';
import {
  startEditorBrowser, modelText, findings, selection, events, openCards, underlineCount, underlineCentre, focusedCardButton,
  composerHasFocus, composerHtml, type EditorBrowser, type Session,
} from '../editor-pages/session';
import { cardUndoWarning } from '../support/card';
import { badgeText, cardDialog, clickCardButton, clickRewrite, clickShown, focusedIn, shownCount, waitForCard } from '../support/steady-ui';

const DRAFT = 'Please calm down. There is nothing I can do about it.';
const BOTH_PHRASES = ['Please calm down', 'There is nothing I can do about it'];
const EDITORS: EditorKind[] = ['ckeditor', 'prosemirror', 'textarea', 'plain', 'quill', 'froala', 'lexical', 'trix', 'slate', 'draftjs', 'tiptap', 'jodit', 'shadow-plain'];
/** A plain contenteditable may keep a history of its own: its card warns until the browser's undo is seen working there. */
const UNDO_UNPROVEN_AT_FIRST: EditorKind[] = ['plain', 'shadow-plain'];
/** Editors merge keystrokes typed within this long into one undo step. */
const UNDO_GROUP_MS = 1100;
/** A rewrite may wait out that grouping before it lands (on a loaded machine, seconds more). */
const APPLIED = { timeout: 15_000 };

let editors: EditorBrowser;
const openEditor = (kind: EditorKind) => editors.openEditor(kind);

beforeAll(async () => {
  editors = await startEditorBrowser();
});

afterAll(async () => {
  await editors?.close();
});

async function typeDraft(s: Session, text: string): Promise<void> {
  await s.page.click(s.composer);
  await s.page.keyboard.type(text);
  await expect.poll(() => modelText(s.page)).toBe(text);
  await expect.poll(() => findings(s.page).then((f) => f.length)).toBeGreaterThanOrEqual(2);
  // Let the editor close its typing undo group, as a pause before choosing a rewrite would.
  await s.page.waitForTimeout(UNDO_GROUP_MS);
}

describe.each(EDITORS)('%s', (kind) => {
  let s: Session;
  beforeAll(async () => {
    s = await openEditor(kind);
  });
  afterAll(async () => {
    await s?.page.close();
  });

  test('underlines the weak phrases as the agent types, without touching the draft', async () => {
    await typeDraft(s, DRAFT);
    const html = await composerHtml(s);
    await s.page.evaluate(() => window.__coachTest!.coach.refresh());
    expect(await composerHtml(s)).toBe(html);
    const found = await findings(s.page);
    expect(found.map((f) => f.phrase)).toEqual(BOTH_PHRASES);
    await expect.poll(() => underlineCount(s.page)).toBe(found.length);
    expect(await modelText(s.page)).toBe(DRAFT);
  });

  test('a click on an underline opens the card; Escape closes it and puts the caret back', async () => {
    const at = await underlineCentre(s.page, 0);
    await s.page.mouse.click(at.x, at.y);
    await waitForCard(s.page);
    expect((await cardDialog(s.page))?.attrs['aria-label']).toMatch(/Dismissive/i);
    expect(await shownCount(s.page, 'steady-card', 'button.rewrite')).toBeGreaterThan(0);
    const caretBefore = await selection(s.page);
    expect(caretBefore).not.toBeNull();
    await s.page.keyboard.press('Escape');
    await expect.poll(() => openCards(s.page)).toBe(0);
    expect(await selection(s.page)).toEqual(caretBefore);
    expect(await modelText(s.page)).toBe(DRAFT);
  });

  test('from the keyboard, arrows and Tab move between the buttons and Escape puts focus and caret back', async () => {
    const [first] = await findings(s.page);
    const caret = first.start + 3;
    await s.page.evaluate((c) => window.__coachTest!.select(c, c), caret);
    await s.page.keyboard.press('Control+Period');
    await expect.poll(() => focusedCardButton(s.page)).toBe(first.rewrites[0]);
    await s.page.keyboard.press('ArrowDown');
    expect(await focusedCardButton(s.page)).toBe(first.rewrites[1]);
    await s.page.keyboard.press('ArrowDown');
    expect(await focusedCardButton(s.page)).toBe('Ignore');
    await s.page.keyboard.press('Shift+Tab');
    expect(await focusedCardButton(s.page)).toBe(first.rewrites[1]);
    await s.page.keyboard.press('Escape');
    await expect.poll(() => openCards(s.page)).toBe(0);
    expect(await composerHasFocus(s)).toBe(true);
    expect(await selection(s.page)).toEqual({ start: caret, end: caret });
    expect(await modelText(s.page)).toBe(DRAFT);
  });

  test('the composer badge counts the suggestions and opens the first one', async () => {
    const found = await findings(s.page);
    expect(await badgeText(s.page)).toBe(String(found.length));
    const caret = await selection(s.page);
    await clickShown(s.page, 'steady-badge', 'button.badge');
    await expect.poll(() => focusedCardButton(s.page)).toBe(found[0].rewrites[0]);
    await s.page.keyboard.press('Escape');
    await expect.poll(() => composerHasFocus(s)).toBe(true);
    expect(await selection(s.page)).toEqual(caret);
  });

  test('Ctrl+. then Enter applies the first rewrite in the model; one Ctrl+Z restores the draft', async () => {
    const [first] = await findings(s.page);
    await s.page.evaluate(([a]) => window.__coachTest!.select(a, a), [first.start + 3]);
    await s.page.keyboard.press('Control+Period');
    await expect.poll(() => openCards(s.page)).toBe(1);
    // Focus lands on the first rewrite.
    await expect.poll(async () => (await focusedIn(s.page, 'steady-card'))?.className).toBe('rewrite');
    // Warned before applying where one Ctrl+Z is not yet known to restore the draft.
    expect(await cardUndoWarning(s.page)).toBe(UNDO_UNPROVEN_AT_FIRST.includes(kind) ? 'Undo may not restore this rewrite here.' : null);
    await s.page.keyboard.press('Enter');

    const rewrite = first.rewrites[0];
    const expected = DRAFT.slice(0, first.start) + rewrite + DRAFT.slice(first.end);
    // The coach reports once it has read the draft back and found the rewrite there exactly once.
    await expect.poll(() => events(s.page), APPLIED).toContainEqual({ type: 'applied', ruleId: first.ruleId, rewrite: 0 });
    expect(await modelText(s.page)).toBe(expected);
    expect(await selection(s.page)).toEqual({ start: first.start + rewrite.length, end: first.start + rewrite.length });

    await s.page.keyboard.press('Control+z');
    await expect.poll(() => modelText(s.page)).toBe(DRAFT);
    await expect.poll(() => findings(s.page).then((f) => f.map((x) => x.phrase))).toEqual(BOTH_PHRASES);
    await expect.poll(() => underlineCount(s.page)).toBe(2);
  });

  test('a rewrite chosen with the mouse lands once, and typing goes on right after it', async () => {
    const found = await findings(s.page);
    const second = found.find((f) => f.phrase === BOTH_PHRASES[1])!;
    const at = await underlineCentre(s.page, found.indexOf(second));
    await s.page.mouse.click(at.x, at.y);
    await expect.poll(() => openCards(s.page)).toBe(1);
    await clickRewrite(s.page, 1);

    const rewrite = second.rewrites[1];
    const expected = DRAFT.slice(0, second.start) + rewrite + DRAFT.slice(second.end);
    await expect.poll(() => events(s.page), APPLIED).toContainEqual({ type: 'applied', ruleId: second.ruleId, rewrite: 1 });
    expect(await modelText(s.page)).toBe(expected);
    await s.page.keyboard.type(' Thanks');
    const caret = second.start + rewrite.length;
    await expect.poll(() => modelText(s.page)).toBe(expected.slice(0, caret) + ' Thanks' + expected.slice(caret));
  });

  test('Ignore hides that occurrence; Turn off this rule stops it everywhere', async () => {
    // The agent pauses before acting on a card: a time the editor's own undo grouping is measured in, so it is waited out.
    await s.page.waitForTimeout(UNDO_GROUP_MS);
    let found = await findings(s.page);
    const calm = found.findIndex((f) => f.ruleId === 'calm-down');
    expect(calm).toBeGreaterThanOrEqual(0);
    const text = await modelText(s.page);
    let at = await underlineCentre(s.page, calm);
    await s.page.mouse.click(at.x, at.y);
    await clickCardButton(s.page, 'Ignore');
    await expect.poll(() => findings(s.page).then((f) => f.filter((x) => x.ruleId === 'calm-down').length)).toBe(0);
    expect(await modelText(s.page)).toBe(text);
    expect(await underlineCount(s.page)).toBe(found.length - 1);

    // The same rule on a different phrase still shows, until the rule is turned off.
    await moveCaret(s.page, 'Control+End');
    await s.page.keyboard.type(' Just relax.');
    await expect.poll(() => findings(s.page).then((f) => f.filter((x) => x.ruleId === 'calm-down').length)).toBe(1);
    found = await findings(s.page);
    at = await underlineCentre(s.page, found.findIndex((f) => f.ruleId === 'calm-down'));
    await s.page.mouse.click(at.x, at.y);
    await clickCardButton(s.page, 'Turn off this rule');
    await expect.poll(() => findings(s.page).then((f) => f.filter((x) => x.ruleId === 'calm-down').length)).toBe(0);
    expect(await events(s.page)).toContainEqual({ type: 'rule-off-callback', id: 'calm-down' });
  });

  test('a rewrite chosen after the agent typed ahead of the phrase lands on the moved phrase, never on the old offsets', async () => {
    await moveCaret(s.page, 'Control+End');
    await s.page.keyboard.type(' Calm down.');
    await expect.poll(() => findings(s.page).then((f) => f.some((x) => x.phrase === 'Calm down'))).toBe(false);
    // The rule was turned off above; "nothing I can do" is still coached.
    await s.page.keyboard.type(' There is nothing I can do.');
    await expect.poll(() => findings(s.page).then((f) => f.filter((x) => x.ruleId === 'nothing-i-can-do').length)).toBe(1);
    // The agent pauses before acting on a card: a time the editor's own undo grouping is measured in, so it is waited out.
    await s.page.waitForTimeout(UNDO_GROUP_MS);
    const current = await findings(s.page);
    const target = current.find((f) => f.ruleId === 'nothing-i-can-do')!;
    const at = await underlineCentre(s.page, current.indexOf(target));
    await s.page.mouse.click(at.x, at.y);
    await expect.poll(() => openCards(s.page)).toBe(1);
    // With the card open, the agent adds words at the very start of the draft.
    await s.page.evaluate(() => window.__coachTest!.select(0, 0));
    await s.page.keyboard.type('Hi. ');
    const moved = target.start + 4;
    // The card follows its phrase once the coach has linted the new draft, and the agent clicks it where it then
    // shows (clicked mid-move, the pointer misses it). Its rewrite still holds the offsets the card opened with.
    await expect.poll(() => findings(s.page).then((f) => f.find((x) => x.ruleId === 'nothing-i-can-do')?.start)).toBe(moved);
    const before = await modelText(s.page);
    await clickRewrite(s.page);
    const expected = before.slice(0, moved) + target.rewrites[0] + before.slice(moved + target.phrase.length);
    await expect.poll(() => events(s.page).then((e) => e.filter((x) => x.type === 'applied').length), APPLIED).toBe(3);
    expect(await modelText(s.page)).toBe(expected);
    expect(await selection(s.page)).toEqual({ start: moved + target.rewrites[0].length, end: moved + target.rewrites[0].length });
  });

  test('a 100-character burst typed while a lint is pending loses nothing', async () => {
    await moveCaret(s.page, 'Control+End');
    const before = await modelText(s.page);
    const burst = ' Calm down please, I will check your order history and come back to you with a full answer today.';
    expect(burst.length).toBeGreaterThanOrEqual(95);
    await s.page.keyboard.type(burst, { delay: 0 });
    await expect.poll(() => modelText(s.page)).toBe(before + burst);
    expect(await s.page.evaluate(() => window.__coachTest!.draftText())).toBe(before + burst);
  });

  test('multi-line drafts read exactly as the model holds them, and a rewrite on a later line lands there', async () => {
    const m = await openEditor(kind);
    try {
      await m.page.click(m.composer);
      const lines = ['Hello Sam,', 'Please calm down.', '', 'Thanks, Ana'];
      for (const [i, line] of lines.entries()) {
        if (i > 0) {
          await m.page.keyboard.press('Enter');
          // An agent's next key comes frames after Enter, not in the same millisecond: Trix re-renders after Enter, and
          // a key landing before that render was split off its line by Trix once in CI ("T" / "hanks, Ana").
          await m.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        }
        await m.page.keyboard.type(line);
      }
      // Each editor keeps its own line breaks (Trix's Enter adds a blank line): the lines typed, and the coach reads what the model holds.
      await expect.poll(() => modelText(m.page).then((text) => text.split('\n').filter(Boolean))).toEqual(lines.filter(Boolean));
      const draft = await modelText(m.page);
      if (kind !== 'trix') expect(draft).toBe(lines.join('\n'));
      expect(await m.page.evaluate(() => window.__coachTest!.draftText())).toBe(draft);
      await expect.poll(() => findings(m.page).then((f) => f.map((x) => x.phrase))).toContain('Please calm down');
      // The agent pauses before acting on a card: a time the editor's own undo grouping is measured in, so it is waited out.
      await m.page.waitForTimeout(UNDO_GROUP_MS);
      const calm = (await findings(m.page)).find((f) => f.phrase === 'Please calm down')!;
      await m.page.evaluate((c) => window.__coachTest!.select(c, c), calm.end);
      await m.page.keyboard.press('Control+Period');
      await expect.poll(() => focusedCardButton(m.page)).toBe(calm.rewrites[0]);
      await m.page.keyboard.press('Enter');
      await expect.poll(() => events(m.page), APPLIED).toContainEqual({ type: 'applied', ruleId: calm.ruleId, rewrite: 0 });
      expect(await modelText(m.page)).toBe(draft.slice(0, calm.start) + calm.rewrites[0] + draft.slice(calm.end));
      await m.page.keyboard.press('Control+z');
      await expect.poll(() => modelText(m.page)).toBe(draft);
      expect(m.errors).toEqual([]);
    } finally {
      await m.page.close();
    }
  });

  test('Open script hands the rule\'s script id to the caller, closes the card and leaves the draft alone', async () => {
    await moveCaret(s.page, 'Control+End');
    await s.page.keyboard.type(' There is nothing I can do.');
    await expect.poll(() => findings(s.page).then((f) => f.some((x) => x.ruleId === 'nothing-i-can-do'))).toBe(true);
    const found = await findings(s.page);
    const target = found.find((f) => f.ruleId === 'nothing-i-can-do')!;
    expect(target.script).toBeTruthy();
    const text = await modelText(s.page);
    const at = await underlineCentre(s.page, found.indexOf(target));
    await s.page.mouse.click(at.x, at.y);
    await clickCardButton(s.page, 'Open script');
    await expect.poll(() => openCards(s.page)).toBe(0);
    expect(await events(s.page)).toContainEqual({ type: 'open-script', id: target.script });
    expect(await composerHasFocus(s)).toBe(true);
    expect(await modelText(s.page)).toBe(text);
  });

  test('typing on while a rewrite waits out the undo grouping keeps the caret where the agent types', async () => {
    const q = await openEditor(kind);
    try {
      await q.page.click(q.composer);
      await q.page.keyboard.type('Please calm down. Thanks');
      await expect.poll(() => findings(q.page).then((f) => f.map((x) => x.phrase))).toEqual(['Please calm down']);
      const [calm] = await findings(q.page);
      const at = await underlineCentre(q.page, 0);
      await q.page.mouse.click(at.x, at.y);
      await clickRewrite(q.page);
      // A human's next key comes some time after the click; editors without undo grouping have applied by then.
      await q.page.waitForTimeout(100);
      await moveCaret(q.page, 'Control+End');
      await q.page.keyboard.type(' again');
      await expect.poll(() => events(q.page), APPLIED).toContainEqual({ type: 'applied', ruleId: 'calm-down', rewrite: 0 });
      await q.page.keyboard.type('!');
      await expect.poll(() => modelText(q.page)).toBe(calm.rewrites[0] + '. Thanks again!');
    } finally {
      await q.page.close();
    }
  });

  test('a rewrite chosen right after typing is still its own undo step', async () => {
    const q = await openEditor(kind);
    try {
      await q.page.click(q.composer);
      await q.page.keyboard.type('Thanks. Please calm down');
      await expect.poll(() => findings(q.page).then((f) => f.map((x) => x.phrase))).toEqual(['Please calm down']);
      const [calm] = await findings(q.page);
      await q.page.keyboard.press('Control+Period');
      await expect.poll(() => focusedCardButton(q.page)).toBe(calm.rewrites[0]);
      await q.page.keyboard.press('Enter');
      await expect.poll(() => events(q.page), APPLIED).toContainEqual({ type: 'applied', ruleId: 'calm-down', rewrite: 0 });
      expect(await modelText(q.page)).toBe('Thanks. ' + calm.rewrites[0]);
      await q.page.keyboard.press('Control+z');
      await expect.poll(() => modelText(q.page)).toBe('Thanks. Please calm down');
    } finally {
      await q.page.close();
    }
  });

  test('no page errors and no coach errors', async () => {
    expect(s.errors).toEqual([]);
    expect((await events(s.page)).filter((e) => e.type === 'error')).toEqual([]);
  });
});
