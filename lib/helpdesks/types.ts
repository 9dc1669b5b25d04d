/**
 * The one shape every helpdesk adapter has. An adapter only reads the page:
 * it never changes the DOM and never inserts page text anywhere.
 */
import type { ComposerInfo, ConversationMessage, HelpdeskId } from '../ticket';

export interface ComposerTarget {
  element: HTMLElement;
  info: ComposerInfo;
}

export interface HelpdeskAdapter {
  id: HelpdeskId;
  /** True when this page belongs to the app (URL first, DOM only to confirm). */
  matches(url: URL, doc: Document): boolean;
  /** The part of the page holding the conversation in view (apps that keep several mounted). */
  root?(doc: Document): Element | null;
  ticketId(doc: Document, url: URL): string | null;
  /** Whose helpdesk this is (subdomain, workspace or portal id): ticket numbers repeat across accounts. */
  account(doc: Document, url: URL): string;
  subject(doc: Document): string | undefined;
  /**
   * What the app itself calls this conversation on screen (Help Scout's "#88",
   * an Intercom conversation's title), when that is not the storage id. Shown
   * to the agent; the ticket id stays the storage key.
   */
  label?(doc: Document, url: URL): string | undefined;
  /** Oldest first, quoted history and signatures trimmed. */
  messages(doc: Document, url: URL): ConversationMessage[];
  /** Reply editors currently in the page for this conversation. */
  composers(doc: Document): ComposerTarget[];
  /**
   * Switch the composer to an internal note through the app's own controls
   * (clicks, never DOM edits). Returns false when the page offers no switch.
   */
  switchToNote?(doc: Document): boolean;
}
