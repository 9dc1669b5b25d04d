/**
 * Steady's card, badge, hover preview, toast and textarea underlines live in
 * closed shadow roots: page script, and so Playwright's locators, cannot reach
 * inside. Tests read them as devtools does, over the Chrome DevTools Protocol:
 * DOM.getDocument with `pierce` reaches closed roots, DOM.resolveNode and
 * Runtime.callFunctionOn read them, and clicks go to the element's place on
 * screen through page.mouse, as the agent's own clicks do. Chromium only
 * (Firefox has no CDP; tests/e2e/firefox.e2e.ts uses the keyboard instead).
 */
import type { CDPSession, Page } from 'playwright-core';

export type SteadyTag = 'steady-card' | 'steady-badge' | 'steady-preview' | 'steady-toast' | 'steady-underlines';

interface DomNode {
  localName?: string;
  backendNodeId: number;
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

const sessions = new WeakMap<Page, Promise<CDPSession>>();
const cdpOf = (page: Page): Promise<CDPSession> => {
  let session = sessions.get(page);
  if (!session) sessions.set(page, (session = page.context().newCDPSession(page)));
  return session;
};

const OBJECT_GROUP = 'steady-ui';

/**
 * Runs `read` on the shadow root of each `tag` host of the top document, in
 * document order, in the page's main world (the only thing a test can do that
 * page script cannot: hold the closed root). `read` is sent as source, so it
 * may use only its arguments.
 */
export async function inShadows<R, A = undefined>(page: Page, tag: SteadyTag, read: (root: ShadowRoot, arg: A) => R, arg?: A): Promise<Awaited<R>[]> {
  const cdp = await cdpOf(page);
  // Steady appends its hosts to <html>: document → html → host → shadow root is all the walk needs (a whole
  // page's tree, on every poll, would be slow on a loaded machine).
  const { root } = (await cdp.send('DOM.getDocument', { depth: 4, pierce: true })) as { root: DomNode };
  const shadowRoots: number[] = [];
  const walk = (node: DomNode) => {
    if (node.localName === tag && node.shadowRoots?.[0]) shadowRoots.push(node.shadowRoots[0].backendNodeId);
    node.children?.forEach(walk);
    node.shadowRoots?.forEach(walk);
  };
  walk(root);
  try {
    const results: Awaited<R>[] = [];
    for (const backendNodeId of shadowRoots) {
      const { object } = await cdp.send('DOM.resolveNode', { backendNodeId, objectGroup: OBJECT_GROUP });
      const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
        objectId: object.objectId,
        functionDeclaration: `function (arg) { return (${read.toString()})(this, arg); }`,
        arguments: [{ value: arg ?? null }],
        returnByValue: true,
        awaitPromise: true,
      });
      if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
      results.push(result.value as Awaited<R>);
    }
    return results;
  } catch (error) {
    // A host removed between the walk and the call (the card closing) reads as absent.
    if (/No node with given id|Could not find node|Cannot find context/.test(String(error))) return [];
    throw error;
  } finally {
    await cdp.send('Runtime.releaseObjectGroup', { objectGroup: OBJECT_GROUP }).catch(() => {});
  }
}

/** One element inside a host: the first match of `selector` whose text includes `hasText` (the nth such, from 0). */
export interface ShadowTarget {
  selector: string;
  hasText?: string;
  nth?: number;
}

const target = (t: string | ShadowTarget): ShadowTarget => (typeof t === 'string' ? { selector: t } : t);

/** What the test reads of each matching element: its text, attributes, whether it is shown, and its centre on screen. */
export interface ShadowElement {
  text: string;
  attrs: Record<string, string>;
  visible: boolean;
  /** Centre. */
  x: number;
  y: number;
  box: { x: number; y: number; width: number; height: number };
  focused: boolean;
}

