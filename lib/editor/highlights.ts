/**
 * Underlines for contenteditable composers via the CSS Custom Highlight API:
 * nothing is written into the editor's DOM, so its framework never sees us.
 * Highlight names are a page-wide registry, so they are prefixed, and ranges
 * of every coached composer on the page are merged per name.
 */
import type { Severity } from '../engine/types';
import type { Mark, UnderlineLayer } from './underlines';
import { underlineCss } from './underline-style';
import { trackBox } from './track';

const STYLE_ID = 'steady-highlight-style';
const NAME: Record<Severity | 'active', string> = {
  problem: 'steady-problem',
  warning: 'steady-warning',
  suggestion: 'steady-suggestion',
  active: 'steady-active',
};
/** Colour plus a line style per severity, so they differ without colour vision too. */
const STYLE = `
::highlight(steady-problem) { ${underlineCss('problem')} }
::highlight(steady-warning) { ${underlineCss('warning')} }
::highlight(steady-suggestion) { ${underlineCss('suggestion')} }
::highlight(steady-active) { background-color: rgba(255, 200, 60, 0.45); }
`;

/** The document's own globals (a content script's world has its own, but they share the page's registry). */
type HighlightWindow = { CSS: typeof CSS; Highlight: typeof Highlight };

export function supportsHighlights(doc: Document): boolean {
  const win = doc.defaultView as Partial<HighlightWindow> | null;
  return !!win && typeof win.Highlight === 'function' && !!win.CSS && 'highlights' in win.CSS;
}

/** Ranges per highlight name, per composer layer (several composers can be coached at once). */
const layers = new Map<object, Map<string, Range[]>>();

function repaint(doc: Document): void {
  const win = doc.defaultView as unknown as HighlightWindow;
  for (const name of Object.values(NAME)) {
    const ranges = [...layers.values()].flatMap((byName) => byName.get(name) ?? []);
    if (ranges.length === 0) win.CSS.highlights.delete(name);
    else win.CSS.highlights.set(name, new win.Highlight(...ranges));
  }
}

function ensureStyle(doc: Document): void {
  if (doc.getElementById(STYLE_ID)) return;
  const style = doc.createElement('style');
  style.id = STYLE_ID;
  style.textContent = STYLE;
  (doc.head ?? doc.documentElement).appendChild(style);
}

function sameRange(a: Range | null, b: Range | null | undefined): boolean {
  if (!a || !b) return a === b;
  return a.startContainer === b.startContainer && a.startOffset === b.startOffset && a.endContainer === b.endContainer && a.endOffset === b.endOffset;
}

/**
 * The band of the composer's viewport coordinates whose underlines are drawn: the part of the composer
 * on screen and NEAR_PX above and below it. A scroll re-checks them in its next frame; the margin covers
 * what the compositor scrolls into view before that.
 */
const NEAR_PX = 150;
/** How often, at most, an edit that leaves the composer's box alone re-checks which underlines are near. */
const RECHECK_MS = 500;
function nearBand(composer: Element): { top: number; bottom: number } {
  const box = composer.getBoundingClientRect();
  const top = Math.max(box.top, 0);
  const bottom = Math.min(box.bottom, composer.ownerDocument.defaultView!.innerHeight);
  return { top: top - NEAR_PX, bottom: bottom + NEAR_PX };
}

/**
 * Only the underlines near the visible part of the composer are registered: the browser re-validates
 * every registered range on each edit of the page and repaints the text under them, so on a long draft
 * the ones scrolled far away would cost every keystroke. Scrolling or resizing re-checks them.
 */
export function createHighlightLayer(doc: Document, composer: Element, toRange: () => (start: number, end: number) => Range | null): UnderlineLayer {
  ensureStyle(doc);
  const key = {};
  let ranges: (Range | null)[] = [];
  let marks: readonly Mark[] = [];
  let active: number | null = null;
  /** Which marks are registered (near the view), so a scroll that brings no new one near repaints nothing. */
  let registered: boolean[] = [];

  const publish = (near: boolean[]) => {
    registered = near;
    const byName = new Map<string, Range[]>();
    ranges.forEach((range, i) => {
      if (!range || !near[i]) return;
      const name = NAME[marks[i].severity];
      byName.set(name, [...(byName.get(name) ?? []), range]);
    });
    const activeRange = active === null ? null : ranges[active];
    if (activeRange) byName.set(NAME.active, [activeRange]);
    layers.set(key, byName);
    repaint(doc);
  };
  /** When nearNow last ran. */
  let checkedAt = -Infinity;
  const nearNow = () => {
    checkedAt = doc.defaultView!.performance.now();
    const band = nearBand(composer);
    return ranges.map((range) => {
      const rect = range?.getBoundingClientRect();
      return !!rect && rect.bottom >= band.top && rect.top <= band.bottom;
    });
  };
  const recheck = () => {
    const near = nearNow();
    if (near.length !== registered.length || near.some((n, i) => n !== registered[i])) publish(near);
  };
  const stopTracking = trackBox(composer, recheck);

  return {
    render(next) {
      const map = toRange();
      const nextRanges = next.map((m) => map(m.start, m.end));
      const unchanged =
        nextRanges.length === ranges.length && nextRanges.every((r, i) => sameRange(r, ranges[i]) && next[i].severity === marks[i].severity);
      marks = next;
      ranges = nextRanges;
      if (active !== null && active >= ranges.length) active = null;
      // Re-registering highlights makes the browser repaint the whole editor: skip it when nothing moved.
      if (!unchanged) publish(nearNow());
      // An edit that moves text without resizing or scrolling the composer (a long cut in a scrolled box) can
      // bring a far underline into view: checked at most every RECHECK_MS while some are left out.
      else if (registered.includes(false) && doc.defaultView!.performance.now() - checkedAt > RECHECK_MS) recheck();
    },
    setActive(index) {
      active = index;
      publish(registered);
    },
    rectsOf(index) {
      const range = ranges[index];
      return range ? [...range.getClientRects()] : [];
    },
    destroy() {
      stopTracking();
      layers.delete(key);
      repaint(doc);
    },
  };
}
