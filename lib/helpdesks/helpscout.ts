/**
 * Help Scout. Threads and the reply editor follow helpdesks.md; who wrote a
 * thread item is read from `data-thread-type` (Help Scout's API thread types:
 * customer, message, note, lineitem — a guess at the DOM) or, in the older UI,
 * from `article.thread.<type>`.
 */
import type { ConversationMessage, Role } from '../ticket';
import { QUOTED_HISTORY, dropSignature, editablesIn, editorKindOf, hostIs, readText, textOf, timeIn } from './dom';
import type { ComposerTarget, HelpdeskAdapter } from './types';

const THREADS = '[data-testid="ThreadContainer"], ol[aria-label="Thread Items"]';
const ITEM = 'li > div[id^="thread-"], article.thread';
const BODY = '[data-testid="ThreadBody"], section.messageBody';
/** Author and time inside a thread item: not part of the message when the body has no wrapper of its own. */
const ITEM_META = '[data-testid="ThreadAuthor"], .name, time, button';
/** Either the editor wrapper or the editable itself (editablesIn resolves both). */
const COMPOSER = '[data-cy="ConvoEditor"], [role="textbox"][aria-label="Reply Editor"]';
const URL_CONVERSATION = /^\/conversation\/(\d+)/;
/** The number Help Scout shows ("#88") follows the internal id in the URL: /conversation/<id>/<number>. */
const URL_NUMBER = /^\/conversation\/\d+\/(\d+)/;

const ROLE_BY_TYPE: Record<string, Role> = { customer: 'customer', message: 'agent', reply: 'agent', note: 'note', lineitem: 'system' };

function roleOf(item: Element): Role {
  const type = item.getAttribute('data-thread-type');
  if (type) return ROLE_BY_TYPE[type] ?? 'system';
  const legacy = Object.keys(ROLE_BY_TYPE).find((name) => item.classList.contains(name));
  return legacy ? ROLE_BY_TYPE[legacy] : 'system';
}

/** Help Scout lists the newest thread first by default (agents can flip it); the timed threads tell which. */
function newestFirst(messages: ConversationMessage[]): boolean {
  const times = messages.flatMap((m) => (m.time ? [Date.parse(m.time)] : []));
  return times.length > 1 && times[0] > times[times.length - 1];
}

export const helpscout: HelpdeskAdapter = {
  id: 'helpscout',
  matches: (url) => hostIs(url, 'helpscout.net') && URL_CONVERSATION.test(url.pathname),
  // One host for every Help Scout account, but conversation ids are unique across accounts.
  account: (_doc, url) => url.hostname,
  ticketId: (_doc, url) => URL_CONVERSATION.exec(url.pathname)?.[1] ?? null,
  subject: (doc) => textOf(doc, '[data-testid="ConversationSubject"], #subjectLine'),
  label(_doc, url) {
    const number = URL_NUMBER.exec(url.pathname)?.[1];
    return number ? `#${number}` : undefined;
  },
  messages(doc) {
    const threads = doc.querySelector(THREADS);
    if (!threads) return [];
    const messages = [...threads.querySelectorAll(ITEM)].map((item, index): ConversationMessage => {
      // The body wrapper is not in helpdesks.md for the current UI: without it, the item minus author and time.
      const body = item.querySelector(BODY);
      return {
        id: item.id || String(index),
        role: roleOf(item),
        author: textOf(item, '[data-testid="ThreadAuthor"], .name'),
        time: timeIn(item),
        text: dropSignature(body ? readText(body, QUOTED_HISTORY) : readText(item, `${QUOTED_HISTORY}, ${ITEM_META}`)),
      };
    });
    return newestFirst(messages) ? messages.reverse() : messages;
  },
  composers(doc) {
    return editablesIn(doc, COMPOSER).map((element): ComposerTarget => ({
      element,
      // The same editor writes notes once the "Note" action is chosen; Help Scout marks it on the editor wrapper.
      info: { mode: element.closest('[data-cy="ConvoEditor"][data-mode="note"]') ? 'note' : 'reply', editor: editorKindOf(element) },
    }));
  },
};
