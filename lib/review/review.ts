/**
 * After-conversation review (content spec section 6): the review questions
 * with answers pre-filled from the ticket, and the follow-up note.
 */
import type { AnalysedMessage, TicketSnapshot } from '../ticket';
import type { DecisionMap } from '../store/db';

export interface ReviewAnswer {
  id: 'turning-points' | 'acknowledged-early' | 'facts-first' | 'over-explained' | 'promises' | 'phrase-that-worked';
  question: string;
  /** Pre-filled from the data; null when the data can't tell. */
  answer: string | null;
}

/** A promise from an agent reply (or the draft), and the customer's words when they say it was not kept. */
export interface TicketPromise {
  text: string;
  /** Who wrote it, when the page names the agent (absent for the draft). */
  author?: string;
  brokenEvidence?: string;
}

/**
 * The promises of the agent's earlier replies, in order, each with the first later customer message
 * that says a promise was not kept (the broken-promise trigger), then the draft's own promises.
 */
export function ticketPromises(snapshot: Pick<TicketSnapshot, 'messages' | 'triggers'>, promisesIn: (text: string) => readonly string[], draftPromises: readonly string[] = []): TicketPromise[] {
  const position = new Map(snapshot.messages.map((m, i) => [m.id, i]));
  const complaints = snapshot.triggers.filter((t) => t.trigger === 'broken-promise');
  const out: TicketPromise[] = [];
  snapshot.messages.forEach((m, i) => {
    if (m.role !== 'agent') return;
    const complaint = complaints.find((t) => (position.get(t.messageId) ?? -1) > i);
    for (const text of promisesIn(m.text)) out.push({ text, ...(m.author ? { author: m.author } : {}), ...(complaint ? { brokenEvidence: complaint.evidence } : {}) });
  });
  for (const text of draftPromises) if (!out.some((p) => p.text === text)) out.push({ text });
  return out;
}

const describePromise = (p: TicketPromise) => (p.brokenEvidence ? `${p.text} (the customer says it was not kept: “${excerpt(p.brokenEvidence)}”)` : p.text);

export interface ReviewInputs {
  snapshot: TicketSnapshot;
  /** The current, unsent draft (counts as the agent's latest reply). */
  draft: string;
  /** Promises of the agent's replies and the draft (ticketPromises). */
  promises: readonly TicketPromise[];
  /** Per agent text: does it open by acknowledging the impact / ask a question before proposing a fix? */
  acknowledges(text: string): boolean;
  asksFirst(text: string): boolean;
  /** Whether the text is flagged as over-explaining. */
  overExplains(text: string): boolean;
}

const SWING = 0.25;

export function buildReview(input: ReviewInputs): ReviewAnswer[] {
  const { snapshot } = input;
  const replies: Reply[] = [...snapshot.messages.filter((m) => m.role === 'agent').map((m) => ({ text: m.text, author: m.author })), ...(input.draft.trim() ? [{ text: input.draft, mine: true }] : [])];
  const firstReply = replies[0]?.text;
  // Questions about another agent's reply name that agent: only the signed-in agent's own replies are "I".
  const firstWriter = replies[0] ? writer(replies[0]) : 'I';
  const allMine = replies.every((r) => writer(r) === 'I');
  return [
    { id: 'turning-points', question: 'When did the customer become calmer or more frustrated?', answer: turningPoints(snapshot.messages) },
    {
      id: 'acknowledged-early',
      question: `Did ${firstWriter} acknowledge the emotional impact early enough?`,
      answer: firstReply === undefined ? null : input.acknowledges(firstReply) ? 'Yes — the first reply opens by acknowledging the impact.' : 'Not in the first reply: it opens without naming what the problem cost the customer.',
    },
    {
      id: 'facts-first',
      question: `Did ${firstWriter} ask for the right facts before offering a solution?`,
      answer: firstReply === undefined ? null : input.asksFirst(firstReply) ? 'Yes — the first reply asks a clarifying question.' : 'The first reply offers an answer without asking the customer anything first.',
    },
    {
      id: 'over-explained',
      question: allMine ? 'Did I over-explain?' : 'Did the replies over-explain?',
      answer: replies.length === 0 ? null : replies.some((r) => input.overExplains(r.text)) ? 'Possibly — at least one reply is long for an upset customer.' : 'No reply stood out as too long.',
    },
    {
      id: 'promises',
      question: allMine ? 'Did I promise anything that needs follow-up?' : 'Do the replies promise anything that needs follow-up?',
      answer: input.promises.length ? input.promises.map((p) => `• ${describePromise(p)}`).join('\n') : 'No promises found in the replies.',
    },
    { id: 'phrase-that-worked', question: 'What phrase worked well that I should reuse?', answer: phraseThatWorked(snapshot.messages) },
  ];
}

