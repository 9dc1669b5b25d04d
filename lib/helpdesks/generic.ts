/**
 * Generic mode, for apps without an adapter and for adapters whose selectors
 * stopped matching. The composer is whatever editable element has focus; the
 * conversation is the page's readable text (Readability over a copy of the
 * document, else the page text minus navigation and forms), with the editors left out so the
 * agent's own draft is never read as the conversation.
 *
 * Roles: the page gives none, so the readable text becomes ONE message with
 * role 'customer'. It is what the agent is answering, so sentiment and
 * triggers still have something to work on; the snapshot's helpdesk
 * 'generic' tells the panel that authorship is unknown.
 */
import { Readability } from '@mozilla/readability';
import type { ConversationMessage } from '../ticket';
import { editorKindOf, isEditable, readText, tidy } from './dom';
import type { ComposerTarget, HelpdeskAdapter } from './types';

/** Conversation ids of apps known only by URL (helpdesks.md, "Others"). */
const KNOWN_CONVERSATION_URLS: RegExp[] = [
  /^app\.frontapp\.com\/open\/(cnv_\w+)/,
  /^[\w-]+\.gorgias\.com\/app\/ticket\/(\d+)/,
  /^desk\.zoho\.[a-z.]+\/agent\/[^/]+\/[^/]+\/tickets\/details\/(\d+)/,
  /^my\.livechatinc\.com\/chats\/([^/]+)/,
  /^app\.crisp\.chat\/website\/[^/]+\/inbox\/([^/]+)/,
];
const EDITORS = 'textarea, input, [contenteditable]:not([contenteditable="false"])';
const NOT_CONVERSATION = 'script, style, noscript, template, nav, header, footer, aside, form, button, [role="navigation"], [role="banner"], [aria-hidden="true"]';
/** Enough text for a conversation; more only slows analysis down. */
const MAX_TEXT = 20_000;

function focusedEditor(doc: Document): HTMLElement | null {
  let el = doc.activeElement;
  // An editable's inner node can hold focus; the composer is its outermost editable ancestor.
  while (el && !isEditable(el)) el = el.parentElement?.closest('textarea, [contenteditable]') ?? null;
  if (!el) return null;
  let outer: HTMLElement = el as HTMLElement;
  for (let up = outer.parentElement?.closest('[contenteditable]') ?? null; up && isEditable(up); up = up.parentElement?.closest('[contenteditable]') ?? null) {
    outer = up;
  }
  return outer;
}

function readableText(doc: Document): string {
  if (!doc.body) return '';
  const copy = doc.cloneNode(true) as Document;
  for (const el of copy.querySelectorAll(EDITORS)) el.remove();
  const whole = pageText(doc);
  try {
    const article = new Readability(copy, { charThreshold: 200 }).parse();
    const text = tidy(article?.textContent ?? '');
    // On app pages Readability can pick a sidebar (a chat list) over the conversation: keep it only when it holds most of the page.
    if (text && text.length >= whole.length * 0.4) return text;
  } catch {
    // Readability gives up on unusual markup; the plain page text still works.
  }
  return whole;
}

/** The page's text without navigation, forms and editors. */
function pageText(doc: Document): string {
  return readText(doc.body, `${NOT_CONVERSATION}, ${EDITORS}`);
}

export const generic: HelpdeskAdapter = {
  id: 'generic',
  matches: () => true,
  account: (_doc, url) => url.hostname,
  ticketId(_doc, url) {
    const address = `${url.hostname}${url.pathname}`;
    for (const pattern of KNOWN_CONVERSATION_URLS) {
      const id = pattern.exec(address)?.[1];
      if (id) return id;
    }
    return null;
  },
  subject: (doc) => doc.title.trim() || undefined,
  messages(doc): ConversationMessage[] {
    const text = readableText(doc).slice(0, MAX_TEXT);
    return text ? [{ id: 'page', role: 'customer', text }] : [];
  },
  composers(doc) {
    const element = focusedEditor(doc);
    return element ? [{ element, info: { mode: 'unknown', editor: editorKindOf(element) } } satisfies ComposerTarget] : [];
  },
};
