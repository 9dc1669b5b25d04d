/**
 * Tells the caller when the conversation in view changes: another ticket,
 * new or edited messages, a composer replaced by the app or focused. One
 * MutationObserver on the body (and focus events); bursts of mutations are coalesced into at
 * most one read per `delayMs`, and no timer runs while the page is quiet.
 */
import { readConversation, type ConversationReading } from './index';

export interface ConversationChange {
  reading: ConversationReading;
  ticketChanged: boolean;
  messagesChanged: boolean;
  composerChanged: boolean;
}

export interface WatchOptions {
  /** Coalescing window. */
  delayMs?: number;
}

/** Attributes whose change means another ticket or editor is shown; others are ignored to keep the observer cheap. */
const WATCHED_ATTRIBUTES = ['aria-current', 'contenteditable', 'data-entity-id', 'data-legacy-thread-id', 'data-thread-perm-id', 'hidden', 'data-channel', 'data-mode'];

interface Fingerprint {
  ticket: string;
  messages: string;
  composers: HTMLElement[];
  /** Reply or note per composer: switching the channel keeps the same editor element. */
  modes: string;
}

function fingerprint(reading: ConversationReading, doc: Document): Fingerprint {
  return {
    ticket: `${reading.helpdesk}:${reading.ticketId ?? doc.location?.pathname ?? ''}`,
    messages: reading.messages.map((m) => `${m.id}:${m.role}:${m.text.length}`).join('|'),
    composers: reading.composers.map((c) => c.element),
    modes: reading.composers.map((c) => c.info.mode).join('|'),
  };
}

function read(doc: Document): ConversationReading {
  return readConversation(new URL(doc.location?.href ?? 'about:blank'), doc);
}

/** Starts watching; returns the function that stops it. */
export function watchConversation(doc: Document, onChange: (change: ConversationChange) => void, options: WatchOptions = {}): () => void {
  const delayMs = options.delayMs ?? 150;
  let last = fingerprint(read(doc), doc);
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = (): void => {
    timer = undefined;
    const reading = read(doc);
    const next = fingerprint(reading, doc);
    const change: ConversationChange = {
      reading,
      ticketChanged: next.ticket !== last.ticket,
      messagesChanged: next.messages !== last.messages,
      composerChanged: next.modes !== last.modes || next.composers.length !== last.composers.length || next.composers.some((el, i) => el !== last.composers[i]),
    };
    last = next;
    if (change.ticketChanged || change.messagesChanged || change.composerChanged) {
      try {
        onChange(change);
      } catch (error) {
        console.error('Steady: conversation listener failed', error);
      }
    }
  };

  // Typing in the composer mutates the page on every key; it changes nothing this watcher reports.
  const insideComposer = (node: Node): boolean => last.composers.some((el) => el !== node && el.contains(node));

  const observer = new MutationObserver((records) => {
    if (timer !== undefined) return;
    if (records.every((record) => insideComposer(record.target))) return;
    timer = setTimeout(flush, delayMs);
  });
  observer.observe(doc.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: WATCHED_ATTRIBUTES });
  // Generic mode's composer is the focused editor; focusing (and typing in) a textarea mutates nothing.
  const onFocus = () => {
    if (timer === undefined) timer = setTimeout(flush, delayMs);
  };
  doc.addEventListener('focusin', onFocus, true);

  return () => {
    observer.disconnect();
    doc.removeEventListener('focusin', onFocus, true);
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
}
