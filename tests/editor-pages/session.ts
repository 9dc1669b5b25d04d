/**
 * Drives the editor test pages in headless Chromium (playwright-core): one
 * browser, one page per editor, the coach attached with the built-in rule pack
 * read from rules/*.yaml, plus what tests read back from the page.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumPath } from '../support/chromium';
import { QUIET_CHROMIUM } from '../support/steady-browser';
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
      await page.waitForFunction(() => window.__editor || window.__editorError, null, { timeout: 120_000 });
      const failed = await page.evaluate(() => window.__editorError);
      if (failed) throw new Error(`${kind} did not start: ${failed}`);
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

export const modelText = (page: Page) => page.evaluate(() => window.__editor!.modelText());
export const findings = (page: Page) => page.evaluate(() => window.__coachTest!.coach.findings().map((f) => ({ ...f })) as ShownFinding[]);
export const selection = (page: Page) => page.evaluate(() => window.__coachTest!.selection());
export const events = (page: Page) => page.evaluate(() => window.__coachTest!.events.map((e) => ({ ...e })));
export const dialog = (page: Page) => page.locator('steady-card [role="dialog"]');

/** How many underlined ranges the page shows: Highlight API ranges, or marks in the textarea mirror. */
export const underlineCount = (page: Page) =>
  page.evaluate(() => {
    const mirror = document.querySelector('steady-underlines')?.shadowRoot;
    if (mirror) return mirror.querySelectorAll('.mark').length;
    return ['steady-problem', 'steady-warning', 'steady-suggestion'].reduce((n, name) => n + (CSS.highlights.get(name)?.size ?? 0), 0);
  });

/** Centre of the first screen box of finding i's underline. */
export const underlineCentre = (page: Page, i: number) =>
  page.evaluate((index) => {
    const f = window.__coachTest!.coach.findings()[index];
    const mirror = document.querySelector('steady-underlines')?.shadowRoot;
    let rect: DOMRect;
    if (mirror) rect = [...mirror.querySelectorAll('.mark')].find((m) => m.textContent === f.phrase)!.getClientRects()[0];
    else {
      const ranges = ['steady-problem', 'steady-warning', 'steady-suggestion'].flatMap((n) => [...((CSS.highlights.get(n) as Set<Range> | undefined) ?? [])]);
      const range = ranges.find((r) => r.toString().replace(/\u00a0/g, ' ') === f.phrase)!;
      rect = range.getClientRects()[0];
    }
    return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
  }, i);

export const focusedCardButton = (page: Page) =>
  page.evaluate(() => {
    const active = document.querySelector('steady-card')?.shadowRoot?.activeElement;
    // A rewrite button shows a preview of the whole sentence; it names its rewrite in data-rewrite.
    return active?.getAttribute('data-rewrite') ?? active?.textContent ?? null;
  });
export const composerHasFocus = (s: Session) =>
  s.page.locator(s.composer).evaluate((el) => el === document.activeElement || el.contains(document.activeElement));
export const composerHtml = (s: Session) => s.page.locator(s.composer).evaluate((el) => el.outerHTML);
