/**
 * Gmail. A thread is a list of `div.adn` messages; the reply box is a plain
 * contenteditable inside `div.M9` (or a pop-out `div.AD`). The signed-in
 * address (in the window title, or the account button's label) tells the
 * agent's own messages from the customer's; without it, whoever started the
 * thread is taken for the customer.
 */
import type { ConversationMessage } from '../ticket';
import { QUOTED_HISTORY, dropSignature, editablesIn, editorKindOf, isoTime, readText, textOf } from './dom';
import type { ComposerTarget, HelpdeskAdapter } from './types';

const MESSAGE = 'div.adn[data-message-id]';
const COMPOSER = 'div.M9 div[contenteditable="true"][role="textbox"], div.AD div[contenteditable="true"][role="textbox"]';
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/;

function ownAddress(doc: Document): string | undefined {
  const account = doc.querySelector('#gb [aria-label*="@"]')?.getAttribute('aria-label') ?? '';
  return (EMAIL.exec(doc.title) ?? EMAIL.exec(account))?.[0].toLowerCase();
}

export const gmail: HelpdeskAdapter = {
  id: 'gmail',
  matches: (url) => url.hostname === 'mail.google.com',
  // Thread ids are per mailbox; the signed-in address names it (the /u/N index shifts as accounts sign in and out).
  account: (doc, url) => ownAddress(doc) ?? /^\/mail\/u\/\d+/.exec(url.pathname)?.[0] ?? url.hostname,
  // The URL hash is not the thread id in every view; the heading carries it.
  ticketId(doc, url) {
    const heading = doc.querySelector('h2[data-legacy-thread-id]')?.getAttribute('data-legacy-thread-id');
    const perm = doc.querySelector('[data-thread-perm-id]')?.getAttribute('data-thread-perm-id');
    return heading ?? perm ?? (/#[^/]+\/([A-Za-z0-9]+)$/.exec(url.hash)?.[1] || null);
  },
  subject: (doc) => textOf(doc, 'h2.hP'),
  messages(doc) {
    const items = [...doc.querySelectorAll(MESSAGE)];
    const senderOf = (item: Element) => item.querySelector('span[email].gD');
    const addressOf = (item: Element) => senderOf(item)?.getAttribute('email')?.toLowerCase();
    const self = ownAddress(doc);
    const starter = items.length ? addressOf(items[0]) : undefined;
    return items.map((item): ConversationMessage => {
      const sender = senderOf(item);
      const address = addressOf(item);
      const own = self ? address === self : !!address && !!starter && address !== starter;
      return {
        id: item.getAttribute('data-message-id') ?? '',
        role: own ? 'agent' : 'customer',
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
