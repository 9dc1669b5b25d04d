/**
 * Generic mode, for apps without an adapter and for adapters whose selectors
 * stopped matching. The composer is whatever editable element has focus; the
 * conversation is the page's run of message blocks (message-blocks.ts), with
 * roles from the blocks' markup and the signed-in agent's name. A page with no
 * such run that is still one ticket or request is read with Readability as one
 * customer message (readable-page.ts); any other (a ticket list, settings) has
 * no conversation: no messages, so no triggers from its interface text.
 */
import type { ConversationMessage } from '../ticket';
import { editorKindOf, isEditable } from './dom';
import { findMessageBlocks, readMessageBlocks, signedInName } from './message-blocks';
import { readablePageMessage } from './readable-page';
import type { ComposerTarget, HelpdeskAdapter } from './types';
import { deepActiveElement } from '../editor/tree';

/** Conversation ids of apps known only by URL (helpdesks.md, "Others"). */
const KNOWN_CONVERSATION_URLS: RegExp[] = [
  /^app\.frontapp\.com\/open\/(cnv_\w+)/,
  /^[\w-]+\.gorgias\.com\/app\/ticket\/(\d+)/,
  /^desk\.zoho\.[a-z.]+\/agent\/[^/]+\/[^/]+\/tickets\/details\/(\d+)/,
  /^my\.livechatinc\.com\/chats\/([^/]+)/,
  /^app\.crisp\.chat\/website\/[^/]+\/inbox\/([^/]+)/,
];
/** Self-hosted helpdesks name the ticket in the path (FreeScout /conversation/77, Zammad #ticket/zoom/12) or in ?id= (osTicket tickets.php?id=4312). */
const TICKET_PATH = /\/(?:conversations?|tickets?|cases?|requests?)\/(?:zoom\/)?(\d+)(?:[/?#]|$)/i;
const TICKET_PAGE = /(?:conversation|ticket|case|request)/i;

/** Enough messages for a conversation; more only slows analysis down. */
const MAX_MESSAGES = 200;

function focusedEditor(doc: Document): HTMLElement | null {
  let el = deepActiveElement(doc);
  // An editable's inner node can hold focus; the composer is its outermost editable ancestor.
  while (el && !isEditable(el)) el = el.parentElement?.closest('textarea, [contenteditable]') ?? null;
  if (!el) return null;
  let outer: HTMLElement = el as HTMLElement;
  for (let up = outer.parentElement?.closest('[contenteditable]') ?? null; up && isEditable(up); up = up.parentElement?.closest('[contenteditable]') ?? null) {
    outer = up;
  }
  return outer;
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
    // Single-page apps route in the hash.
    const inPath = TICKET_PATH.exec(`${url.pathname}${url.hash.replace(/^#\/?/, '/')}`)?.[1];
    if (inPath) return inPath;
    const query = url.searchParams.get('id');
    return query && /^\d+$/.test(query) && TICKET_PAGE.test(url.pathname) ? query : null;
  },
  subject: (doc) => doc.title.trim() || undefined,
  // Self-hosted helpdesks show a numbered ticket as "#77"; other ids (a chat's) are not for display.
  label(doc, url) {
    const id = generic.ticketId(doc, url);
    return id && /^\d+$/.test(id) ? `#${id}` : undefined;
  },
  messages(doc, url): ConversationMessage[] {
    if (!doc.body) return [];
    const blocks = findMessageBlocks(doc.body);
    if (blocks.length) return readMessageBlocks(blocks, signedInName(doc)).slice(-MAX_MESSAGES);
    const page = readablePageMessage(doc, generic.ticketId(doc, url) !== null);
    return page ? [page] : [];
  },
  composers(doc) {
    const element = focusedEditor(doc);
    return element ? [{ element, info: { mode: 'unknown', editor: editorKindOf(element) } } satisfies ComposerTarget] : [];
  },
};
