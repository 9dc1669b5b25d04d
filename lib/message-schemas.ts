/**
 * zod schemas for the messages the service worker receives (see ./messages): kept
 * apart so that the content script, which only obeys the service worker, stays small.
 */
import { z } from 'zod';
import { HELPDESKS } from './ticket';
import type { PanelRequest, SteadyMessage } from './messages';

const conversationMessage = z.object({
  id: z.string(),
  role: z.enum(['customer', 'agent', 'note', 'system']),
  author: z.string().optional(),
  time: z.string().optional(),
  text: z.string(),
  truncated: z.boolean().optional(),
});

const conversationReport = z.object({
  helpdesk: z.enum(HELPDESKS),
  account: z.string(),
  ticketId: z.string().nullable(),
  subject: z.string().optional(),
  label: z.string().optional(),
  genericMode: z.boolean().optional(),
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

const draftFinding = z.object({
  ruleId: z.string(),
  category: z.string(),
  severity: z.enum(['suggestion', 'warning', 'problem']),
  message: z.string(),
  phrase: z.string(),
  start: z.number(),
  end: z.number(),
  rewrites: z.array(z.string()),
});
const insertText = z.object({ type: z.literal('insert-text'), text: z.string(), asNote: z.boolean().optional() });
const findingAction = z.object({
  type: z.literal('finding-action'),
  finding: z.object({ ruleId: z.string(), phrase: z.string(), start: z.number() }),
  action: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('select') }),
    z.object({ kind: z.literal('apply'), rewrite: z.number().int().nonnegative() }),
    z.object({ kind: z.literal('ignore') }),
  ]),
});

const steadyMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('conversation'), report: conversationReport }),
  z.object({ type: z.literal('draft'), text: z.string(), findings: z.array(draftFinding).optional(), undoWarning: z.boolean().optional() }),
  insertText,
  findingAction,
  z.object({ type: z.literal('open-script'), scriptId: z.string() }),
  z.object({ type: z.literal('nudge'), ruleId: z.string(), kind: z.enum(['shown', 'accepted', 'ignored']), phrase: z.string() }),
  z.object({ type: z.literal('publish-now') }),
]);

const panelRequest = z.discriminatedUnion('type', [insertText.extend({ requestId: z.number() }), findingAction.extend({ requestId: z.number() })]);

/** The message, if it has the shape of one of ours; null otherwise. */
export function parseSteadyMessage(value: unknown): SteadyMessage | null {
  const parsed = steadyMessage.safeParse(value);
  return parsed.success ? (parsed.data as SteadyMessage) : null;
}

export function parsePanelRequest(value: unknown): PanelRequest | null {
  const parsed = panelRequest.safeParse(value);
  return parsed.success ? (parsed.data as PanelRequest) : null;
}
