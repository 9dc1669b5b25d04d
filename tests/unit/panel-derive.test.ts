import { describe, expect, it } from 'vitest';
import { readRuleFiles } from '../../lib/node/rule-files';
import { createChecklist, CHECKLIST_FILE } from '../../lib/checklist/checklist';
import { builtinPack, createLinter } from '../../lib/engine';
import { customerIsCalm, draftInsights, genericModeSummary, placeholderValues } from '../../lib/panel/derive';
import type { AnalysedMessage, ExtractedFact, TicketSnapshot } from '../../lib/ticket';

const linter = createLinter();
const checklist = createChecklist(readRuleFiles()[CHECKLIST_FILE], builtinPack().pack.macros);

let nextId = 0;
const customer = (score: number | null, author?: string): AnalysedMessage => ({
  id: `m${++nextId}`,
  role: 'customer',
  text: 'message',
  ...(author ? { author } : {}),
  ...(score === null ? {} : { sentiment: { score, label: score < 0 ? 'negative' : score > 0 ? 'positive' : 'neutral' } }),
});
const agent = (score?: number, author = 'Sam Agent'): AnalysedMessage => ({ id: `m${++nextId}`, role: 'agent', author, text: 'reply', ...(score === undefined ? {} : { sentiment: { score, label: 'negative' } }) });
const fact = (kind: ExtractedFact['kind'], text: string): ExtractedFact => ({ kind, text, messageId: 'm1' });

function snapshot(over: Partial<TicketSnapshot> = {}): TicketSnapshot {
  const messages = over.messages ?? [];
  const scores = messages.filter((m) => m.role === 'customer' && m.sentiment).map((m) => m.sentiment!.score);
  return {
    helpdesk: 'zendesk',
    account: 'acme',
    ticketId: '88',
    url: 'https://acme.zendesk.com/agent/tickets/88',
    messages,
    triggers: [],
    trajectory: { points: [], start: scores[0] ?? null, now: scores.at(-1) ?? null, trend: 'unknown' },
    facts: [],
    composer: null,
    updatedAt: 0,
    ...over,
  };
}

describe('customerIsCalm', () => {
  it('is calm only when every customer message scored at or above -0.1', () => {
    expect(customerIsCalm(snapshot({ messages: [customer(0.4), customer(0)] }))).toBe(true);
    expect(customerIsCalm(snapshot({ messages: [customer(-0.1)] }))).toBe(true);
    expect(customerIsCalm(snapshot({ messages: [customer(-0.11)] }))).toBe(false);
  });

  it('is not calm when one message of a mixed-mood thread was upset, wherever it is', () => {
    expect(customerIsCalm(snapshot({ messages: [customer(-0.6), customer(0.5)] }))).toBe(false);
    expect(customerIsCalm(snapshot({ messages: [customer(0.5), customer(-0.6), customer(0.3)] }))).toBe(false);
    expect(customerIsCalm(snapshot({ messages: [customer(0.5), customer(-0.6)] }))).toBe(false);
  });

  it("ignores the agent's messages and customer messages without a score", () => {
    expect(customerIsCalm(snapshot({ messages: [customer(0.2), agent(-0.9), customer(null)] }))).toBe(true);
  });

  it('is not calm with nothing to go on', () => {
    expect(customerIsCalm(null)).toBe(false);
    expect(customerIsCalm(snapshot())).toBe(false);
    expect(customerIsCalm(snapshot({ messages: [agent(0.5), customer(null)] }))).toBe(false);
  });
});

