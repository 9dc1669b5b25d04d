/**
 * A small count of findings pinned to the composer's bottom-right corner.
 * It lives in its own shadow root on a fixed-position host outside the editor,
 * so it neither changes the editor's DOM nor moves the page's layout.
 */
import type { Composer } from './composer';

export const BADGE_TAG = 'steady-badge';

const STYLE = `
  :host { all: initial; position: fixed; z-index: 2147483647; pointer-events: none; }
  .count {
    box-sizing: border-box; min-width: 20px; height: 20px; padding: 0 6px; border-radius: 10px;
    background: #5b4bc4; color: #fff; font: 600 12px/20px system-ui, sans-serif; text-align: center;
    box-shadow: 0 1px 3px rgba(0, 0, 0, 0.25);
  }
  :host([hidden]) { display: none; }
`;
const INSET_PX = 10;
const SIZE_PX = 20;

export interface CountBadge {
  show(composer: Composer, count: number): void;
  hide(): void;
  /** Follow the composer after scrolling or resizing. */
  reposition(): void;
  remove(): void;
}

export function createCountBadge(): CountBadge {
  const host = document.createElement(BADGE_TAG);
  host.hidden = true;
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = STYLE;
  const count = document.createElement('div');
  count.className = 'count';
  count.setAttribute('role', 'status');
  shadow.append(style, count);
  let anchor: Composer | undefined;

  const reposition = () => {
    if (!anchor || host.hidden) return;
    const box = anchor.getBoundingClientRect();
    host.style.top = `${Math.round(box.bottom - SIZE_PX - INSET_PX)}px`;
    host.style.left = `${Math.round(box.right - SIZE_PX - INSET_PX)}px`;
  };

  return {
    show(composer, findings) {
      anchor = composer;
      if (!host.isConnected) document.documentElement.append(host);
      host.hidden = findings === 0 || !composer.isConnected;
      count.textContent = String(findings);
      count.setAttribute('aria-label', `Steady: ${findings} suggestion${findings === 1 ? '' : 's'} for this reply`);
      host.dataset.count = String(findings);
      reposition();
    },
    hide() {
      host.hidden = true;
    },
    reposition,
    remove() {
      host.remove();
    },
  };
}
