/**
 * Renders the suggestion card and the composer badge into their own closed
 * shadow roots attached to <html> (never inside the editor), with their own
 * styles, above helpdesk popups, and kept on screen near viewport edges.
 * Closed, so page script can neither read the card (team packs' messages
 * included) nor reach its buttons.
 */
import { h, render } from 'preact';
import { SuggestionCard, SUGGESTION_CARD_CSS, type SuggestionCardProps } from '../../components/SuggestionCard';
import { ComposerBadge, COMPOSER_BADGE_CSS, badgeText, totalOf, type ComposerBadgeProps } from '../../components/ComposerBadge';
import { Toast, TOAST_CSS } from '../../components/Toast';
import { FindingPreview, FINDING_PREVIEW_CSS, type FindingPreviewProps } from '../../components/FindingPreview';

export const CARD_Z_INDEX = 2147483000;
const GAP = 6;
const EDGE = 8;

/** Events a page script could forge to press the card's or the badge's buttons for the agent. */
const AGENT_ONLY_EVENTS = ['click', 'auxclick', 'dblclick', 'keydown', 'keyup', 'keypress', 'input', 'change', 'submit', 'pointerdown', 'pointerup', 'mousedown', 'mouseup'] as const;

interface ShadowHost {
  host: HTMLElement;
  /** Closed: host.shadowRoot is null, so this is the only way in. */
  shadow: ShadowRoot;
  mount: HTMLElement;
}

function createShadowHost(doc: Document, tag: string, css: string, zIndex: number): ShadowHost {
  const host = doc.createElement(tag);
  host.style.cssText = `all: initial; position: fixed; left: 0; top: 0; z-index: ${zIndex}; display: none;`;
  const shadow = host.attachShadow({ mode: 'closed' });
  // Only the agent acts: an event the page dispatched (element.click(), dispatchEvent) stops here, before any handler.
  const dropForged = (e: Event) => {
    if (!e.isTrusted) e.stopImmediatePropagation();
  };
  for (const type of AGENT_ONLY_EVENTS) shadow.addEventListener(type, dropForged, { capture: true });
  const style = doc.createElement('style');
  style.textContent = `:host { all: initial; } ${css}`;
  const mount = doc.createElement('div');
  shadow.append(style, mount);
  doc.documentElement.appendChild(host);
  return { host, shadow, mount };
}

export interface CardView {
  show(props: SuggestionCardProps, anchor: readonly DOMRect[]): void;
  /** Move next to the phrase again (scroll, resize). */
  place(anchor: readonly DOMRect[]): void;
  hide(): void;
  /** Focus the card's first button (Tab from the composer). */
  focusFirst(): void;
  contains(node: EventTarget | null): boolean;
  destroy(): void;
}

/** Puts a shown host below the phrase (above it when there is no room), kept on screen. */
function placeNear({ host, mount }: ShadowHost, anchor: readonly DOMRect[]): void {
  const win = host.ownerDocument.defaultView!;
  const first = anchor[0];
  const last = anchor[anchor.length - 1];
  const box = mount.getBoundingClientRect();
  const below = last.bottom + GAP;
  const top = below + box.height <= win.innerHeight - EDGE ? below : Math.max(EDGE, first.top - GAP - box.height);
  const left = Math.min(Math.max(EDGE, first.left), Math.max(EDGE, win.innerWidth - box.width - EDGE));
  host.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
}

export function createCardView(doc: Document): CardView {
  const shadow = createShadowHost(doc, 'steady-card', SUGGESTION_CARD_CSS, CARD_Z_INDEX);
  const { host, mount } = shadow;
  const root = shadow.shadow;
  const win = doc.defaultView!;
  let visible = false;

  const place = (anchor: readonly DOMRect[]) => {
    if (!visible || anchor.length === 0) return;
    placeNear(shadow, anchor);
  };

  return {
    show(props, anchor) {
      visible = true;
      host.style.display = 'block';
      render(h(SuggestionCard, props), mount);
      place(anchor);
    },
    place,
    hide() {
      if (!visible) return;
      visible = false;
      render(null, mount);
      host.style.display = 'none';
    },
    focusFirst() {
      if (visible) mount.querySelector<HTMLButtonElement>('button')?.focus({ preventScroll: true });
    },
    contains: (node) => node === host || (node instanceof win.Node && root.contains(node)),
    destroy() {
      render(null, mount);
      host.remove();
    },
  };
}

