/**
 * What the agent sees and gets from a rewrite, in real editors: the card previews the whole
 * sentence with the change marked and names the placeholders to fill; Enter applies only from
 * the card; after applying, the first placeholder is selected so typing replaces it; Escape
 * closes the card from anywhere.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { EditorKind } from '../editor-pages/editors';
import { startEditorBrowser, modelText, findings, selection, events, openCards, underlineCentre, type EditorBrowser, type Session } from '../editor-pages/session';
import { focusedIn, shadowElements } from '../support/steady-ui';

const DRAFT = 'Thanks Sam. We do not offer refunds on this fare.';
const PHRASE = 'We do not offer refunds on this fare';
const REWRITE = 'We cannot offer refunds on this fare, but [what you can offer instead]';
const SLOT = '[what you can offer instead]';
const AFTER = `Thanks Sam. ${REWRITE}.`;
const FILLED = AFTER.replace(SLOT, 'a travel credit');
const EDITORS: EditorKind[] = ['textarea', 'plain', 'prosemirror', 'ckeditor', 'quill', 'froala'];
const APPLIED = { timeout: 5_000 };

let editors: EditorBrowser;

beforeAll(async () => {
  editors = await startEditorBrowser();
});

afterAll(async () => {
  await editors?.close();
});

/** Click the phrase's underline if no card is open; the number of cards open. */
async function openCardOn(s: Session, phrase: string): Promise<number> {
  if ((await openCards(s.page)) === 0) {
    const index = (await findings(s.page)).findIndex((f) => f.phrase === phrase);
    if (index >= 0) {
      const at = await underlineCentre(s.page, index);
      await s.page.mouse.click(at.x, at.y);
    }
  }
  return openCards(s.page);
}

const shadowText = async (s: Session, selector: string) => (await shadowElements(s.page, 'steady-card', selector)).map((e) => e.text);

describe.each(EDITORS)('%s', (kind) => {
  let s: Session;
  beforeAll(async () => {
    s = await editors.openEditor(kind);
  });
  afterAll(async () => {
    await s?.page.close();
  });

  test('a card opened by a click previews the sentence and leaves Enter in the editor alone; Escape closes it from anywhere', async () => {
    await s.page.click(s.composer);
    await s.page.keyboard.type(DRAFT);
    await expect.poll(() => modelText(s.page)).toBe(DRAFT);
    await expect.poll(() => findings(s.page).then((f) => f.map((x) => x.phrase))).toContain(PHRASE);
    const found = await findings(s.page);
    const at = await underlineCentre(s.page, found.findIndex((f) => f.phrase === PHRASE));
    await s.page.mouse.click(at.x, at.y);
    await expect.poll(() => openCards(s.page)).toBe(1);
    expect(await shadowText(s, '.severity')).toEqual(['Warning']);
    expect(await shadowText(s, '.changed')).toEqual([REWRITE]);
    expect(await shadowText(s, '.fill')).toEqual([`Fill in: ${SLOT}`]);
    // Focus stayed in the editor: Enter is the editor's, and applies nothing.
    await s.page.keyboard.press('Enter');
    await expect.poll(() => modelText(s.page)).not.toBe(DRAFT);
    expect(await modelText(s.page)).not.toContain(SLOT);
    expect((await events(s.page)).filter((e) => e.type === 'applied')).toEqual([]);
    await s.page.keyboard.press('Backspace');
    await expect.poll(() => modelText(s.page)).toBe(DRAFT);
    // Escape from outside the editor and the card. The card is reopened on the underline as drawn now:
    // some editors (Froala) re-render the draft after Backspace, so the first position may be stale.
    await expect.poll(() => openCardOn(s, PHRASE)).toBe(1);
    await s.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await s.page.keyboard.press('Escape');
    await expect.poll(() => openCards(s.page)).toBe(0);
  });

  test('Enter in the card applies the focused rewrite and selects its placeholder, so typing fills it', async () => {
    const f = (await findings(s.page)).find((x) => x.phrase === PHRASE)!;
    await s.page.evaluate((c) => window.__coachTest!.select(c, c), f.start + 2);
    await s.page.keyboard.press('Control+Period');
    await expect.poll(async () => (await focusedIn(s.page, 'steady-card'))?.className).toBe('rewrite');
    await s.page.keyboard.press('Enter');
    await expect.poll(() => events(s.page), APPLIED).toContainEqual({ type: 'applied', ruleId: 'no-refunds', rewrite: 0 });
    expect(await modelText(s.page)).toBe(AFTER);
    const slot = AFTER.indexOf(SLOT);
    await expect.poll(() => selection(s.page)).toEqual({ start: slot, end: slot + SLOT.length });
    await s.page.keyboard.type('a travel credit');
    await expect.poll(() => modelText(s.page)).toBe(FILLED);
  });
});

describe.each(['textarea', 'prosemirror', 'ckeditor'] as EditorKind[])('%s: a stock apology right after a real one', (kind) => {
  // No apostrophes: ProseMirror's page types them as typographic ones.
  const draft = 'Sorry your bag is late. Apologies for any inconvenience. It lands at 6.';
  let s: Session;
  beforeAll(async () => {
    s = await editors.openEditor(kind);
  });
  afterAll(async () => {
    await s?.page.close();
  });

  test('the one-key rewrite removes the whole second apology, and one Ctrl+Z brings it back', async () => {
    await s.page.click(s.composer);
    await s.page.keyboard.type(draft);
    await expect.poll(() => modelText(s.page)).toBe(draft);
    await expect.poll(() => findings(s.page).then((f) => f.map((x) => x.phrase))).toContain('Apologies for any inconvenience');
    const stock = (await findings(s.page)).find((x) => x.phrase === 'Apologies for any inconvenience')!;
    await s.page.evaluate((c) => window.__coachTest!.select(c, c), stock.start + 2);
    await s.page.keyboard.press('Control+Period');
    await expect.poll(async () => (await focusedIn(s.page, 'steady-card'))?.className).toBe('rewrite');
    // The card previews the reply as it will read: the sentence before, then the next one.
    expect(await shadowText(s, '.preview')).toContain('Sorry your bag is late. It lands at 6.');
    await s.page.keyboard.press('Enter');
    await expect.poll(() => modelText(s.page), APPLIED).toBe('Sorry your bag is late. It lands at 6.');
    await s.page.keyboard.press('Control+z');
    await expect.poll(() => modelText(s.page)).toBe(draft);
  });
});
