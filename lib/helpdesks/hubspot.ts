/**
 * HubSpot conversations inbox (ProseMirror composer). helpdesks.md gives the
 * URL, composer and message body; the message wrapper and its
 * `data-sender-type` (HubSpot's API sender types: VISITOR, AGENT, BOT) and
 * the comment editor marker are a guess at the DOM.
 */
import type { ConversationMessage, Role } from '../ticket';
import { QUOTED_HISTORY, dropSignature, editablesIn, editorKindOf, readText, textOf, timeIn } from './dom';
import type { ComposerTarget, HelpdeskAdapter } from './types';

const BODY = 'div[data-test-id="primary-message-body-content"]';
const MESSAGE = '[data-test-id="thread-message"]';
const COMPOSER = 'div.ProseMirror[contenteditable="true"]';
/** /live-messages/<portal>/inbox/<thread> or /help-desk/<portal>/<thread> */
const URL_THREAD = /^\/(?:live-messages|help-desk)\/(\d+)\/(?:inbox\/)?(\d+)/;

const ROLE_BY_SENDER: Record<string, Role> = { VISITOR: 'customer', AGENT: 'agent', BOT: 'agent', COMMENT: 'note', SYSTEM: 'system' };

export const hubspot: HelpdeskAdapter = {
  id: 'hubspot',
  matches: (url) => /^app(-[a-z0-9]+)?\.hubspot\.com$/.test(url.hostname) && URL_THREAD.test(url.pathname),
  account: (_doc, url) => URL_THREAD.exec(url.pathname)?.[1] ?? url.hostname,
  ticketId: (_doc, url) => URL_THREAD.exec(url.pathname)?.[2] ?? null,
  subject: (doc) => textOf(doc, '[data-test-id="thread-subject"]'),
  messages(doc) {
    return [...doc.querySelectorAll(BODY)].map((body, index): ConversationMessage => {
      const wrapper = body.closest(MESSAGE);
      return {
        id: wrapper?.getAttribute('data-message-id') ?? String(index),
        role: ROLE_BY_SENDER[wrapper?.getAttribute('data-sender-type') ?? ''] ?? 'system',
        author: wrapper ? textOf(wrapper, '[data-test-id="message-sender-name"]') : undefined,
        time: wrapper ? timeIn(wrapper) : undefined,
        text: dropSignature(readText(body, QUOTED_HISTORY)),
      };
    });
  },
  composers(doc) {
    return editablesIn(doc, COMPOSER).map((element): ComposerTarget => ({
      element,
      info: { mode: element.closest('[data-test-id="comment-editor"]') ? 'note' : 'reply', editor: editorKindOf(element) },
    }));
  },
};
