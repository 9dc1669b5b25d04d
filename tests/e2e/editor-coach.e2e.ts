/**
 * The inline coach in real Chromium against real editors (CKEditor 5,
 * ProseMirror, Quill 2, Froala, a Gmail-style contenteditable, a textarea):
 * underlines appear while typing, the card opens by click and by Ctrl+.,
 * a rewrite lands in the editor's MODEL exactly once, one Ctrl+Z restores
 * the draft, the caret sits right after the new text, typing goes on.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumPath } from '../support/chromium';
import { buildBuiltinPack } from '../../lib/engine/rule-files';
import { readRuleFiles } from '../../lib/node/rule-files';
import { serveEditorPages, type EditorPages } from '../editor-pages/serve';
import type { EditorKind } from '../editor-pages/editors';
import type { ShownFinding } from '../../lib/editor/coach';

const DRAFT = 'Please calm down. There is nothing I can do about it.';
const BOTH_PHRASES = ['Please calm down', 'There is nothing I can do about it'];
const EDITORS: EditorKind[] = ['ckeditor', 'prosemirror', 'textarea', 'plain', 'quill', 'froala'];
/** Editors merge keystrokes typed within this long into one undo step. */
const UNDO_GROUP_MS = 1100;

let browser: Browser;
let pages: EditorPages;
const pack = JSON.stringify(buildBuiltinPack(readRuleFiles()));

beforeAll(async () => {
  pages = await serveEditorPages();
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  await pages?.close();
});

interface Session {
  page: Page;
  errors: string[];
  composer: string;
}

async function openEditor(kind: EditorKind): Promise<Session> {
  const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(`window.__steadyPack = ${pack};`);
  await page.goto(pages.url(kind));
  await page.waitForFunction(() => window.__editor || window.__editorError);
  const failed = await page.evaluate(() => window.__editorError);
  if (failed) throw new Error(`${kind} did not start: ${failed}`);
  const composer = await page.evaluate(() => window.__editor!.composer);
  await page.evaluate((sel) => window.__attachCoach!(sel), composer);
  return { page, errors, composer };
}

const modelText = (page: Page) => page.evaluate(() => window.__editor!.modelText());
const findings = (page: Page) => page.evaluate(() => window.__coachTest!.coach.findings().map((f) => ({ ...f })) as ShownFinding[]);
const selection = (page: Page) => page.evaluate(() => window.__coachTest!.selection());
const events = (page: Page) => page.evaluate(() => window.__coachTest!.events.map((e) => ({ ...e })));
const dialog = (page: Page) => page.locator('steady-card [role="dialog"]');

/** How many underlined ranges the page shows: Highlight API ranges, or marks in the textarea mirror. */
const underlineCount = (page: Page) =>
  page.evaluate(() => {
    const mirror = document.querySelector('steady-underlines')?.shadowRoot;
    if (mirror) return mirror.querySelectorAll('.mark').length;
    return ['steady-problem', 'steady-warning', 'steady-suggestion'].reduce((n, name) => n + (CSS.highlights.get(name)?.size ?? 0), 0);
  });

