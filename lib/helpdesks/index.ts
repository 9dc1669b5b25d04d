/**
 * Adapter registry and the safe way to read a conversation: an adapter that
 * throws, or whose selectors no longer match a loaded page, gives way to
 * generic mode instead of leaving the agent without help.
 *
 * Adding a helpdesk: one adapter file here (all its selectors in it), one line
 * in ADAPTERS, one fixture page in tests/fixtures with its route.
 */
import type { ConversationMessage, HelpdeskId } from '../ticket';
import { freshdesk } from './freshdesk';
import { generic } from './generic';
import { gmail } from './gmail';
import { helpscout } from './helpscout';
import { hubspot } from './hubspot';
import { intercom } from './intercom';
import type { ComposerTarget, HelpdeskAdapter } from './types';
import { capConversation } from './caps';
import { zendesk } from './zendesk';

export type { ComposerTarget, HelpdeskAdapter } from './types';

/** Specific apps first; generic matches every page and stays last. */
export const ADAPTERS: readonly HelpdeskAdapter[] = [zendesk, intercom, freshdesk, helpscout, gmail, hubspot, generic];

export function detectAdapter(url: URL, doc: Document): HelpdeskAdapter {
  for (const adapter of ADAPTERS) {
    try {
      if (adapter.matches(url, doc)) return adapter;
    } catch {
      // A broken matcher must not hide the apps after it.
    }
  }
  return generic;
}

export interface ConversationReading {
  /** The app recognised from the URL. */
  helpdesk: HelpdeskId;
  /** True when the app's adapter could not read this page and generic mode did. */
  fallback: boolean;
  /** Whose helpdesk (see HelpdeskAdapter.account). */
  account: string;
  ticketId: string | null;
  subject?: string;
  /** What the app shows as this conversation's name or number (see HelpdeskAdapter.label). */
  label?: string;
  messages: ConversationMessage[];
  composers: ComposerTarget[];
}

const reportedFallbacks = new Set<HelpdeskId>();

function noteFallback(id: HelpdeskId, reason: string): void {
  if (reportedFallbacks.has(id)) return;
  reportedFallbacks.add(id);
  console.info(`Steady: the ${id} page layout was not recognised (${reason}); using generic mode.`);
}

function readWith(adapter: HelpdeskAdapter, url: URL, doc: Document): Omit<ConversationReading, 'helpdesk' | 'fallback'> {
  return {
    account: adapter.account(doc, url),
    ticketId: adapter.ticketId(doc, url),
    subject: adapter.subject(doc),
    label: adapter.label?.(doc, url),
    messages: capConversation(adapter.messages(doc, url)),
    composers: adapter.composers(doc),
  };
}

function readGeneric(url: URL, doc: Document): Omit<ConversationReading, 'helpdesk' | 'fallback'> {
  try {
    return readWith(generic, url, doc);
  } catch {
    return { account: url.hostname, ticketId: null, messages: [], composers: [] };
  }
}

/** Reads the conversation in view. Never throws. */
export function readConversation(url: URL, doc: Document): ConversationReading {
  const adapter = detectAdapter(url, doc);
  if (adapter === generic) return { helpdesk: 'generic', fallback: false, ...readGeneric(url, doc) };
  try {
    const reading = readWith(adapter, url, doc);
    const loaded = doc.readyState === 'complete';
    if (loaded && reading.messages.length === 0 && reading.composers.length === 0) {
      noteFallback(adapter.id, 'no messages and no composer');
      return { helpdesk: adapter.id, fallback: true, ...readGeneric(url, doc), account: reading.account, ticketId: reading.ticketId ?? generic.ticketId(doc, url) };
    }
    // Messages found but the reply editor moved: the focused editor is still worth coaching.
    if (reading.composers.length === 0) reading.composers = generic.composers(doc);
    return { helpdesk: adapter.id, fallback: false, ...reading };
  } catch (error) {
    noteFallback(adapter.id, error instanceof Error ? error.message : 'error');
    return { helpdesk: adapter.id, fallback: true, ...readGeneric(url, doc) };
  }
}