interface Reply {
  text: string;
  author?: string;
  /** The signed-in agent's own text (the draft). */
  mine?: boolean;
}

/** Helpdesks show the signed-in agent's own messages as "You" or "Name (you)". */
const SELF = /^(?:you|me)$|\(you\)/i;

/** Who a question about this reply names: "I" for the agent's own, else the author's first name, else "the agent". */
function writer(reply: Reply): string {
  if (reply.mine || (reply.author && SELF.test(reply.author.trim()))) return 'I';
  return reply.author?.trim().split(/\s+/)[0] || 'the agent';
}

/** Biggest rise and fall between consecutive customer messages. */
function turningPoints(messages: readonly AnalysedMessage[]): string | null {
  const customer = messages.map((m, index) => ({ m, index })).filter(({ m }) => m.role === 'customer' && m.sentiment);
  if (customer.length < 2) return null;
  let rise = { delta: 0, at: -1 };
  let fall = { delta: 0, at: -1 };
  for (let i = 1; i < customer.length; i++) {
    const delta = customer[i].m.sentiment!.score - customer[i - 1].m.sentiment!.score;
    if (delta > rise.delta) rise = { delta, at: i };
    if (delta < fall.delta) fall = { delta, at: i };
  }
  const quote = (i: number) => `message ${i + 1} (“${excerpt(customer[i].m.text)}”)`;
  const parts = [
    fall.delta <= -SWING ? `More frustrated at customer ${quote(fall.at)}.` : '',
    rise.delta >= SWING ? `Calmer at customer ${quote(rise.at)}.` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(' ') : 'No clear turning point: the customer’s tone stayed about the same.';
}

/** The agent reply just before the customer's biggest rise in sentiment. */
function phraseThatWorked(messages: readonly AnalysedMessage[]): string | null {
  let best: { delta: number; reply?: string } = { delta: SWING };
  let lastScore: number | undefined;
  let lastReply: string | undefined;
  for (const m of messages) {
    if (m.role === 'agent') lastReply = m.text;
    if (m.role !== 'customer' || !m.sentiment) continue;
    if (lastScore !== undefined && lastReply && m.sentiment.score - lastScore >= best.delta) best = { delta: m.sentiment.score - lastScore, reply: lastReply };
    lastScore = m.sentiment.score;
  }
  return best.reply ? `“${excerpt(firstSentence(best.reply), 160)}” — the customer was calmer after this reply.` : null;
}

const firstSentence = (text: string) => text.split(/(?<=[.!?])\s+/)[0] ?? text;
const excerpt = (text: string, max = 80) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

export interface FollowUpNote {
  markdown: string;
  plain: string;
}

/** A short internal note from what the map holds: issue, concern, known facts, promised, to verify, next action and owner. */
export function followUpNote(snapshot: Pick<TicketSnapshot, 'subject' | 'ticketId'>, map: DecisionMap, promises: readonly TicketPromise[]): FollowUpNote {
  const fromTicket = promises.filter((p) => !map.promises.includes(p.text)).map(describePromise);
  const promised = [...new Set([...map.promises, ...fromTicket])];
  const rows: [string, string | string[]][] = [
    ['Issue', snapshot.subject || `Ticket ${snapshot.ticketId ?? ''}`.trim()],
    ['Concern', map.concern || '—'],
    ['Known facts', map.knownFacts.length ? map.knownFacts : '—'],
    ['Promised', promised.length ? promised : '—'],
    ['To verify', map.factsToVerify.length ? map.factsToVerify : '—'],
    ['Next action', `${map.nextStep || '—'}${map.owner ? ` (owner: ${map.owner})` : ''}`],
  ];
  const md = rows.map(([k, v]) => (Array.isArray(v) ? `**${k}:**\n${v.map((x) => `- ${x}`).join('\n')}` : `**${k}:** ${v}`));
  const plain = rows.map(([k, v]) => (Array.isArray(v) ? `${k}:\n${v.map((x) => `  - ${x}`).join('\n')}` : `${k}: ${v}`));
  return { markdown: md.join('\n'), plain: plain.join('\n') };
}
