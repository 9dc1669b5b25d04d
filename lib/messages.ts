/**
 * Messages between the content script, the background and the side panel.
 * One discriminated union, validated by shape (zod) and by sender where it
 * crosses a process boundary: a message from anywhere else, or of the wrong
 * shape, is dropped.
 */
import { z } from 'zod';
import { HELPDESKS, type ComposerInfo, type ConversationMessage, type HelpdeskId, type TicketSnapshot } from './ticket';

/** What the content script reads off the page; the background analyses it into a TicketSnapshot. */
export interface ConversationReport {
  helpdesk: HelpdeskId;
  /** Whose helpdesk (subdomain, workspace id…): the same ticket number in two accounts is two tickets. */
  account: string;
  ticketId: string | null;
  subject?: string;
  url: string;
  messages: ConversationMessage[];
  composer: ComposerInfo | null;
}

export type SteadyMessage =
  /** content → background: the conversation as read off the page (analysed in the background); answered with a LintContext. */
  | { type: 'conversation'; report: ConversationReport }
  /** content → background: the agent's current draft text (for the checklist and promises). */
  | { type: 'draft'; text: string }
  /** background → content: insert a line at the caret of the active composer (asked by the panel bound to that tab). */
  | { type: 'insert-text'; text: string; asNote?: boolean }
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

/** background → panel (over a long-lived port named "panel:<tabId>"): state changed, or the answer to an insert. */
export type PanelUpdate =
  | { type: 'tab-state'; state: TabState }
  | { type: 'open-script'; scriptId: string }
  | { type: 'insert-result'; requestId: number; result: InsertResult };

/** panel → background over its port: insert into the tab the port belongs to (never a tab named in the message). */
export type PanelRequest = { type: 'insert-text'; requestId: number; text: string; asNote?: boolean };

export type InsertResult = { ok: true } | { ok: false; message: string };

const conversationMessage = z.object({
  id: z.string(),
  role: z.enum(['customer', 'agent', 'note', 'system']),
  author: z.string().optional(),
  time: z.string().optional(),
  text: z.string(),
});

const conversationReport = z.object({
  helpdesk: z.enum(HELPDESKS),
  account: z.string(),
  ticketId: z.string().nullable(),
  subject: z.string().optional(),
  url: z.string(),
  messages: z.array(conversationMessage),
  composer: z
    .object({
      mode: z.enum(['reply', 'note', 'unknown']),
      // Any editor name: new editor kinds must not make a page's reports vanish.
      editor: z.string(),
      canSwitchToNote: z.boolean().optional(),
    })
    .nullable(),
});

const steadyMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('conversation'), report: conversationReport }),
  z.object({ type: z.literal('draft'), text: z.string() }),
  z.object({ type: z.literal('insert-text'), text: z.string(), asNote: z.boolean().optional() }),
  z.object({ type: z.literal('open-script'), scriptId: z.string() }),
  z.object({ type: z.literal('nudge'), ruleId: z.string(), kind: z.enum(['shown', 'accepted', 'ignored']), phrase: z.string() }),
  z.object({ type: z.literal('publish-now') }),
]);

const panelRequest = z.object({ type: z.literal('insert-text'), requestId: z.number(), text: z.string(), asNote: z.boolean().optional() });

/** The message, if it has the shape of one of ours; null otherwise. */
export function parseSteadyMessage(value: unknown): SteadyMessage | null {
  const parsed = steadyMessage.safeParse(value);
  return parsed.success ? (parsed.data as SteadyMessage) : null;
}

export function parsePanelRequest(value: unknown): PanelRequest | null {
  const parsed = panelRequest.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Who sent a message or opened a port, as the browser reports it (runtime.MessageSender). */
export interface Sender {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

/** The tab of a content script of this extension, or undefined for any other sender. */
export function contentScriptTab(sender: Sender, extensionId: string): number | undefined {
  return sender.id === extensionId && typeof sender.tab?.id === 'number' && sender.tab.id >= 0 ? sender.tab.id : undefined;
}

/** True for messages from the extension's own service worker (what a content script may obey). */
export function fromBackground(sender: Sender, extensionId: string): boolean {
  return sender.id === extensionId && !sender.tab;
}

export const panelPortName = (tabId: number) => `panel:${tabId}`;

/**
 * The tab a panel port is bound to: only the extension's own side panel page
 * may open one (a content script of any tab is refused), for the tab the
 * agent chose in it.
 */
export function panelPortTab(name: string, sender: Sender, extensionId: string, panelPageUrl: string): number | undefined {
  const tabId = Number(/^panel:(\d+)$/.exec(name)?.[1]);
  if (!Number.isSafeInteger(tabId) || tabId <= 0 || sender.id !== extensionId || !sender.url) return undefined;
  return sender.url.split(/[?#]/)[0] === panelPageUrl ? tabId : undefined;
}
