/**
 * Drives the editor test pages in headless Chromium (playwright-core): one
 * browser, one page per editor, the coach attached with the built-in rule pack
 * read from rules/*.yaml, plus what tests read back from the page.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumPath } from '../support/chromium';
import { QUIET_CHROMIUM } from '../support/steady-browser';
import { focusedIn, inShadows, shownCount } from '../support/steady-ui';
import { buildBuiltinPack } from '../../lib/engine/rule-files';
import { readRuleFiles } from '../../lib/node/rule-files';
import { serveEditorPages, type EditorPages } from './serve';
import type { EditorKind } from './editors';
import type { ShownFinding } from '../../lib/editor/coach';

export interface Session {
  page: Page;
  /** Evaluates an expression in the coach's world (the page's, or the isolated one). */
  inCoach<T>(expression: string): Promise<T>;
  /** Uncaught page exceptions. */
  errors: string[];
  /** Selector of the element the coach is attached to. */
  composer: string;
  /** Selector of the iframe holding the composer, for editors in classic (iframe) mode. */
  frame?: string;
}

/** The composer as Playwright reaches it, inside its iframe when there is one. */
export const composerLocator = (s: Session) => (s.frame ? s.page.frameLocator(s.frame).locator(s.composer) : s.page.locator(s.composer));

export interface EditorBrowser {
  /** The page with its editor; the coach runs in the page's world unless `isolated`, where it runs as a content script would. */
  openEditor(kind: EditorKind, options?: { isolated?: boolean }): Promise<Session>;
  close(): Promise<void>;
}

export async function startEditorBrowser(): Promise<EditorBrowser> {
  const pages: EditorPages = await serveEditorPages();
  const browser: Browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: QUIET_CHROMIUM,
  });
  const pack = JSON.stringify(buildBuiltinPack(readRuleFiles()));
  return {
    async openEditor(kind, options = {}) {
      // A context of its own (not newPage's implicit one), so axe-core can check the page; it goes with the page.
      const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
      const page = await context.newPage();
      page.once('close', () => void context.close().catch(() => {}));
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.addInitScript(`window.__steadyPack = ${pack};`);
      // Editor bundles are large: on a loaded machine the first load takes a while.
      await page.goto(pages.url(kind), { timeout: 120_000 });
      await waitForEditor(page, kind);
      const { composer, frame } = await page.evaluate(() => ({ composer: window.__editor!.composer, frame: window.__editor!.frame }));
      if (!options.isolated) {
        await page.evaluate(([sel, fr]) => window.__attachCoach!(sel!, fr), [composer, frame]);
        return { page, errors, composer, frame, inCoach: (expression) => page.evaluate(expression) };
      }
      // The way Chromium runs a content script: same DOM, its own JavaScript globals.
      const cdp = await page.context().newCDPSession(page);
      const { frameTree } = await cdp.send('Page.getFrameTree');
      const { executionContextId } = await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'steady-test' });
      const inCoach = async <T>(expression: string): Promise<T> => {
        const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, contextId: executionContextId, returnByValue: true, awaitPromise: true });
        if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
        return result.value as T;
      };
      await inCoach(`window.__steadyPack = ${pack};\n${pages.coachScript};\nwindow.__attachCoach(${JSON.stringify(composer)}, ${JSON.stringify(frame)})`);
      return { page, errors, composer, frame, inCoach };
    },
    async close() {
      await browser.close();
      await pages.close();
    },
  };
}

/** Waits for the editor test page's editor to start; throws with the editor's own error when it did not. */
export async function waitForEditor(page: Page, kind: EditorKind): Promise<void> {
  await page.waitForFunction(() => window.__editor || window.__editorError, null, { timeout: 120_000 });
  const failed = await page.evaluate(() => window.__editorError);
  if (failed) throw new Error(`${kind} did not start: ${failed}`);
}

export const modelText = (page: Page) => page.evaluate(() => window.__editor!.modelText());
/** In the coach's world: its findings once its latest lint read the draft now in the editor, else null. */
function currentFindings(): ShownFinding[] | null {
  const test = window.__coachTest!;
  const lints = test.events.filter((e) => e.type === 'findings');
  return lints.at(-1)?.text === test.draftText() ? test.coach.findings().map((f) => ({ ...f })) : null;
}
const FINDINGS_TIMEOUT_MS = 20_000;

