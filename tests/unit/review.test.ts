import { describe, expect, it } from 'vitest';
import { buildReview, followUpNote } from '../../lib/review/review';
import { emptyDecisionMap } from '../../lib/store/decision-maps';
import type { AnalysedMessage, TicketSnapshot } from '../../lib/ticket';

const msg = (id: string, role: AnalysedMessage['role'], text: string, score?: number): AnalysedMessage => ({
  id, role, text, ...(score === undefined ? {} : { sentiment: { score, label: score < -0.1 ? 'negative' : score > 0.1 ? 'positive' : 'neutral' } }),
});

const snapshot = (messages: AnalysedMessage[]): TicketSnapshot => ({
  helpdesk: 'zendesk', account: 'acme.zendesk.com', ticketId: '123', subject: 'Order 4417 late', url: 'https://acme.zendesk.com/agent/tickets/123', messages,
  triggers: [], facts: [], composer: null, updatedAt: 0, trajectory: { points: [], start: null, now: null, trend: 'unknown' },
});

const inputs = {
  draft: '',
  promises: [],
  acknowledges: (t: string) => /understand|sorry/i.test(t),
  asksFirst: (t: string) => t.includes('?'),
  overExplains: (t: string) => t.split(' ').length > 60,
};

describe('review', () => {
  it('finds the turning points and the phrase that worked', () => {
    const answers = buildReview({
      ...inputs,
      snapshot: snapshot([
        msg('1', 'customer', 'Where is my order?', -0.2),
        msg('2', 'agent', 'Let me check.'),
        msg('3', 'customer', 'This is the third time I ask. Unacceptable!', -0.8),
        msg('4', 'agent', 'I understand this has wrecked your week. I have rebooked delivery for tomorrow morning.'),
        msg('5', 'customer', 'Ok, thank you, that helps.', 0.5),
      ]),
    });
    const byId = Object.fromEntries(answers.map((a) => [a.id, a.answer]));
    expect(byId['turning-points']).toMatch(/More frustrated at customer message 2 .*Calmer at customer message 3/);
    expect(byId['phrase-that-worked']).toMatch(/^“I understand this has wrecked your week\.”/);
    expect(byId['acknowledged-early']).toMatch(/^Not in the first reply/);
    expect(byId['facts-first']).toMatch(/without asking/);
  });

  it('leaves answers empty when there is nothing to go on', () => {
    const answers = buildReview({ ...inputs, snapshot: snapshot([msg('1', 'customer', 'Hi', 0)]) });
    expect(answers.find((a) => a.id === 'turning-points')!.answer).toBeNull();
    expect(answers.find((a) => a.id === 'acknowledged-early')!.answer).toBeNull();
  });

  it('writes a follow-up note with promises from the map and the draft, without duplicates', () => {
    const map = { ...emptyDecisionMap({ helpdesk: 'zendesk', account: 'acme.zendesk.com', ticketId: '123' }), concern: 'Needs the order before Saturday', promises: ['Email by 3pm'], factsToVerify: ['Carrier scan'], nextStep: 'Call carrier', owner: 'Sam' };
    const note = followUpNote({ subject: 'Order 4417 late', ticketId: '123' }, map, ['Email by 3pm', 'Refund shipping']);
    expect(note.plain).toBe(['Issue: Order 4417 late', 'Concern: Needs the order before Saturday', 'Promised:', '  - Email by 3pm', '  - Refund shipping', 'To verify:', '  - Carrier scan', 'Next action: Call carrier (owner: Sam)'].join('\n'));
    expect(note.markdown).toContain('**Promised:**\n- Email by 3pm\n- Refund shipping');
  });
});