/** Every element matching the target across the tag's hosts, in order. */
export async function shadowElements(page: Page, tag: SteadyTag, what: string | ShadowTarget): Promise<ShadowElement[]> {
  const { selector, hasText } = target(what);
  const perHost = await inShadows(
    page,
    tag,
    (root, [sel, text]) =>
      [...root.querySelectorAll(sel)]
        .filter((el) => text === null || (el.textContent ?? '').includes(text))
        .map((el) => {
          const r = el.getBoundingClientRect();
          const host = root.host as HTMLElement;
          return {
            text: el.textContent ?? '',
            attrs: Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])),
            visible: host.style.display !== 'none' && r.width > 0 && r.height > 0,
            x: r.left + r.width / 2,
            y: r.top + r.height / 2,
            box: { x: r.left, y: r.top, width: r.width, height: r.height },
            focused: root.activeElement === el,
          };
        }),
    [selector, hasText ?? null] as const,
  );
  return perHost.flat();
}

/** The shown element of the target (the nth, from 0), or undefined. */
export async function shownElement(page: Page, tag: SteadyTag, what: string | ShadowTarget): Promise<ShadowElement | undefined> {
  return (await shadowElements(page, tag, what)).filter((el) => el.visible)[target(what).nth ?? 0];
}

/** Text of the shown element of the target, or null (as Playwright's textContent of a locator that may be absent). */
export async function shownText(page: Page, tag: SteadyTag, what: string | ShadowTarget): Promise<string | null> {
  return (await shownElement(page, tag, what))?.text ?? null;
}

/** Texts of all shown elements of the target. */
export async function shownTexts(page: Page, tag: SteadyTag, what: string | ShadowTarget): Promise<string[]> {
  return (await shadowElements(page, tag, what)).filter((el) => el.visible).map((el) => el.text);
}

/** How many shown elements match the target. */
export async function shownCount(page: Page, tag: SteadyTag, what: string | ShadowTarget): Promise<number> {
  return (await shadowElements(page, tag, what)).filter((el) => el.visible).length;
}

/** Waits for the target to be shown (polling, no fixed delay) and returns it. */
export async function waitForShown(page: Page, tag: SteadyTag, what: string | ShadowTarget, timeout = 30_000): Promise<ShadowElement> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const found = await shownElement(page, tag, what);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`${tag} ${JSON.stringify(what)} was not shown within ${timeout} ms`);
    await page.waitForTimeout(100);
  }
}

/** Waits until no element of the target is shown. */
export async function waitForHidden(page: Page, tag: SteadyTag, what: string | ShadowTarget, timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while ((await shownCount(page, tag, what)) > 0) {
    if (Date.now() > deadline) throw new Error(`${tag} ${JSON.stringify(what)} was still shown after ${timeout} ms`);
    await page.waitForTimeout(100);
  }
}

/**
 * Clicks the target where it is on screen, once it is shown and has stopped moving, as the agent would
 * (and as Playwright's own clicks wait for a stable box): a card moves with its phrase as the coach re-lints.
 */
export async function clickShown(page: Page, tag: SteadyTag, what: string | ShadowTarget, timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let at = await waitForShown(page, tag, what, timeout);
  for (;;) {
    await page.waitForTimeout(50);
    const now = await waitForShown(page, tag, what, Math.max(0, deadline - Date.now()));
    if (now.x === at.x && now.y === at.y) break;
    if (Date.now() > deadline) throw new Error(`${tag} ${JSON.stringify(what)} kept moving for ${timeout} ms`);
    at = now;
  }
  await page.mouse.click(at.x, at.y);
}

/** The focused element inside the tag's shadow root: a rewrite names its text in data-rewrite, other buttons by their text. */
export async function focusedIn(page: Page, tag: SteadyTag): Promise<{ className: string; label: string } | null> {
  const [focused = null] = (
    await inShadows(page, tag, (root) => {
      const active = root.activeElement;
      return active ? { className: active.className, label: active.getAttribute('data-rewrite') ?? active.textContent ?? '' } : null;
    })
  ).filter((f) => f !== null);
  return focused;
}

/** Waits until the card's focused button is the rewrite that inserts `text` (Ctrl+. focuses the first). */
export async function waitForFocusedRewrite(page: Page, text: string, timeout = 20_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while ((await focusedIn(page, 'steady-card'))?.label !== text) {
    if (Date.now() > deadline) throw new Error(`the card's rewrite "${text}" did not get focus within ${timeout} ms`);
    await page.waitForTimeout(50);
  }
}

