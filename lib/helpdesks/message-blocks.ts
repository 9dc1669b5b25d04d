/**
 * Finding a conversation on a page nobody wrote an adapter for. A thread is a
 * run of sibling blocks of the same kind (same tag, a class or test id in
 * common), each holding one time stamp, usually an author or avatar, and a
 * body. Ticket lists, navigation, forms and editors are never read: a table
 * row or a block that is mostly links is not a message.
 */
import type { ConversationMessage, Role } from '../ticket';
import { QUOTED_HISTORY, dropSignature, isoTime, readText } from './dom';

/**
 * Areas that hold interface, never the conversation. Not <form>: some apps
 * (ASP.NET WebForms) wrap the whole page in one; blocks holding an editor are
 * left out instead.
 */
const NOT_CONVERSATION =
  'nav, aside, table, footer, select, textarea, [role="navigation"], [role="banner"], [role="complementary"], [role="search"], [role="menu"], [role="listbox"], [role="grid"], [role="tree"], [role="tablist"], [role="dialog"], [aria-hidden="true"], [hidden], [contenteditable]:not([contenteditable="false"])';
const EDITOR = 'textarea, [contenteditable]:not([contenteditable="false"])';
/** Parts of a block that are not what its author wrote. */
const BLOCK_CHROME =
  'button, select, input, svg, [role="button"], [role="menu"], .dropdown-menu, [class*="dropdown" i], [class*="recipient" i], [class*="-meta" i], [class*="attachment" i]';
