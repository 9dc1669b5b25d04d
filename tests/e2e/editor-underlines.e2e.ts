/**
 * The reading and drawing layers in real Chromium: the text map holds on
 * random editor-shaped DOM as rendered by the browser, the textarea mirror
 * stays aligned through scrolling and resizing, underlines go when their text
 * is edited away, and attaching/detaching the coach leaves no trace.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import fc from 'fast-check';
import { draftBodyArb, draftHtml } from '../editor-pages/draft-arbitrary';
import { cardDialog, inShadows, waitForCard } from '../support/steady-ui';
import { startEditorBrowser, findings, underlineCount, modelText, type EditorBrowser } from '../editor-pages/session';

let editors: EditorBrowser;

beforeAll(async () => {
  editors = await startEditorBrowser();
});

afterAll(async () => {
  await editors?.close();
});

test('text map: every toRange(s, e) holds exactly text.slice(s, e) and maps back, on 150 random bodies', async () => {
  const s = await editors.openEditor('plain');
  const bodies = fc.sample(draftBodyArb.map(draftHtml), { numRuns: 150, seed: 42 });
  const failures = await s.page.evaluate((htmls) => {
    // A box of its own, so the coach on the test page's composer does not re-lint every body.
    const box = document.body.appendChild(document.createElement('div'));
    box.contentEditable = 'true';
    const out: string[] = [];
    for (const html of htmls) {
      box.innerHTML = html;
      const draft = window.__readDraft!(box);
      const n = draft.text.length;
      for (let a = 0; a <= n; a++) {
        const r = draft.toRange(a, a)!;
        if (draft.offsetOf(r.startContainer, r.startOffset) !== a) out.push(`offset ${a} of ${JSON.stringify(draft.text)} in ${html}`);
        for (let b = a; b <= n; b += 5) {
          const holder = document.createElement('div');
          holder.appendChild(draft.toRange(a, b)!.cloneContents());
          const got = window.__readDraft!(holder).text.replace(/\n/g, '');
          if (got !== draft.text.slice(a, b).replace(/\n/g, '')) out.push(`[${a},${b}) of ${JSON.stringify(draft.text)} in ${html}`);
        }
      }
    }
    return out.slice(0, 5);
  }, bodies);
  expect(failures).toEqual([]);
  expect(s.errors).toEqual([]);
  await s.page.close();
});

test('textarea mirror matches the field box, wrapping and scroll, through scrolling and resizing', async () => {
  const s = await editors.openEditor('textarea');
  await s.page.click('textarea');
  const filler = 'We are looking into the order and will write back as soon as the courier replies. ';
  await s.page.keyboard.insertText(filler.repeat(12) + 'Please calm down.');
  await s.page.keyboard.type(' Ok');
  await expect.poll(() => underlineCount(s.page)).toBe(1);

  const geometry = async () =>
    (await inShadows(s.page, 'steady-underlines', (root) => {
      const field = document.querySelector('textarea')!;
      const mirror = root.querySelector<HTMLElement>('.mirror')!;
      const f = field.getBoundingClientRect();
      const m = mirror.getBoundingClientRect();
      const mark = mirror.querySelector('.mark')!.getBoundingClientRect();
      return {
        box: [m.left - f.left, m.top - f.top, m.width - f.width, m.height - f.height].map(Math.round),
        scroll: [field.scrollTop, mirror.scrollTop],
        heights: [field.scrollHeight, mirror.scrollHeight],
        markVisible: mark.bottom > f.top && mark.top < f.bottom,
        pointerEvents: getComputedStyle(mirror).pointerEvents,
      };
    }))[0]!;

  let g = await geometry();
  expect(g.box).toEqual([0, 0, 0, 0]);
  expect(g.scroll[0]).toBeGreaterThan(0);
  expect(g.scroll[1]).toBe(g.scroll[0]);
  expect(g.heights[1]).toBe(g.heights[0]);
  expect(g.markVisible).toBe(true);
  expect(g.pointerEvents).toBe('none');

  await s.page.evaluate(() => (document.querySelector('textarea')!.scrollTop = 0));
  await expect.poll(() => geometry().then((x) => x.scroll)).toEqual([0, 0]);
  expect((await geometry()).markVisible).toBe(false);

  await s.page.evaluate(() => {
    const field = document.querySelector('textarea')!;
    field.style.width = '420px';
    field.style.fontSize = '18px';
    document.body.style.height = '3000px';
    window.scrollTo(0, 40);
  });
  await expect.poll(() => geometry().then((x) => x.box)).toEqual([0, 0, 0, 0]);
  g = await geometry();
  expect(g.heights[1]).toBe(g.heights[0]);
  expect(s.errors).toEqual([]);
  await s.page.close();
});

for (const kind of ['prosemirror', 'textarea'] as const) {
  test(`${kind}: an underline goes when its phrase is edited away, and the draft keeps what was typed`, async () => {
    const s = await editors.openEditor(kind);
    await s.page.click(s.composer);
    await s.page.keyboard.type('Please calm down. Thanks');
    await expect.poll(() => underlineCount(s.page)).toBe(1);
    const [calm] = await findings(s.page);
    await s.page.evaluate(([a, b]) => window.__coachTest!.select(a, b), [calm.start, calm.end]);
    await s.page.keyboard.type('We are on it');
    await expect.poll(() => findings(s.page).then((f) => f.map((x) => x.ruleId))).not.toContain('calm-down');
    expect(await underlineCount(s.page)).toBe((await findings(s.page)).length);
    expect(await modelText(s.page)).toBe('We are on it. Thanks');
    await s.page.close();
  });
}

test('attaching and detaching the coach moves nothing on the page and leaves no trace', async () => {
  const s = await editors.openEditor('ckeditor');
  await s.page.click(s.composer);
  await s.page.keyboard.type('Please calm down.');
  await expect.poll(() => underlineCount(s.page)).toBe(1);
  const layout = () =>
    s.page.evaluate((sel) => {
      const r = document.querySelector(sel)!.getBoundingClientRect();
      return [r.left, r.top, r.width, r.height, document.documentElement.scrollHeight, document.documentElement.scrollWidth];
    }, s.composer);
  const html = () => s.page.locator(s.composer).evaluate((el) => el.innerHTML);
  const withCoach = await layout();
  const editorHtml = await html();
  await s.page.evaluate(() => window.__coachTest!.coach.detach());
  expect(await layout()).toEqual(withCoach);
  expect(await html()).toBe(editorHtml);
  expect(await underlineCount(s.page)).toBe(0);
  expect(await s.page.evaluate(() => document.querySelectorAll('steady-card, steady-badge, steady-preview, steady-underlines').length)).toBe(0);
  expect(s.errors).toEqual([]);
  await s.page.close();
});

test('the card stays inside the viewport when the phrase is near its bottom-right edge', async () => {
  const s = await editors.openEditor('textarea');
  await s.page.setViewportSize({ width: 520, height: 330 });
  await s.page.click('textarea');
  await s.page.keyboard.type('Thanks for waiting, we will sort the refund today. Please calm down');
  await expect.poll(() => underlineCount(s.page)).toBe(1);
  await s.page.keyboard.press('Control+Period');
  await waitForCard(s.page);
  const box = (await cardDialog(s.page))!.box;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(520);
  expect(box.y + box.height).toBeLessThanOrEqual(330);
  expect(await inShadows(s.page, 'steady-card', (root) => getComputedStyle(root.host).zIndex)).toEqual(['2147483000']);
  await s.page.close();
});
