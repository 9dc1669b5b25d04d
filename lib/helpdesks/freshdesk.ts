/**
 * Freshdesk (Froala composer). helpdesks.md gives the URL, composer and body
 * selectors; the conversation item and its incoming/private markers follow
 * Freshdesk's API fields (`incoming`, `private`) and are a guess at the DOM.
 */
import type { ConversationMessage, Role } from '../ticket';
import { QUOTED_HISTORY, dropSignature, editablesIn, editorKindOf, hostIs, readText, textOf, timeIn } from './dom';
import type { ComposerTarget, HelpdeskAdapter } from './types';

const DESCRIPTION = '.ticket-description';
const CONVERSATION_ITEM = '[data-test-id="conversation-item"]';
const BODY = '.text__content';
const COMPOSER = 'div.fr-element.fr-view[contenteditable="true"]';
const URL_TICKET = /^\/a\/tickets\/(\d+)/;

/** Who wrote a conversation item; without the (guessed) markers, nobody is assumed. */
function roleOf(item: Element): Role {
  if (item.matches('.private-note')) return 'note';
  const incoming = item.getAttribute('data-incoming');
  return incoming === 'true' ? 'customer' : incoming === 'false' ? 'agent' : 'system';
}

function message(item: Element, role: Role, id: string): ConversationMessage {
  return {
    id,
    role,
    author: textOf(item, '.user-name'),
    time: timeIn(item),
    text: dropSignature(readText(item.matches(BODY) ? item : item.querySelector(BODY), QUOTED_HISTORY)),
  };
}

export const freshdesk: HelpdeskAdapter = {
  id: 'freshdesk',
  matches: (url) => hostIs(url, 'freshdesk.com') && URL_TICKET.test(url.pathname),
  account: (_doc, url) => url.hostname,
  ticketId: (_doc, url) => URL_TICKET.exec(url.pathname)?.[1] ?? null,
  label(_doc, url) {
    const id = URL_TICKET.exec(url.pathname)?.[1];
    return id ? `#${id}` : undefined;
  },
  subject: (doc) => textOf(doc, '.ticket-subject-heading'),
  messages(doc) {
    const messages: ConversationMessage[] = [];
    // Every message body (helpdesks.md), in page order; the description is the requester's opening message.
    for (const body of doc.querySelectorAll(BODY)) {
      if (body.parentElement?.closest(BODY)) continue;
      const description = body.closest(DESCRIPTION);
      const item = description ?? body.closest(CONVERSATION_ITEM) ?? body;
      const id = description ? 'description' : (item.getAttribute('data-conversation-id') ?? String(messages.length));
      messages.push(message(item, description ? 'customer' : roleOf(item), id));
    }
    return messages;
  },
  composers(doc) {
    return editablesIn(doc, COMPOSER).map((element): ComposerTarget => {
      const mode = element.closest('[data-test-id="note-editor"]')
        ? 'note'
        : element.closest('[data-test-id="reply-editor"]')
          ? 'reply'
          : 'unknown';
      return { element, info: { mode, editor: editorKindOf(element) } };
    });
  },
};
