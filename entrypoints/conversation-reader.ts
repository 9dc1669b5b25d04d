/**
 * The helpdesk adapters and the conversation watcher, loaded by the content
 * script with import() once the page is idle (see wxt.config.ts), so the
 * always-injected script stays small. The default export starts reading.
 */
import { detectAdapter, readConversation, type ConversationReading } from '@/lib/helpdesks';
import { watchConversation } from '@/lib/helpdesks/watch';
import type { ConversationReport } from '@/lib/messages';
import { hasFocusWithin } from '@/lib/editor/tree';

export interface ConversationReader {
  /** The composer elements of the ticket in view (for the coaching layer). */
  composers(): HTMLElement[];
  /** Read the page now and publish it. */
  publishNow(): void;
  /** Switch the reply to an internal note where the app allows it. */
  switchToNote(): boolean;
  stop(): void;
}

export type StartReader = (publish: (report: ConversationReport) => void) => ConversationReader;

function toReport(reading: ConversationReading, doc: Document): ConversationReport {
  const composer = reading.composers.find((c) => hasFocusWithin(c.element)) ?? reading.composers[0];
  return {
    helpdesk: reading.helpdesk,
    account: reading.account,
    ticketId: reading.ticketId,
    ...(reading.subject ? { subject: reading.subject } : {}),
    ...(reading.label ? { label: reading.label } : {}),
    url: doc.location.href,
    messages: reading.messages,
    composer: composer ? { ...composer.info, canSwitchToNote: !reading.fallback && !!detectAdapter(new URL(doc.location.href), doc).switchToNote } : null,
    ...(reading.fallback || reading.helpdesk === 'generic' ? { genericMode: true } : {}),
  };
}

/** Also bundled whole into the content script for sites the agent enables (entrypoints/generic.content.ts). */
export const startReader: StartReader = (publish) => {
  let latest = readConversation(new URL(location.href), document);
  publish(toReport(latest, document));
  const stop = watchConversation(document, (change) => {
    latest = change.reading;
    publish(toReport(latest, document));
  });
  return {
    composers: () => latest.composers.map((c) => c.element),
    publishNow() {
      latest = readConversation(new URL(location.href), document);
      publish(toReport(latest, document));
    },
    switchToNote() {
      if (latest.composers[0]?.info.mode === 'note') return true;
      try {
        return detectAdapter(new URL(location.href), document).switchToNote?.(document) ?? false;
      } catch {
        return false;
      }
    },
    stop,
  };
};

export default defineUnlistedScript(() => startReader);
