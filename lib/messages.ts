/**
 * Messages between the content script, the background and the side panel.
 * One discriminated union, validated by shape and by sender where it crosses
 * a process boundary: a message from anywhere else, or of the wrong shape, is
 * dropped. The service worker validates with zod (./message-schemas); the
 * content script with parseContentCommand, which keeps zod out of every page.
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
  /** The text the rewrites replace, when wider than the phrase (so a removal can be named as one). */
  replaced?: string;
}

/** Which finding a panel action means: the coach looks it up again in the draft as it is now. */
export type FindingRef = Pick<DraftFinding, 'ruleId' | 'phrase' | 'start'>;

/** What the panel asks the page's coach to do with a finding. */
export type FindingAction = { kind: 'select' } | { kind: 'apply'; rewrite: number } | { kind: 'ignore' };

/** What the content script reads off the page; the background analyses it into a TicketSnapshot. */
export interface ConversationReport {
  helpdesk: HelpdeskId;
  /** Whose helpdesk (subdomain, workspace id…): the same ticket number in two accounts is two tickets. */
  account: string;
  ticketId: string | null;
  subject?: string;
  /** What the app shows as the conversation's number or title (the ticket id is for storage only). */
  label?: string;
  url: string;
  messages: ConversationMessage[];
  composer: ComposerInfo | null;
  /** Generic mode read the page (see TicketSnapshot.genericMode). */
  genericMode?: boolean;
}

export type SteadyMessage =
  /** content → background: the conversation as read off the page (analysed in the background); answered with a LintContext. */
  | { type: 'conversation'; report: ConversationReport }
  /** content → background: the agent's current draft text (for the checklist and promises) and what the coach underlines in it. */
  | { type: 'draft'; text: string; findings?: DraftFinding[]; undoWarning?: boolean }
  /** background → content: select, rewrite or ignore one of the draft's findings (asked by the panel bound to that tab). */
  | { type: 'finding-action'; finding: FindingRef; action: FindingAction }
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
  /** The inline coach's findings in the draft, in draft order. */
  findings: DraftFinding[];
  /** One Ctrl+Z is not known to undo a rewrite in the draft's editor: the card and the panel warn before the agent applies one. */
  undoWarning?: boolean;
}

/** background → panel (over a long-lived port named "panel:<tabId>"): state changed, or the answer to an insert. */
export type PanelUpdate =
  | { type: 'tab-state'; state: TabState }
  | { type: 'open-script'; scriptId: string }
  | { type: 'insert-result'; requestId: number; result: InsertResult };

/** What a panel asks of the page of the tab its port belongs to (never a tab named in the message). */
export type PanelAsk = Extract<SteadyMessage, { type: 'insert-text' | 'finding-action' }>;
/** panel → background over its port; answered with an insert-result of the same requestId. */
export type PanelRequest = PanelAsk & { requestId: number };

export type InsertResult = { ok: true } | { ok: false; message: string };

/** What the service worker may ask of a page's coach. */
export type ContentCommand = Extract<SteadyMessage, { type: 'finding-action' | 'insert-text' | 'publish-now' }>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isIndex = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

function findingActionOf(value: unknown): FindingAction | null {
  if (!isRecord(value)) return null;
  if (value.kind === 'select' || value.kind === 'ignore') return { kind: value.kind };
  return value.kind === 'apply' && isIndex(value.rewrite) ? { kind: 'apply', rewrite: value.rewrite } : null;
}

/**
 * A command for the page's coach, if the value has the shape of one; null otherwise. Written by
 * hand rather than with the zod schemas the service worker uses, which would make the content
 * script that every helpdesk page loads ten times larger.
 */
export function parseContentCommand(value: unknown): ContentCommand | null {
  if (!isRecord(value)) return null;
  if (value.type === 'publish-now') return { type: 'publish-now' };
  if (value.type === 'insert-text') {
    if (typeof value.text !== 'string' || (value.asNote !== undefined && typeof value.asNote !== 'boolean')) return null;
    return value.asNote === undefined ? { type: 'insert-text', text: value.text } : { type: 'insert-text', text: value.text, asNote: value.asNote };
  }
  if (value.type !== 'finding-action' || !isRecord(value.finding)) return null;
  const { ruleId, phrase, start } = value.finding;
  const action = findingActionOf(value.action);
  if (typeof ruleId !== 'string' || typeof phrase !== 'string' || !isIndex(start) || !action) return null;
  return { type: 'finding-action', finding: { ruleId, phrase, start }, action };
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
