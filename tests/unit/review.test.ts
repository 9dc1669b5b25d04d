import { describe, expect, it } from 'vitest';
import { buildReview, followUpNote, ticketPromises } from '../../lib/review/review';
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

  it("asks about another agent's replies in the third person, and about the agent's own draft as 'I'", () => {
    const questions = (messages: AnalysedMessage[], draft = '') => Object.fromEntries(buildReview({ ...inputs, draft, snapshot: snapshot(messages) }).map((a) => [a.id, a.question]));
    const byMarco = questions([msg('1', 'customer', 'Where is my order?'), { ...msg('2', 'agent', 'Let me check.'), author: 'Marco Ruiz' }], 'It ships today.');
    expect(byMarco['acknowledged-early']).toBe('Did Marco acknowledge the emotional impact early enough?');
    expect(byMarco['facts-first']).toBe('Did Marco ask for the right facts before offering a solution?');
    expect(byMarco['over-explained']).toBe('Did the replies over-explain?');
    expect(byMarco.promises).toBe('Do the replies promise anything that needs follow-up?');
    expect(questions([msg('1', 'customer', 'Where is my order?'), msg('2', 'agent', 'Let me check.')])['acknowledged-early']).toBe('Did the agent acknowledge the emotional impact early enough?');
    const mine = questions([msg('1', 'customer', 'Where is my order?'), { ...msg('2', 'agent', 'Let me check.'), author: 'You' }], 'It ships today.');
    expect(mine['acknowledged-early']).toBe('Did I acknowledge the emotional impact early enough?');
    expect(mine['over-explained']).toBe('Did I over-explain?');
    expect(questions([msg('1', 'customer', 'Where is my order?')], 'Sorry, it ships today.')['facts-first']).toBe('Did I ask for the right facts before offering a solution?');
  });

  it('leaves answers empty when there is nothing to go on', () => {
    const answers = buildReview({ ...inputs, snapshot: snapshot([msg('1', 'customer', 'Hi', 0)]) });
    expect(answers.find((a) => a.id === 'turning-points')!.answer).toBeNull();
    expect(answers.find((a) => a.id === 'acknowledged-early')!.answer).toBeNull();
  });

  it('writes a follow-up note with promises from the map and the draft, without duplicates', () => {
    const map = { ...emptyDecisionMap({ helpdesk: 'zendesk', account: 'acme.zendesk.com', ticketId: '123' }), concern: 'Needs the order before Saturday', knownFacts: ['Order: 4417', 'Customer has asked 3 times'], promises: ['Email by 3pm'], factsToVerify: ['Carrier scan'], nextStep: 'Call carrier', owner: 'Sam' };
    const note = followUpNote({ subject: 'Order 4417 late', ticketId: '123' }, map, [{ text: 'Email by 3pm' }, { text: 'Refund shipping' }]);
    expect(note.plain).toBe(['Issue: Order 4417 late', 'Concern: Needs the order before Saturday', 'Known facts:', '  - Order: 4417', '  - Customer has asked 3 times', 'Promised:', '  - Email by 3pm', '  - Refund shipping', 'To verify:', '  - Carrier scan', 'Next action: Call carrier (owner: Sam)'].join('\n'));
    expect(note.markdown).toContain('**Promised:**\n- Email by 3pm\n- Refund shipping');
  });

  it('lists the promises of earlier agent replies, with whether the customer says they were broken', async () => {
    const { readRuleFiles } = await import('../../lib/node/rule-files');
    const { compileTriggers } = await import('../../lib/analysis/trigger-rules');
    const { createConversationAnalyzer } = await import('../../lib/analysis');
    const { createLinter } = await import('../../lib/engine');
    const linter = createLinter();
    const messages = [
      msg('1', 'customer', 'I was charged twice for my subscription.'),
      msg('2', 'agent', 'Thanks for flagging this. Our billing team will get back to you within 48 hours.'),
      msg('3', 'customer', 'You said you would get back to me within 48 hours. Nobody did. This is the third time I am asking.'),
    ];
    const reading = createConversationAnalyzer({ triggers: compileTriggers(readRuleFiles()['triggers.yaml']) }).read(messages);
    const snap = { ...snapshot(reading.messages), triggers: reading.triggers };
    const promises = ticketPromises(snap, (t) => linter.commitments(t).map((c) => c.text), ['I will refund the second charge today.']);
    expect(promises).toEqual([
      { text: 'Our billing team will get back to you within 48 hours.', brokenEvidence: expect.stringMatching(/^You said you would get back to me within 48 hours/) },
      { text: 'I will refund the second charge today.' },
    ]);
    const answer = buildReview({ ...inputs, snapshot: snap, promises }).find((a) => a.id === 'promises')!.answer!;
    expect(answer).toMatch(/within 48 hours\. \(the customer says it was not kept/);
    expect(followUpNote(snap, emptyDecisionMap({ helpdesk: 'zendesk', account: 'acme.zendesk.com', ticketId: '123' }), promises).plain).toMatch(/- Our billing team .*not kept/);
  });
});