/** Centre of the first screen box of finding i's underline. */
const underlineCentre = (page: Page, i: number) =>
  page.evaluate((index) => {
    const f = window.__coachTest!.coach.findings()[index];
    const mirror = document.querySelector('steady-underlines')?.shadowRoot;
    let rect: DOMRect;
    if (mirror) rect = mirror.querySelectorAll('.mark')[index].getClientRects()[0];
    else {
      const ranges = ['steady-problem', 'steady-warning', 'steady-suggestion'].flatMap((n) => [...((CSS.highlights.get(n) as Set<Range> | undefined) ?? [])]);
      const range = ranges.find((r) => r.toString().replace(/\u00a0/g, ' ') === f.phrase)!;
      rect = range.getClientRects()[0];
    }
    return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
  }, i);

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
    const found = await findings(s.page);
    expect(found.map((f) => f.phrase)).toEqual(BOTH_PHRASES);
    await expect.poll(() => underlineCount(s.page)).toBe(found.length);
    expect(await modelText(s.page)).toBe(DRAFT);
  });

  test('a click on an underline opens the card; Escape closes it and puts the caret back', async () => {
    const at = await underlineCentre(s.page, 0);
    await s.page.mouse.click(at.x, at.y);
    await expect(dialog(s.page).isVisible()).resolves.toBe(true);
    expect(await dialog(s.page).getAttribute('aria-label')).toMatch(/Dismissive/i);
    expect(await s.page.locator('steady-card button.rewrite').count()).toBeGreaterThan(0);
    const caretBefore = await selection(s.page);
    expect(caretBefore).not.toBeNull();
    await s.page.keyboard.press('Escape');
    await expect.poll(() => dialog(s.page).count()).toBe(0);
    expect(await selection(s.page)).toEqual(caretBefore);
    expect(await modelText(s.page)).toBe(DRAFT);
  });

  test('Ctrl+. then Enter applies the first rewrite in the model; one Ctrl+Z restores the draft', async () => {
    const [first] = await findings(s.page);
    await s.page.evaluate(([a]) => window.__coachTest!.select(a, a), [first.start + 3]);
    await s.page.keyboard.press('Control+Period');
    await expect.poll(() => dialog(s.page).count()).toBe(1);
    // Focus lands on the first rewrite.
    await expect.poll(() => s.page.evaluate(() => document.querySelector('steady-card')!.shadowRoot!.activeElement?.className)).toBe('rewrite');
    await s.page.keyboard.press('Enter');

    const rewrite = first.rewrites[0];
    const expected = DRAFT.slice(0, first.start) + rewrite + DRAFT.slice(first.end);
    await expect.poll(() => modelText(s.page)).toBe(expected);
    await expect.poll(() => selection(s.page)).toEqual({ start: first.start + rewrite.length, end: first.start + rewrite.length });
    expect(await events(s.page)).toContainEqual({ type: 'applied', ruleId: first.ruleId, rewrite: 0 });

    await s.page.keyboard.press('Control+z');
    await expect.poll(() => modelText(s.page)).toBe(DRAFT);
    await expect.poll(() => findings(s.page).then((f) => f.map((x) => x.phrase))).toEqual(BOTH_PHRASES);
    await expect.poll(() => underlineCount(s.page)).toBe(2);
  });

  test('a rewrite chosen with the mouse lands once, and typing goes on right after it', async () => {
    const found = await findings(s.page);
    const second = found.find((f) => f.phrase === 'There is nothing I can do about it')!;
    const at = await underlineCentre(s.page, found.indexOf(second));
    await s.page.mouse.click(at.x, at.y);
    await expect.poll(() => dialog(s.page).count()).toBe(1);
    await s.page.locator('steady-card button.rewrite').nth(1).click();

    const rewrite = second.rewrites[1];
    const expected = DRAFT.slice(0, second.start) + rewrite + DRAFT.slice(second.end);
    await expect.poll(() => modelText(s.page)).toBe(expected);
    await s.page.keyboard.type(' Thanks');
    const caret = second.start + rewrite.length;
    await expect.poll(() => modelText(s.page)).toBe(expected.slice(0, caret) + ' Thanks' + expected.slice(caret));
  });

  test('Ignore hides that occurrence; Turn off this rule stops it everywhere', async () => {
    await s.page.waitForTimeout(UNDO_GROUP_MS);
    let found = await findings(s.page);
    const calm = found.findIndex((f) => f.ruleId === 'calm-down');
    expect(calm).toBeGreaterThanOrEqual(0);
    const text = await modelText(s.page);
    let at = await underlineCentre(s.page, calm);
    await s.page.mouse.click(at.x, at.y);
    await s.page.locator('steady-card button', { hasText: 'Ignore' }).click();
    await expect.poll(() => findings(s.page).then((f) => f.filter((x) => x.ruleId === 'calm-down').length)).toBe(0);
    expect(await modelText(s.page)).toBe(text);
    expect(await underlineCount(s.page)).toBe(found.length - 1);

    // The same rule on a different phrase still shows, until the rule is turned off.
    await s.page.keyboard.press('Control+End');
    await s.page.keyboard.type(' Just relax.');
    await expect.poll(() => findings(s.page).then((f) => f.filter((x) => x.ruleId === 'calm-down').length)).toBe(1);
    found = await findings(s.page);
    at = await underlineCentre(s.page, found.findIndex((f) => f.ruleId === 'calm-down'));
    await s.page.mouse.click(at.x, at.y);
    await s.page.locator('steady-card button', { hasText: 'Turn off this rule' }).click();
    await expect.poll(() => findings(s.page).then((f) => f.filter((x) => x.ruleId === 'calm-down').length)).toBe(0);
    expect(await events(s.page)).toContainEqual({ type: 'rule-off-callback', id: 'calm-down' });
  });

  test('a 100-character burst typed while a lint is pending loses nothing', async () => {
    await s.page.keyboard.press('Control+End');
    const before = await modelText(s.page);
    const burst = ' Calm down please, I will check your order history and come back to you with a full answer today.';
    expect(burst.length).toBeGreaterThanOrEqual(95);
    await s.page.keyboard.type(burst, { delay: 0 });
    await expect.poll(() => modelText(s.page)).toBe(before + burst);
    expect(await s.page.evaluate(() => window.__coachTest!.draftText())).toBe(before + burst);
  });

  test('no page errors and no coach errors', async () => {
    expect(s.errors).toEqual([]);
    expect((await events(s.page)).filter((e) => e.type === 'error')).toEqual([]);
  });
});
