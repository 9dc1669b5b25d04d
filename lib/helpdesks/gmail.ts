/**
 * Gmail. A thread is a list of `div.adn` messages; the reply box is a plain
 * contenteditable inside `div.M9` (or a pop-out `div.AD`). Gmail puts the
 * signed-in address in the window title, which tells the agent's own messages
 * from the customer's.
 */
import type { ConversationMessage } from '../ticket';
import { QUOTED_HISTORY, dropSignature, editablesIn, editorKindOf, isoTime, readText, textOf } from './dom';
import type { ComposerTarget, HelpdeskAdapter } from './types';

const MESSAGE = 'div.adn[data-message-id]';
const COMPOSER = 'div.M9 div[contenteditable="true"][role="textbox"], div.AD div[contenteditable="true"][role="textbox"]';
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/;

function ownAddress(doc: Document): string | undefined {
  return EMAIL.exec(doc.title)?.[0].toLowerCase();
}

export const gmail: HelpdeskAdapter = {
  id: 'gmail',
  matches: (url) => url.hostname === 'mail.google.com',
  // The URL hash is not the thread id in every view; the heading carries it.
  ticketId(doc, url) {
    const heading = doc.querySelector('h2[data-legacy-thread-id]')?.getAttribute('data-legacy-thread-id');
    const perm = doc.querySelector('[data-thread-perm-id]')?.getAttribute('data-thread-perm-id');
    return heading ?? perm ?? (/#[^/]+\/([A-Za-z0-9]+)$/.exec(url.hash)?.[1] || null);
  },
  subject: (doc) => textOf(doc, 'h2.hP'),
  messages(doc) {
    const self = ownAddress(doc);
    return [...doc.querySelectorAll(MESSAGE)].map((item): ConversationMessage => {
      const sender = item.querySelector('span[email].gD');
      const address = sender?.getAttribute('email')?.toLowerCase();
      return {
        id: item.getAttribute('data-message-id') ?? '',
        role: self && address === self ? 'agent' : 'customer',
        author: sender?.textContent?.trim() || address,
        time: isoTime(item.querySelector('span.g3[title]')?.getAttribute('title')),
        text: dropSignature(readText(item.querySelector('div.a3s'), QUOTED_HISTORY)),
      };
    });
  },
  composers(doc) {
    return editablesIn(doc, COMPOSER).map((element): ComposerTarget => ({
      element,
      info: { mode: 'reply', editor: editorKindOf(element) },
    }));
  },
};
