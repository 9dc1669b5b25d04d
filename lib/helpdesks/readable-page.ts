/**
 * Generic mode's last resort: a page that is one ticket or request (a ticket
 * id in its address, or Readability judges it an article) but shows no run of
 * message blocks is read with Readability as ONE customer message. A page
 * that is a list of links (a mailbox, a ticket list) never is: its interface
 * text must not become conversation.
 */
import { Readability, isProbablyReaderable } from '@mozilla/readability';
import type { ConversationMessage } from '../ticket';
import { QUOTED_HISTORY, dropSignature, readText } from './dom';
import { linkShare } from './message-blocks';

/** Interface and the agent's own draft, removed from the copy before Readability sees it. */
const NOT_TEXT =
  'script, style, noscript, template, nav, header, footer, aside, button, select, input, textarea, [contenteditable]:not([contenteditable="false"]), [role="navigation"], [role="banner"], [role="complementary"], [role="search"], [role="menu"], [role="dialog"], [aria-hidden="true"], [hidden]';
const LISTS = 'table, ul, ol, [role="grid"], [role="table"], [role="list"]';
/** A table or list with this many links is an index of other pages. */
const MANY_LINKS = 5;
/** As much text as the old whole-page reading kept: enough for one request; more only slows analysis down. */
const MAX_TEXT = 20_000;

const textLength = (el: Element) => (el.textContent ?? '').replace(/\s+/g, '').length;

const isShown = (el: Element) => !el.closest(NOT_TEXT) && (el as HTMLElement).style?.display !== 'none';

/** A page whose text is mostly links, or mostly one table or list of many links. */
function isListPage(body: Element): boolean {
  if (linkShare(body) >= 0.5) return true;
  const total = textLength(body);
  return [...body.querySelectorAll(LISTS)].some((list) => list.querySelectorAll('a[href]').length >= MANY_LINKS && textLength(list) * 2 >= total);
}

/** Cuts at the last space before `max` so no word is split. */
function capped(text: string, max: number): string {
  if (text.length <= max) return text;
  const space = text.lastIndexOf(' ', max);
  return text.slice(0, space > 0 ? space : max).trimEnd();
}

/** The page as one customer message, or null when it is not one conversation. */
export function readablePageMessage(doc: Document, hasTicketId: boolean): ConversationMessage | null {
  const copy = doc.cloneNode(true) as Document;
  if (!copy.body) return null;
  for (const el of copy.querySelectorAll(NOT_TEXT)) el.remove();
  if (textLength(copy.body) === 0 || isListPage(copy.body)) return null;
  let article: Element | null | undefined;
  try {
    // Judged on the page itself (it is only read), counting no paragraph of its interface.
    if (!hasTicketId && !isProbablyReaderable(doc, { visibilityChecker: (node) => isShown(node as Element) })) return null;
    article = new Readability<Element>(copy, { serializer: (node) => node as Element }).parse()?.content;
  } catch {
    // Readability gives up on unusual markup: no conversation rather than interface text.
    return null;
  }
  if (!article || linkShare(article) >= 0.5) return null;
  const text = capped(dropSignature(readText(article, QUOTED_HISTORY)), MAX_TEXT);
  return text ? { id: 'page', role: 'customer', text } : null;
}