const AUTHOR = '[class*="author" i], [class*="sender" i], [class*="person" i], [class*="name" i], [data-testid*="author" i], strong, b';
const AVATAR = 'img, [class*="avatar" i], [class*="photo" i]';
const MACHINE_TIME = 'time, [datetime], [title]';
const RELATIVE_TIME = /^(just now|now|today|yesterday|\d+\s*(s|sec|second|m|min|minute|h|hr|hour|d|day|w|week|mo|month|y|yr|year)s?\s+ago)\b/i;
const CLOCK = /\b\d{1,2}:\d{2}(\s?[ap]\.?m\.?)?\b/i;
/** A title that reads as a date or time: a clock, a numeric date, or a month name with a day. */
const DATE_LIKE = /\d{1,2}:\d{2}|\b\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b|\b\d{1,2} (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;

interface TimeMarker {
  element: Element;
  iso?: string;
}

export interface MessageBlock {
  element: Element;
  /** Its time stamps (one or two). */
  markers: TimeMarker[];
}

const inInterface = (el: Element) => !!el.closest(NOT_CONVERSATION);

function withinAny(el: Element, set: Set<Element>, root: Element): boolean {
  for (let up: Element | null = el; up && up !== root.parentElement; up = up.parentElement) if (set.has(up)) return true;
  return false;
}

/** Time stamps in `root`: machine-readable ones first, then short texts like "10:03" or "5 minutes ago". */
export function timeMarkers(root: Element): TimeMarker[] {
  const found: TimeMarker[] = [];
  for (const el of root.querySelectorAll(MACHINE_TIME)) {
    const value = el.getAttribute('datetime') ?? (el.tagName === 'TIME' ? el.textContent : el.getAttribute('title'));
    if (!value || (!el.hasAttribute('datetime') && !DATE_LIKE.test(value))) continue;
    const iso = isoTime(value);
    if (iso || el.tagName === 'TIME') found.push({ element: el, iso });
  }
  const machineRead = new Set(found.map((m) => m.element));
  const walker = root.ownerDocument.createTreeWalker(root, 4 /* text */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue?.trim() ?? '';
    const parent = node.parentElement;
    if (!parent || text.length === 0 || text.length > 40) continue;
    if (!RELATIVE_TIME.test(text) && !CLOCK.test(text)) continue;
    if (withinAny(parent, machineRead, root)) continue;
    found.push({ element: parent });
  }
  return found.filter((m) => !inInterface(m.element));
}

/** Grouping keys: tag with each class, role or test id; a wrapper without any takes its only child's. */
export function kindKeys(el: Element, depth = 0): string[] {
  const tag = el.tagName.toLowerCase();
  const keys = [...el.classList].filter((c) => !/\d/.test(c)).map((c) => `${tag}.${c}`);
  for (const name of ['role', 'data-testid', 'data-test-id']) {
    const value = el.getAttribute(name);
    if (value) keys.push(`${tag}[${name}=${value}]`);
  }
  if (keys.length === 0 && depth < 2 && el.childElementCount === 1) return kindKeys(el.firstElementChild!, depth + 1).map((k) => `${tag}>${k}`);
  return keys.length ? keys : [tag];
}

/** Share of the text that sits inside links (a ticket list's rows are links to tickets). */
export function linkShare(el: Element): number {
  const total = (el.textContent ?? '').replace(/\s+/g, '').length;
  if (!total) return 1;
  let linked = 0;
  // In-page permalinks (a message's own time stamp) do not make it a list entry.
  for (const a of el.querySelectorAll('a[href]:not([href^="#"])')) if (!a.parentElement?.closest('a[href]')) linked += (a.textContent ?? '').replace(/\s+/g, '').length;
  return linked / total;
}

/**
 * The message blocks of the page's conversation, in page order, or [] when
 * the page holds none (a list of tickets, a settings page).
 */
export function findMessageBlocks(root: Element): MessageBlock[] {
  // The time stamps each element holds: a message holds one or two, a thread many.
  const held = new Map<Element, TimeMarker[]>();
  for (const marker of timeMarkers(root)) {
    for (let el: Element | null = marker.element; el && el !== root; el = el.parentElement) {
      const list = held.get(el);
      if (list) list.push(marker);
      else held.set(el, [marker]);
    }
  }
  const counts = new Map([...held].map(([el, list]) => [el, list.length]));
  const parents = new Set<Element>();
  for (const [el, count] of counts) if (count <= 2 && el.parentElement) parents.add(el.parentElement);
  const isTimed = (el: Element) => (counts.get(el) ?? 0) >= 1 && (counts.get(el) ?? 0) <= 2;

  let best: { members: Element[]; score: number } | null = null;
  // Parents with the most children first, so small groups that cannot win are skipped before any DOM query.
  for (const parent of [...parents].sort((a, b) => b.childElementCount - a.childElementCount)) {
    if (best && parent.childElementCount * 1.5 <= best.score) break;
    if (inInterface(parent)) continue;
    const groups = new Map<string, Element[]>();
    for (const child of parent.children) {
      for (const key of kindKeys(child)) {
        const group = groups.get(key);
        if (group) group.push(child);
        else groups.set(key, [child]);
      }
    }
    for (const group of groups.values()) {
      const timedAtMost = group.filter(isTimed).length;
      if (timedAtMost * 2 < group.length || (best && timedAtMost * 1.5 <= best.score)) continue;
      const members = group.filter((el) => !el.querySelector(EDITOR) && (el.textContent ?? '').trim() && linkShare(el) < 0.5);
      const timed = members.filter(isTimed);
      if (timed.length * 2 < group.length) continue;
      // A lone block is a message only when it says so (an article, a body wrapper) and names its author.
      if (timed.length === 1 && !((timed[0].matches('article, [role="article"]') || bodyElement(timed[0])) && timed[0].querySelector(`${AUTHOR}, ${AVATAR}`))) continue;
      const score = timed.length + timed.filter((el) => el.querySelector(`${AUTHOR}, ${AVATAR}`)).length / 2;
      if (!best || score > best.score) best = { members, score };
    }
  }
  return (best?.members ?? []).map((element) => ({ element, markers: held.get(element) ?? [] }));
}

/** Lower-case words of a class or attribute value: "thread-type-customer", "messageBody" → thread, type, customer, message, body. */
function words(value: string): string[] {
  return value
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
}

/** The block's own text, where the app wraps it: a class or test id with "content", else "body", else "text". */
export function bodyElement(block: Element): Element | null {
  const candidates = [...block.querySelectorAll('[class], [data-testid]')].map((el) => ({ el, words: words(`${el.getAttribute('class') ?? ''} ${el.getAttribute('data-testid') ?? ''}`) }));
  for (const word of ['content', 'body', 'text']) {
    const match = candidates.find((c) => c.words.includes(word));
    if (match) return match.el;
  }
  return null;
}

const NOTE_WORDS = new Set(['note', 'notes', 'internal', 'private', 'whisper']);
const SYSTEM_WORDS = new Set(['system', 'event', 'lineitem', 'activity', 'automated', 'bot']);
const AGENT_WORDS = new Set(['agent', 'staff', 'operator', 'outgoing', 'outbound', 'response', 'reply', 'admin', 'employee', 'own', 'self', 'mine']);
const CUSTOMER_WORDS = new Set(['customer', 'client', 'contact', 'requester', 'visitor', 'enduser', 'incoming', 'inbound', 'guest']);

/** What the block's markup says about its author: classes and short data-/type attributes of the block and its wrapper chain. */
export function markedRole(block: Element): Role | undefined {
  const found: string[] = [];
  for (let el: Element | null = block; el; el = el.childElementCount === 1 ? el.firstElementChild : null) {
    found.push(...words(el.getAttribute('class') ?? ''));
    for (const attr of el.attributes) {
      if ((attr.name.startsWith('data-') || attr.name === 'type') && attr.value.length <= 30) found.push(...words(attr.value.replace(/end-user/gi, 'enduser')));
    }
  }
  const has = (set: Set<string>) => found.some((w) => set.has(w));
  if (has(NOTE_WORDS)) return 'note';
  if (has(SYSTEM_WORDS)) return 'system';
  const agent = has(AGENT_WORDS);
  const customer = has(CUSTOMER_WORDS);
  if (agent !== customer) return agent ? 'agent' : 'customer';
  return undefined;
}

function authorOf(block: Element, body: Element | null): string | undefined {
  for (const el of block.querySelectorAll(AUTHOR)) {
    if (body?.contains(el) || el.closest(BLOCK_CHROME)) continue;
    const text = el.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    if (text.length >= 2 && text.length <= 60 && !/:$/.test(text) && !CLOCK.test(text)) return text;
  }
  return undefined;
}

/** The signed-in agent's name as the app's account menu shows it (often the first name only). */
export function signedInName(doc: Document): string | undefined {
  const controls = doc.querySelectorAll('[aria-label*="account" i], [title*="account" i], [class*="nav-user" i], [class*="current-user" i], [class*="user-menu" i]');
  for (const el of controls) {
    const text = el.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    if (text.length >= 2 && text.length <= 40) return text;
  }
  return undefined;
}

const SELF = /^(you|me)$|\(you\)/i;

function isSignedInUser(author: string | undefined, user: string | undefined): boolean {
  if (!author) return false;
  if (SELF.test(author)) return true;
  if (!user) return false;
  const first = (name: string) => name.toLowerCase().split(/\s+/)[0];
  return author.toLowerCase() === user.toLowerCase() || first(author) === first(user);
}

/** Reads the blocks as messages: roles, authors, times and bodies, oldest first. */
export function readMessageBlocks(blocks: MessageBlock[], signedIn: string | undefined): ConversationMessage[] {
  const read = blocks.map(({ element, markers }, index) => {
    const body = bodyElement(element);
    const author = authorOf(element, body);
    const skip = `${QUOTED_HISTORY}, ${BLOCK_CHROME}`;
    // Without a body wrapper, the block minus its time stamps and author line.
    const meta = [...markers.map((m) => m.element), ...[...element.querySelectorAll(AUTHOR)].filter((el) => el.textContent?.trim() === author)];
    const text = body ? readText(body, skip) : textWithout(element, meta, skip);
    return {
      element,
      marked: markedRole(element),
      message: {
        id: element.id || element.getAttribute('data-id') || element.firstElementChild?.id || `block-${index}`,
        role: 'customer' as Role,
        ...(author ? { author } : {}),
        ...(markers.find((m) => m.iso)?.iso ? { time: markers.find((m) => m.iso)!.iso } : {}),
        text: dropSignature(text),
      } satisfies ConversationMessage,
    };
  });
  // An unmarked block among ones marked "customer" is the other side; among ones marked "agent", the customer.
  const someCustomer = read.some((r) => r.marked === 'customer');
  for (const r of read) {
    if (r.marked) r.message.role = r.marked;
    else if (isSignedInUser(r.message.author, signedIn)) r.message.role = 'agent';
    else r.message.role = someCustomer ? 'agent' : 'customer';
  }
  const messages = read.map((r) => r.message).filter((m) => m.text);
  const times = messages.flatMap((m) => (m.time ? [Date.parse(m.time)] : []));
  // Helpdesks often list the newest message first.
  return times.length > 1 && times[0] > times[times.length - 1] ? messages.reverse() : messages;
}

/** Text of `el` leaving out some of its elements (time stamps, the author line) as well as `skip`. */
function textWithout(el: Element, leave: Element[], skip: string): string {
  const copy = el.cloneNode(true) as Element;
  const copies = leave.map((target) => pathTo(el, target)).map((path) => (path ? nodeAt(copy, path) : null));
  for (const node of copies) node?.remove();
  return readText(copy, skip);
}

function pathTo(root: Element, target: Element): number[] | null {
  const path: number[] = [];
  for (let el: Element | null = target; el && el !== root; el = el.parentElement) {
    if (!el.parentElement) return null;
    path.unshift([...el.parentElement.children].indexOf(el));
  }
  return path;
}

function nodeAt(root: Element, path: number[]): Element | null {
  let el: Element | null = root;
  for (const i of path) el = el?.children[i] ?? null;
  return el;
}
