/**
 * Messages between the content script, the background and the side panel.
 * One discriminated union, validated where it crosses a process boundary.
 */
import type { ComposerInfo, ConversationMessage, HelpdeskId, TicketSnapshot } from './ticket';
import type { Category, Severity } from './engine/types';

/** A finding the inline coach shows in the draft, as the panel lists it. */
export interface DraftFinding {
  ruleId: string;
  category: Category;
  severity: Severity;
  message: string;
  /** The draft text it covers, and where (offsets into the draft text). */
  phrase: string;
  start: number;
  end: number;
  rewrites: string[];
}

/** Which finding a panel action means: the coach looks it up again in the draft as it is now. */
export type FindingRef = Pick<DraftFinding, 'ruleId' | 'phrase' | 'start'>;

/** What the panel asks the page's coach to do with a finding. */
export type FindingAction = { kind: 'select' } | { kind: 'apply'; rewrite: number } | { kind: 'ignore' };

/** What the content script reads off the page; the background analyses it into a TicketSnapshot. */
export interface ConversationReport {
  helpdesk: HelpdeskId;
  ticketId: string | null;
  subject?: string;
  /** What the app shows as the conversation's number or title (the ticket id is for storage only). */
  label?: string;
  url: string;
  messages: ConversationMessage[];
  composer: ComposerInfo | null;
}

export type SteadyMessage =
  /** content → background: the conversation as read off the page (analysed in the background); answered with a LintContext. */
  | { type: 'conversation'; report: ConversationReport }
  /** content → background: the agent's current draft text (for the checklist and promises) and what the coach underlines in it. */
  | { type: 'draft'; text: string; findings?: DraftFinding[] }
  /** panel → content (via background): select, rewrite or ignore one of the draft's findings. */
  | { type: 'finding-action'; tabId: number; finding: FindingRef; action: FindingAction }
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
  /** The inline coach's findings in the draft, in draft order. */
  findings: DraftFinding[];
}

/** background → panel (over a long-lived port named "panel:<tabId>"): state changed. */
export type PanelUpdate = { type: 'tab-state'; state: TabState } | { type: 'open-script'; scriptId: string };

export type InsertResult = { ok: true } | { ok: false; message: string };

const TYPES = new Set<SteadyMessage['type']>(['conversation', 'draft', 'insert-text', 'finding-action', 'open-script', 'nudge', 'publish-now']);

export function isSteadyMessage(value: unknown): value is SteadyMessage {
  return !!value && typeof value === 'object' && TYPES.has((value as { type?: unknown }).type as SteadyMessage['type']);
}

export const panelPortName = (tabId: number) => `panel:${tabId}`;