export interface PreviewView {
  show(props: FindingPreviewProps, anchor: readonly DOMRect[]): void;
  hide(): void;
  destroy(): void;
}

/** The hover preview: its own shadow host (the editor's DOM is never touched), below the card, never taking the pointer. */
export function createPreviewView(doc: Document): PreviewView {
  const shadow = createShadowHost(doc, 'steady-preview', FINDING_PREVIEW_CSS, CARD_Z_INDEX - 1);
  shadow.host.style.pointerEvents = 'none';
  let visible = false;
  return {
    show(props, anchor) {
      if (anchor.length === 0) return;
      visible = true;
      shadow.host.style.display = 'block';
      render(h(FindingPreview, props), shadow.mount);
      placeNear(shadow, anchor);
    },
    hide() {
      if (!visible) return;
      visible = false;
      render(null, shadow.mount);
      shadow.host.style.display = 'none';
    },
    destroy() {
      render(null, shadow.mount);
      shadow.host.remove();
    },
  };
}

export interface BadgeView {
  update(props: ComposerBadgeProps, composerBox: DOMRect, zIndex: number): void;
  contains(node: EventTarget | null): boolean;
  destroy(): void;
}

export function createBadgeView(doc: Document): BadgeView {
  const { host, shadow, mount } = createShadowHost(doc, 'steady-badge', COMPOSER_BADGE_CSS, 1);
  const win = doc.defaultView!;
  /** What the badge last showed: a lint that changes none of it touches no style and forces no layout. */
  let drawn = '';
  return {
    update(props, box, zIndex) {
      const shown = totalOf(props.counts) > 0 && box.width > 0 && box.bottom > 0 && box.top < win.innerHeight;
      const state = shown ? `${badgeText(props.counts)}|${zIndex}|${box.right}|${box.bottom}` : 'hidden';
      if (state === drawn) return;
      drawn = state;
      host.style.display = shown ? 'block' : 'none';
      host.style.zIndex = String(zIndex);
      render(h(ComposerBadge, props), mount);
      if (!shown) return;
      const size = mount.getBoundingClientRect();
      // Inside the composer's bottom-right corner, where text rarely reaches.
      host.style.transform = `translate(${Math.round(box.right - size.width - GAP)}px, ${Math.round(box.bottom - size.height - GAP)}px)`;
    },
    contains: (node) => node === host || (node instanceof win.Node && shadow.contains(node)),
    destroy() {
      render(null, mount);
      host.remove();
    },
  };
}

/** How long a toast offers Undo: long enough to read it and reach the button. */
export const TOAST_MS = 8_000;

export interface ToastView {
  /** Show `message` with Undo (replacing any toast shown); it hides itself after TOAST_MS unless hovered or focused. */
  show(message: string, onUndo: () => void): void;
  hide(): void;
}

export function createToastView(doc: Document): ToastView {
  let shadow: ShadowHost | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hide = () => {
    clearTimeout(timer);
    if (!shadow) return;
    render(null, shadow.mount);
    shadow.host.style.display = 'none';
  };
  const hideLater = () => {
    clearTimeout(timer);
    timer = setTimeout(hide, TOAST_MS);
  };
  return {
    show(message, onUndo) {
      if (!shadow) {
        shadow = createShadowHost(doc, 'steady-toast', TOAST_CSS, CARD_Z_INDEX + 1);
        shadow.host.style.left = '50%';
        shadow.host.style.top = 'auto';
        shadow.host.style.bottom = '24px';
        shadow.host.style.transform = 'translateX(-50%)';
        // Reading or reaching for Undo keeps the toast up.
        for (const type of ['pointerenter', 'focusin']) shadow.host.addEventListener(type, () => clearTimeout(timer));
        for (const type of ['pointerleave', 'focusout']) shadow.host.addEventListener(type, hideLater);
      }
      shadow.host.style.display = 'block';
      render(h(Toast, { message, onUndo: () => (hide(), onUndo()), onDismiss: hide }), shadow.mount);
      hideLater();
    },
    hide,
  };
}
