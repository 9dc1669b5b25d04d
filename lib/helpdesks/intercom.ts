/**
 * Intercom inbox (ProseMirror composer). Parts are grouped; the group's
 * `data-part-group-category` says who spoke: 1 customer, 3 teammate, 5 bot, 20 system.
 */
import type { ConversationMessage, Role } from '../ticket';
import { QUOTED_HISTORY, dropSignature, editablesIn, editorKindOf, readText, textOf, timeIn } from './dom';
import type { ComposerTarget, HelpdeskAdapter } from './types';

const STREAM = '[data-testid="conversation-stream-scroll-container"], [data-conversation-stream]';
const GROUP = '[data-part-group-id]';
const PART = '[data-part-id]';
const BODY = '.interblocks-html, .inbox-2__user-email-part';
const COMPOSER = '[data-conversation-reply-composer] .ProseMirror[contenteditable="true"], .ProseMirror.embercom-prosemirror-composer-editor';
const PART_META = '[data-part-group-author], time, button';
const NOTE_MARK = '.o__note';
/** /a/inbox/<workspace>/… or /a/apps/<workspace>/… */
const URL_WORKSPACE = /^\/a\/(?:inbox|apps)\/([A-Za-z0-9]+)/;
const URL_CONVERSATION = /\/conversations?\/([A-Za-z0-9]+)/;

/** Bots answer on the company's behalf, so they count as the agent side. */
const ROLE_BY_CATEGORY: Record<string, Role> = { '1': 'customer', '3': 'agent', '5': 'agent', '20': 'system' };

function roleOf(part: Element, group: Element): Role {
  if (part.closest(NOTE_MARK)) return 'note';
  return ROLE_BY_CATEGORY[group.getAttribute('data-part-group-category') ?? ''] ?? 'system';
}

export const intercom: HelpdeskAdapter = {
  id: 'intercom',
  matches: (url) => /^app(\.[a-z]{2})?\.intercom\.com$/.test(url.hostname) && url.pathname.startsWith('/a/'),
  account: (_doc, url) => URL_WORKSPACE.exec(url.pathname)?.[1] ?? url.hostname,
  ticketId: (_doc, url) => URL_CONVERSATION.exec(url.pathname)?.[1] ?? null,
  // Intercom conversations have a title only when set by hand; the header shows the customer instead.
  subject: (doc) => textOf(doc, '[data-conversation-title]'),
  // The inbox names a conversation by its title, else by the customer; its URL id is never shown.
  label: (doc) => textOf(doc, '[data-conversation-title]') ?? textOf(doc, '[data-inbox-conversation-header-title]'),
  messages(doc) {
    const stream = doc.querySelector(STREAM);
    if (!stream) return [];
    const customer = textOf(doc, '[data-inbox-conversation-header-title]');
    // Parts in their groups (a group without part children is a single part itself); parts without groups stand alone.
    const groups = stream.querySelectorAll(GROUP);
    const entries = groups.length
      ? [...groups].flatMap((group) => {
          const parts = group.querySelectorAll(PART);
          return [...(parts.length ? parts : [group])].map((part) => ({ part, group }));
        })
      : [...stream.querySelectorAll(PART)].map((part) => ({ part, group: part.closest('[data-part-group-category]') ?? part }));
    return entries.map(({ part, group }, index): ConversationMessage => {
      const role = roleOf(part, group);
      return {
        id: part.getAttribute('data-part-id') ?? group.getAttribute('data-part-group-id') ?? String(index),
        role,
        author: textOf(group, '[data-part-group-author]') ?? (role === 'customer' ? customer : undefined),
        time: timeIn(part) ?? timeIn(group),
        text: dropSignature(readText(part.querySelector(BODY) ?? part, `${QUOTED_HISTORY}, ${PART_META}`)),
      };
    });
  },
  composers(doc) {
    return editablesIn(doc, COMPOSER).map((element): ComposerTarget => ({
      element,
      info: { mode: element.closest(NOTE_MARK) ? 'note' : 'reply', editor: editorKindOf(element) },
    }));
  },
};
