/**
 * Messages between the content script, the background and the side panel.
 * One discriminated union, validated where it crosses a process boundary.
 */
import type { ComposerInfo, ConversationMessage, HelpdeskId, TicketSnapshot } from './ticket';

/** What the content script reads off the page; the background analyses it into a TicketSnapshot. */
export interface ConversationReport {
  helpdesk: HelpdeskId;
  ticketId: string | null;
  subject?: string;
  url: string;
  messages: ConversationMessage[];
  composer: ComposerInfo | null;
  /** Generic mode read the page (see TicketSnapshot.genericMode). */
  genericMode?: boolean;
}

export type SteadyMessage =
  /** content → background: the conversation as read off the page (analysed in the background); answered with a LintContext. */
  | { type: 'conversation'; report: ConversationReport }
  /** content → background: the agent's current draft text (for the checklist and promises). */
  | { type: 'draft'; text: string }
  /** panel → content (via background): insert a line at the caret of the active composer. */
  | { type: 'insert-text'; tabId: number; text: string; asNote?: boolean }
  /** content → background: open the side panel at a script (user gesture in the page). */
  | { type: 'open-script'; scriptId: string }
  /** content → background: a coaching nudge was shown, accepted or ignored (local figures). */
  | { type: 'nudge'; ruleId: string; kind: 'shown' | 'accepted' | 'ignored'; phrase: string }
  /** background → content: send the conversation again (after the service worker restarted). */
  | { type: 'publish-now' };

export interface TabState {
  tabId: number;
  snapshot: TicketSnapshot | null;
  draft: string;
}

/** background → panel (over a long-lived port named "panel:<tabId>"): state changed. */
export type PanelUpdate = { type: 'tab-state'; state: TabState } | { type: 'open-script'; scriptId: string };

export type InsertResult = { ok: true } | { ok: false; message: string };

const TYPES = new Set<SteadyMessage['type']>(['conversation', 'draft', 'insert-text', 'open-script', 'nudge', 'publish-now']);

export function isSteadyMessage(value: unknown): value is SteadyMessage {
  return !!value && typeof value === 'object' && TYPES.has((value as { type?: unknown }).type as SteadyMessage['type']);
}

export const panelPortName = (tabId: number) => `panel:${tabId}`;
