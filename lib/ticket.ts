/**
 * The ticket snapshot: one typed shape shared by the content script (which
 * builds it), the background (which keeps the latest per tab) and the side
 * panel (which shows it). Pure types, constants and what the linter needs from it.
 */
import type { LintContext } from './engine/types';

export const HELPDESKS = ['zendesk', 'intercom', 'freshdesk', 'helpscout', 'gmail', 'hubspot', 'generic'] as const;
export type HelpdeskId = (typeof HELPDESKS)[number];

export type Role = 'customer' | 'agent' | 'note' | 'system';

/** A message is read and analysed up to about this many characters: its beginning, where the customer states the problem. */
export const MAX_MESSAGE_CHARS = 20_000;

export interface ConversationMessage {
  /** Stable within the page (data-* id where the app has one, else position). */
  id: string;
  role: Role;
  author?: string;
  /** ISO time when the page shows one. */
  time?: string;
  text: string;
  /** True when the page's text was longer and only its beginning was read (lib/helpdesks/caps.ts). */
  truncated?: boolean;
}

export type SentimentLabel = 'negative' | 'neutral' | 'positive';

export interface Sentiment {
  /** In [-1, 1]. */
  score: number;
  label: SentimentLabel;
}

export interface AnalysedMessage extends ConversationMessage {
  /** Present on customer messages. */
  sentiment?: Sentiment;
}

export const TRIGGERS = ['delay', 'repetition', 'refund', 'churn', 'billing', 'confusion', 'transfer-hold', 'policy', 'abuse', 'broken-promise', 'gratitude', 'relief'] as const;
export type TriggerId = (typeof TRIGGERS)[number];

export interface TriggerHit {
  trigger: TriggerId;
  messageId: string;
  /** Evidence span, offsets into that message's text. */
  start: number;
  end: number;
  evidence: string;
  /** Scenario script id (rules/scripts.yaml). */
  script: string;
}

export interface Trajectory {
  /** Customer message scores in order. */
  points: { messageId: string; score: number }[];
  start: number | null;
  now: number | null;
  trend: 'rising' | 'falling' | 'flat' | 'unknown';
}

export interface ExtractedFact {
  kind: 'order-number' | 'ticket-number' | 'invoice-number' | 'amount' | 'date' | 'deadline';
  text: string;
  messageId: string;
}

export type EditorKind =
  | 'ckeditor5' | 'prosemirror' | 'quill' | 'froala' | 'textarea' | 'contenteditable'
  /** Editors that keep their own undo history apart from the browser's. */
  | 'tinymce' | 'ckeditor4' | 'summernote'
  /** Frameworks that render from their own model, driven only through the page's input events (undo proven per editor, editor/undo.ts). */
  | 'slate' | 'lexical' | 'draft-js' | 'trix'
  /** ProseMirror under Tiptap's own marker (its class `tiptap`): the same input path and history. */
  | 'tiptap'
  /** Jodit keeps snapshots of its own, filed a moment after each change (editor/history.ts). */
  | 'jodit';

export interface ComposerInfo {
  mode: 'reply' | 'note' | 'unknown';
  editor: EditorKind;
  /** The app lets Steady switch this composer to an internal note. */
  canSwitchToNote?: boolean;
}

export interface TicketSnapshot {
  helpdesk: HelpdeskId;
  /** Whose helpdesk (subdomain, workspace id…): ticket numbers repeat across accounts. */
  account: string;
  ticketId: string | null;
  subject?: string;
  /** What the helpdesk shows as this conversation's number or title ("#88"); ticketId is for storage only. */
  label?: string;
  url: string;
  messages: AnalysedMessage[];
  triggers: TriggerHit[];
  trajectory: Trajectory;
  facts: ExtractedFact[];
  composer: ComposerInfo | null;
  /** Generic mode read the page: the app has no adapter, or its adapter did not recognise this layout. */
  genericMode?: boolean;
  updatedAt: number;
}

// An internal note that already grants the request ("Full refund is fine, no approval needed").
const APPROVES = /\b(?:approved|no approval needed|go ahead|(?:is|'s) (?:fine|ok|okay)|ok to (?:refund|credit)|okay to (?:refund|credit))\b/i;
const REFUSES = /\b(?:not approved|don't approve|do not approve|denied|declined|reject(?:ed)?|not (?:fine|ok|okay))\b/i;

/** What the draft linter needs to know about the conversation: how the customer feels now, what the ticket approves, its facts. */
export function lintContextOf(snapshot: TicketSnapshot | null): LintContext {
  const context: LintContext = {};
  const now = snapshot?.trajectory.now;
  if (now != null) context.customerSentiment = now;
  const notes = snapshot?.messages.filter((m) => m.role === 'note') ?? [];
  const lastNote = notes[notes.length - 1];
  if (lastNote && APPROVES.test(lastNote.text) && !REFUSES.test(lastNote.text)) context.approved = true;
  const firstName = snapshot?.messages.find((m) => m.role === 'customer' && m.author)?.author?.split(/\s+/)[0];
  const orderNumber = snapshot?.facts.find((f) => f.kind === 'order-number')?.text;
  if (firstName || orderNumber) context.facts = { ...(firstName ? { firstName } : {}), ...(orderNumber ? { orderNumber } : {}) };
  return context;
}
