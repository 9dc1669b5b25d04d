/**
 * Zendesk Agent Workspace (CKEditor 5). Several tickets stay mounted as tabs,
 * so every query is scoped to the ticket of the active tab.
 */
import type { ConversationMessage, Role } from '../ticket';
import { QUOTED_HISTORY, dropSignature, editablesIn, editorKindOf, hostIs, readText, textOf, timeIn } from './dom';
import type { ComposerTarget, HelpdeskAdapter } from './types';

const ACTIVE_TAB = '[data-test-id="header-tab"][aria-current="page"]';
const TICKET_ANCHOR = 'div[data-side-conversations-anchor-id]';
const COMMENT = '[data-test-id="omni-log-container"] article[data-test-id="omni-log-comment-item"]';
const COMPOSER = [
  '[data-test-id="editor-view"] [data-test-id="omnicomposer-rich-text-ckeditor"]',
  '[data-test-id="omnicomposer-plain-text-ckeditor"][contenteditable="true"]',
  '[data-test-id="ticket-rich-text-editor"]',
].join(', ');
const CHANNEL_SWITCHER = 'button[data-test-id="omnichannel-channel-switcher-button"]';
const URL_TICKET = /^\/agent\/tickets\/(\d+)/;

function activeTicketId(doc: Document): string | null {
  const tab = doc.querySelector(ACTIVE_TAB);
  // User and organisation tabs carry their own entity ids.
  const type = tab?.getAttribute('data-entity-type');
  return type && type !== 'ticket' ? null : (tab?.getAttribute('data-entity-id') ?? null);
}

function root(doc: Document): Element | null {
  const id = activeTicketId(doc);
  const anchors = [...doc.querySelectorAll(TICKET_ANCHOR)];
  if (id) return anchors.find((a) => a.getAttribute('data-side-conversations-anchor-id') === id) ?? (anchors.length ? null : singleLog(doc));
  // No tab bar: only safe when exactly one ticket is mounted.
  return anchors.length === 1 ? anchors[0] : anchors.length ? null : singleLog(doc);
}

/** Without ticket anchors (an "e.g." in helpdesks.md), the page itself is the scope when it shows one conversation log only. */
function singleLog(doc: Document): Element | null {
  return doc.querySelectorAll('[data-test-id="omni-log-container"]').length === 1 ? doc.body : null;
}

function roleOf(item: Element): Role {
  if (item.querySelector('[data-test-id="omni-log-internal-note-tag"]')) return 'note';
  const type = item.querySelector('[data-test-id="omni-log-item-message"]')?.getAttribute('type');
  if (type === 'end-user') return 'customer';
  if (type === 'agent') return 'agent';
  return 'system';
}

export const zendesk: HelpdeskAdapter = {
  id: 'zendesk',
  matches: (url) => hostIs(url, 'zendesk.com') && url.pathname.startsWith('/agent/'),
  root,
  account: (_doc, url) => url.hostname,
  ticketId: (doc, url) => activeTicketId(doc) ?? URL_TICKET.exec(url.pathname)?.[1] ?? null,
  label(doc, url) {
    const id = zendesk.ticketId(doc, url);
    return id ? `#${id}` : undefined;
  },
  subject(doc) {
    const input = root(doc)?.querySelector<HTMLInputElement>('input[data-test-id="omni-header-subject"]');
    return input?.value.trim() || undefined;
  },
  messages(doc) {
    const scope = root(doc);
    if (!scope) return [];
    const ticket = scope.getAttribute('data-side-conversations-anchor-id') ?? 'ticket';
    return [...scope.querySelectorAll(COMMENT)].map((item, index): ConversationMessage => ({
      id: item.getAttribute('data-comment-id') ?? `${ticket}-${index}`,
      role: roleOf(item),
      author: textOf(item, '[data-test-id="omni-log-item-sender"]'),
      time: timeIn(item),
      text: dropSignature(readText(item.querySelector('[data-test-id="omni-log-message-content"]'), QUOTED_HISTORY)),
    }));
  },
  composers(doc) {
    const scope = root(doc);
    if (!scope) return [];
    const channel = scope.querySelector(CHANNEL_SWITCHER)?.getAttribute('data-channel');
    // "web" is the public reply (helpdesks.md); other public channels (email, messaging) are replies too.
    const mode = channel && /internal|note|private/.test(channel) ? 'note' : channel ? 'reply' : 'unknown';
    return editablesIn(scope, COMPOSER).map((element): ComposerTarget => ({
      element,
      info: { mode, editor: editorKindOf(element) },
    }));
  },
  switchToNote(doc) {
    const scope = root(doc);
    const button = scope?.querySelector<HTMLElement>(CHANNEL_SWITCHER);
    if (!scope || !button) return false;
    if (button.getAttribute('data-channel') === 'internal') return true;
    button.click();
    // Menus are often rendered in a layer outside the ticket (never take another ticket's).
    const internal = '[data-test-id="omnichannel-channel-switcher-menuitem-internal"]';
    const item =
      scope.querySelector<HTMLElement>(internal) ?? [...doc.querySelectorAll<HTMLElement>(internal)].find((el) => !el.closest('[data-side-conversations-anchor-id]'));
    item?.click();
    return button.getAttribute('data-channel') === 'internal';
  },
};