/**
 * The coach's findings, once its latest lint read the draft now in the editor: an earlier lint's (of a
 * half-typed draft) offsets and rewrites are stale. Waits for that lint (findingsOf: for a draft the test knows).
 */
export async function findings(page: Page): Promise<ShownFinding[]> {
  const current = await page.waitForFunction(currentFindings, null, { polling: 50, timeout: FINDINGS_TIMEOUT_MS });
  return (await current.jsonValue()) as ShownFinding[];
}

/** findings() of a coach running in an isolated world, which the page's own world cannot see. */
export const isolatedFindings = (s: Session) =>
  s.inCoach<ShownFinding[]>(`new Promise((resolve, reject) => {
    const deadline = Date.now() + ${FINDINGS_TIMEOUT_MS};
    const check = () => {
      const found = (${currentFindings.toString()})();
      if (found) resolve(found);
      else if (Date.now() > deadline) reject(new Error('The coach did not lint the draft now in the editor.'));
      else setTimeout(check, 50);
    };
    check();
  })`);
/** The coach's findings once its latest lint read exactly `text`, else null: an earlier lint's offsets and rewrites are stale. */
export const findingsOf = (page: Page, text: string) =>
  page.evaluate((wanted) => {
    const test = window.__coachTest!;
    const lints = test.events.filter((e) => e.type === 'findings');
    return lints.at(-1)?.text === wanted ? test.coach.findings().map((f) => ({ ...f })) : null;
  }, text) as Promise<ShownFinding[] | null>;
export const selection = (page: Page) => page.evaluate(() => window.__coachTest!.selection());
export const events = (page: Page) => page.evaluate(() => window.__coachTest!.events.map((e) => ({ ...e })));
/** How many suggestion cards are open (0 or 1). */
export const openCards = (page: Page) => shownCount(page, 'steady-card', '[role="dialog"]');

/** How many underlined ranges the page shows: marks in the textarea mirror, or Highlight API ranges. */
export async function underlineCount(page: Page): Promise<number> {
  const mirrors = await inShadows(page, 'steady-underlines', (root) => root.querySelectorAll('.mark').length);
  if (mirrors.length > 0) return mirrors[0]!;
  return page.evaluate(() => ['steady-problem', 'steady-warning', 'steady-suggestion'].reduce((n, name) => n + (CSS.highlights.get(name)?.size ?? 0), 0));
}

/** Centre of the first screen box of finding i's underline. */
export async function underlineCentre(page: Page, i: number): Promise<{ x: number; y: number }> {
  const phrase = (await findings(page))[i]!.phrase;
  const [inMirror] = await inShadows(
    page,
    'steady-underlines',
    (root, wanted) => {
      const rect = [...root.querySelectorAll('.mark')].find((m) => m.textContent === wanted)!.getClientRects()[0]!;
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    },
    phrase,
  );
  if (inMirror) return inMirror;
  return page.evaluate((wanted) => {
    const ranges = ['steady-problem', 'steady-warning', 'steady-suggestion'].flatMap((n) => [...((CSS.highlights.get(n) as Set<Range> | undefined) ?? [])]);
    const rect = ranges.find((r) => r.toString().replace(/\u00a0/g, ' ') === wanted)!.getClientRects()[0]!;
    return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
  }, phrase);
}

/** The card's focused button: a rewrite by the text it inserts (its data-rewrite; it shows a preview of the whole sentence), others by their text. */
export const focusedCardButton = async (page: Page) => (await focusedIn(page, 'steady-card'))?.label ?? null;
export const composerHasFocus = (s: Session) =>
  s.page.locator(s.composer).evaluate((el) => {
    // The composer's own tree: in a shadow root, the document's active element is the host.
    const active = (el.getRootNode() as Document | ShadowRoot).activeElement;
    return el === active || el.contains(active);
  });
export const composerHtml = (s: Session) => s.page.locator(s.composer).evaluate((el) => el.outerHTML);