describe('draftInsights', () => {
  const plain = 'Hi Dana,\nOrder 4417 left our warehouse on Monday.';
  const ackStatus = (snap: TicketSnapshot | null) => draftInsights(plain, snap, linter, checklist).checklist.find((r) => r.id === 'opening-acknowledgement')!.status;

  it('drops the acknowledgement only for a customer who stayed calm throughout', () => {
    expect(ackStatus(snapshot({ messages: [customer(0.3), customer(0.6)] }))).toBe('not-applicable');
    expect(ackStatus(snapshot({ messages: [customer(-0.5), customer(0.6)] }))).toBe('missing');
    expect(ackStatus(null)).toBe('missing');
  });

  it('lists the promises, those that name no time, and the guesses, as the draft words them', () => {
    const draft = 'I guarantee it will be fixed ASAP. I will email you by 3pm today. I think the parcel is probably lost.';
    const insights = draftInsights(draft, snapshot({ messages: [customer(-0.5)] }), linter, checklist);
    expect(insights.promises.length).toBeGreaterThanOrEqual(2);
    for (const text of insights.promises) expect(draft).toContain(text);
    expect(insights.untimedPromises.some((p) => p.includes('ASAP'))).toBe(true);
    expect(insights.untimedPromises.some((p) => p.includes('3pm'))).toBe(false);
    expect(insights.guesses.length).toBeGreaterThan(0);
    for (const text of insights.guesses) expect(draft).toContain(text);
  });

  it('lists as guesses exactly the uncertain phrases and where hedges pile up, not other findings', () => {
    const guessesOf = (draft: string) => draftInsights(draft, snapshot({ messages: [customer(-0.5)] }), linter, checklist).guesses;
    // calm-down is a finding too, but no guess.
    expect(guessesOf('Please calm down. I think the parcel is probably lost.')).toEqual(['I think the', 'probably']);
    expect(guessesOf('Please calm down. I think the order may be on its way. It seems like the courier is late.')).toEqual(['I think the order may be', 'seems like']);
    expect(guessesOf('Please calm down.')).toEqual([]);
  });

  it('has nothing to say about an empty draft but a checklist of missing items', () => {
    const insights = draftInsights('', snapshot({ messages: [customer(-0.5)] }), linter, checklist);
    expect(insights).toMatchObject({ promises: [], untimedPromises: [], guesses: [] });
    expect(new Set(insights.checklist.map((r) => r.status))).toEqual(new Set(['missing']));
  });
});

describe('placeholderValues', () => {
  it("fills the customer's first name, order number, deadline and amount from the ticket", () => {
    const snap = snapshot({
      messages: [agent(undefined, 'Sam Agent'), customer(null), customer(-0.3, 'Dana  Whitfield'), customer(0.1, 'Lee Park')],
      facts: [fact('date', 'Monday'), fact('order-number', '4417'), fact('deadline', 'Friday 3pm'), fact('amount', '$40'), fact('order-number', '9999')],
    });
    expect(placeholderValues(snap)).toEqual({ 'customer name': 'Dana', 'order number': '4417', date: 'Friday 3pm', amount: '$40' });
  });

  it('falls back to a mentioned date when no deadline was given', () => {
    expect(placeholderValues(snapshot({ facts: [fact('date', 'Monday')] })).date).toBe('Monday');
  });

  it('leaves every placeholder empty without a ticket or facts', () => {
    const empty = { 'customer name': undefined, 'order number': undefined, date: undefined, amount: undefined };
    expect(placeholderValues(null)).toEqual(empty);
    expect(placeholderValues(snapshot({ messages: [agent()] }))).toEqual(empty);
  });
});

describe('genericModeSummary', () => {
  it("counts the messages generic mode found by role, naming the app whose layout it did not recognise", () => {
    const snap = snapshot({ genericMode: true, messages: [customer(0.1), agent(), customer(0.2), { ...agent(), role: 'note' }] });
    expect(genericModeSummary(snap)).toEqual({ fallbackFrom: 'zendesk', roles: [{ role: 'customer', count: 2 }, { role: 'agent', count: 1 }, { role: 'note', count: 1 }], total: 4 });
    expect(genericModeSummary({ ...snap, helpdesk: 'generic' })).toEqual({ roles: [{ role: 'customer', count: 2 }, { role: 'agent', count: 1 }, { role: 'note', count: 1 }], total: 4 });
  });

  it('is null when the app adapter read the page', () => {
    expect(genericModeSummary(snapshot({ messages: [customer(0.1)] }))).toBeNull();
    expect(genericModeSummary(null)).toBeNull();
  });
});