/** The open card's dialog, or undefined. */
export const cardDialog = (page: Page) => shownElement(page, 'steady-card', '[role="dialog"]');
/** Waits for the card to open. */
export const waitForCard = (page: Page, timeout?: number) => waitForShown(page, 'steady-card', '[role="dialog"]', timeout);
/** Waits for the card to close. */
export const waitForCardClosed = (page: Page, timeout?: number) => waitForHidden(page, 'steady-card', '[role="dialog"]', timeout);
/** Clicks a button of the open card: by its text, or the nth rewrite. */
export const clickCardButton = (page: Page, hasText: string) => clickShown(page, 'steady-card', { selector: 'button', hasText });
export const clickRewrite = (page: Page, nth = 0) => clickShown(page, 'steady-card', { selector: 'button.rewrite', nth });
/** The text the nth rewrite button inserts. */
export const rewriteText = async (page: Page, nth = 0) => (await waitForShown(page, 'steady-card', { selector: 'button.rewrite', nth })).attrs['data-rewrite']!;
/** The count the shown badge says, or null. */
export const badgeText = (page: Page) => shownText(page, 'steady-badge', 'button.badge');
/** Marks the textarea underlines draw, by their text. */
export const mirrorMarks = async (page: Page) => (await shadowElements(page, 'steady-underlines', '.mark')).map((mark) => mark.text);

/**
 * axe, like page script, cannot see into a closed root: an open copy of each
 * shown host of the tag (its styles and content, at the same place) for it to
 * check. Returns the copies' selector; remove them after.
 */
export async function openCopies(page: Page, tag: SteadyTag): Promise<{ selector: string; remove(): Promise<void> }> {
  const selector = 'steady-axe-copy';
  await inShadows(
    page,
    tag,
    (root, name) => {
      const host = root.host as HTMLElement;
      if (host.style.display === 'none') return;
      const copy = document.createElement(name);
      copy.style.cssText = host.style.cssText;
      // Over the original, it must not take the pointer (a toast stays up while the pointer rests on it).
      copy.style.pointerEvents = 'none';
      copy.attachShadow({ mode: 'open' }).append(...[...root.childNodes].map((node) => node.cloneNode(true)));
      document.documentElement.append(copy);
    },
    selector,
  );
  return { selector, remove: () => page.evaluate((sel) => document.querySelectorAll(sel).forEach((copy) => copy.remove()), selector) };
}

/** A computed style property of the first shown element of the target (the colour the agent sees), or null. */
export async function shownStyle(page: Page, tag: SteadyTag, selector: string, property: string): Promise<string | null> {
  const values = await inShadows(
    page,
    tag,
    (root, [sel, prop]) => {
      const host = root.host as HTMLElement;
      const el = root.querySelector(sel);
      return host.style.display !== 'none' && el ? getComputedStyle(el).getPropertyValue(prop) : null;
    },
    [selector, property] as const,
  );
  return values.find((value) => value !== null) ?? null;
}

/** How many buttons of the page's accessibility tree (which includes closed shadow roots, as a screen reader hears them) have this name. */
export async function accessibleButtons(page: Page, name: string): Promise<number> {
  const { nodes } = (await (await cdpOf(page)).send('Accessibility.getFullAXTree')) as { nodes: { ignored?: boolean; role?: { value?: string }; name?: { value?: string } }[] };
  return nodes.filter((node) => !node.ignored && node.role?.value === 'button' && node.name?.value === name).length;
}

/** Centre of the first screen box of the textarea underline whose text is `phrase` (where the agent clicks it), or null. */
export async function mirrorMarkCentre(page: Page, phrase: string): Promise<{ x: number; y: number } | null> {
  const found = await inShadows(
    page,
    'steady-underlines',
    (root, wanted) => {
      const rect = [...root.querySelectorAll('.mark')].find((mark) => mark.textContent === wanted)?.getClientRects()[0];
      return rect ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 } : null;
    },
    phrase,
  );
  return found.find((at) => at !== null) ?? null;
}

/** The text the textarea's underline mirror holds (refilled with the field's text at every lint). */
export async function mirrorText(page: Page): Promise<string> {
  const [text = ''] = await inShadows(page, 'steady-underlines', (root) => root.querySelector('.mirror')?.textContent ?? '');
  return text;
}
