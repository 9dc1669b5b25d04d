/**
 * What the agent learns without opening a card, in real editors (a
 * contenteditable underlined through the Highlight API, and a textarea under
 * its mirror): the badge names how many findings there are and the worst one's
 * severity, in colour, shape and words; resting the pointer on an underline
 * previews the finding, without touching the editor's DOM. With a card open,
 * Tab from the composer reaches it (Shift+Tab comes back), and Escape closes it
 * from anywhere.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { EditorKind } from '../editor-pages/editors';
import {
  startEditorBrowser, modelText, findings, openCards, underlineCentre, composerHtml, focusedCardButton, composerHasFocus, selection,
  type EditorBrowser, type Session,
} from '../editor-pages/session';
import { seriousViolations } from '../support/axe';
import { accessibleButtons, inShadows, shownElement, shownStyle, shownText } from '../support/steady-ui';

const ONLY_SUGGESTIONS = 'According to you, the item never arrived. The parcel probably left on Monday.';
const WITH_A_PROBLEM = ' That is not our fault.';
const EDITORS: EditorKind[] = ['plain', 'textarea'];

let editors: EditorBrowser;

beforeAll(async () => {
  editors = await startEditorBrowser();
});

afterAll(async () => {
  await editors?.close();
});

/** The badge's button attribute, as a screen reader and the page's styles see it. */
const badgeAttr = async (s: Session, name: string) => (await shownElement(s.page, 'steady-badge', 'button.badge'))?.attrs[name] ?? null;
/** The worst severity's sign: points of its outline (octagon 8, triangle 3), or a circle. */
const badgeShape = async (s: Session) =>
  (
    await inShadows(s.page, 'steady-badge', (root) => {
      const outline = root.querySelector('svg.shape')!.querySelector('polygon');
      return outline ? `${outline.getAttribute('points')!.trim().split(/\s+/).length}-gon` : 'circle';
    })
  )[0];
const badgeFill = (s: Session) => shownStyle(s.page, 'steady-badge', 'button.badge', 'background-color');
/** The hover preview's text, or null while none shows. */
const previewText = (s: Session) => shownText(s.page, 'steady-preview', '[role="tooltip"]');

describe.each(EDITORS)('%s', (kind) => {
  let s: Session;
  beforeAll(async () => {
    s = await editors.openEditor(kind);
  });
  afterAll(async () => {
    await s?.page.close();
  });

  test('the badge names the findings and shows the worst severity by shape and colour', async () => {
    await s.page.click(s.composer);
    await s.page.keyboard.type(ONLY_SUGGESTIONS);
    await expect.poll(() => modelText(s.page)).toBe(ONLY_SUGGESTIONS);
    await expect.poll(() => badgeAttr(s, 'aria-label')).toBe('Steady, 2 suggestions, nothing serious. Open the first one');
    expect(await accessibleButtons(s.page, 'Steady, 2 suggestions, nothing serious. Open the first one')).toBe(1);
    expect(await badgeAttr(s, 'data-severity')).toBe('suggestion');
    expect(await badgeShape(s)).toBe('circle');
    const suggestionFill = await badgeFill(s);

    await s.page.keyboard.type(WITH_A_PROBLEM);
    await expect.poll(() => findings(s.page).then((f) => f.map((x) => x.severity))).toContain('problem');
    await expect.poll(() => badgeAttr(s, 'aria-label')).toBe('Steady, 3 suggestions: 1 problem. Open the first one');
    expect(await accessibleButtons(s.page, 'Steady, 3 suggestions: 1 problem. Open the first one')).toBe(1);
    expect(await badgeAttr(s, 'data-severity')).toBe('problem');
    expect(await badgeShape(s)).toBe('8-gon');
    expect(await badgeFill(s)).not.toBe(suggestionFill);
    // The visible text stays the count.
    expect(await shownText(s.page, 'steady-badge', 'button.badge')).toBe('3');
    expect(await seriousViolations(s.page, 'steady-badge')).toEqual([]);
  });

  test('resting the pointer on an underline previews the finding; moving away hides it; a click opens the card', async () => {
    const found = await findings(s.page);
    const index = found.findIndex((f) => f.severity === 'problem');
    const finding = found[index];
    const html = await composerHtml(s);
    const at = await underlineCentre(s.page, index);
    await s.page.mouse.move(at.x, at.y);
    await expect.poll(() => previewText(s)).toContain(`Try: “${finding.rewrites[0]}”`);
    const text = (await previewText(s))!;
    expect(text).toMatch(/^Problem/);
    expect(text).not.toContain(finding.ruleId);
    expect(await composerHtml(s)).toBe(html);
    expect(await seriousViolations(s.page, 'steady-preview')).toEqual([]);

    // Away from the underline (over the page), the preview goes.
    await s.page.mouse.move(2, 2);
    await expect.poll(() => previewText(s)).toBeNull();

    // Back on it and a click: the card opens and the preview makes way.
    await s.page.mouse.move(at.x, at.y);
    await expect.poll(() => previewText(s)).not.toBeNull();
    await s.page.mouse.click(at.x, at.y);
    await expect.poll(() => openCards(s.page)).toBe(1);
    expect(await previewText(s)).toBeNull();
    expect(await shownText(s.page, 'steady-card', '[role="dialog"] .phrase')).toBe(`“${finding.phrase}”`);
    await s.page.keyboard.press('Escape');
    await expect.poll(() => openCards(s.page)).toBe(0);
  });

  test('with a card open, Tab from the composer reaches it and Shift+Tab comes back; Escape closes it from another field', async () => {
    // The page's next field after the editor, where Tab goes when no card is open.
    await s.page.evaluate(() => document.getElementById('mount')!.insertAdjacentHTML('afterend', '<input id="next-field" aria-label="Next field">'));
    const nextFieldFocused = () => s.page.evaluate(() => document.activeElement?.id === 'next-field');
    await s.page.evaluate(() => window.__coachTest!.select(3, 3));
    await s.page.keyboard.press('Tab');
    await expect.poll(nextFieldFocused).toBe(true);

    const found = await findings(s.page);
    const at = await underlineCentre(s.page, 0);
    await s.page.mouse.click(at.x, at.y);
    await expect.poll(() => openCards(s.page)).toBe(1);
    expect(await composerHasFocus(s)).toBe(true);
    const caret = await selection(s.page);
    await s.page.keyboard.press('Tab');
    await expect.poll(() => focusedCardButton(s.page)).toBe(found[0].rewrites[0]);
    expect(await nextFieldFocused()).toBe(false);
    await s.page.keyboard.press('Shift+Tab');
    await expect.poll(() => composerHasFocus(s)).toBe(true);
    expect(await selection(s.page)).toEqual(caret);
    expect(await openCards(s.page)).toBe(1);

    await s.page.locator('#next-field').focus();
    await s.page.keyboard.press('Escape');
    await expect.poll(() => openCards(s.page)).toBe(0);
    expect(await nextFieldFocused()).toBe(true);
    expect(await modelText(s.page)).toBe(ONLY_SUGGESTIONS + WITH_A_PROBLEM);
  });
});
