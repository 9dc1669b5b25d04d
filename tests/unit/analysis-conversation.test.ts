import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseConversation, createConversationAnalyzer, TRIGGERS_FILE } from '../../lib/analysis';
import { parseTriggerFile } from '../../lib/analysis/trigger-file';
import { MAX_MESSAGE_CHARS, type ConversationMessage } from '../../lib/ticket';

const triggers = parseTriggerFile(readFileSync(new URL(`../../${TRIGGERS_FILE}`, import.meta.url), 'utf8'));

const conversation: ConversationMessage[] = [
  { id: 'c1', role: 'customer', text: 'Hi, my order #12345 has not arrived. Can you check?' },
  { id: 'a1', role: 'agent', text: 'Sorry about that! I have checked and it is delayed at the depot.' },
  { id: 'c2', role: 'customer', text: 'This is the third time I ask. I paid $49.99 and I need it by Friday!!' },
  { id: 'n1', role: 'note', text: 'Customer is angry, refund if needed. Order 999999.' },
  { id: 'c3', role: 'customer', text: 'Honestly this is ridiculous. I want a full refund.' },
  { id: 'a2', role: 'agent', text: 'I have issued the refund today; you will see it within 3 days.' },
  { id: 'c4', role: 'customer', text: 'Thank you so much, that is a relief 🙏' },
];

describe('conversation analysis', () => {
  it('scores customer messages only and follows the mood across the ticket', () => {
    const { messages, trajectory } = createConversationAnalyzer({ triggers }).read(conversation);
    expect(messages.map((m) => m.id)).toEqual(conversation.map((m) => m.id));
    expect(messages.filter((m) => m.sentiment).map((m) => m.id)).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(messages.find((m) => m.id === 'c3')!.sentiment!.label).toBe('negative');
    expect(messages.find((m) => m.id === 'c4')!.sentiment!.label).toBe('positive');
    expect(trajectory.points.map((p) => p.messageId)).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(trajectory.trend).toBe('rising');
  });

  it('collects triggers from customer messages with the scripts they point at', () => {
    const { triggers: hits } = createConversationAnalyzer({ triggers }).read(conversation);
    const found = hits.map((h) => `${h.messageId}:${h.trigger}:${h.script}`);
    expect(found).toEqual(
      expect.arrayContaining(['c2:repetition:delay', 'c3:refund:refund-demand', 'c4:gratitude:stabilisers', 'c4:relief:stabilisers']),
    );
    expect(hits.some((h) => h.messageId === 'a1' || h.messageId === 'a2' || h.messageId === 'n1')).toBe(false);
  });

  it('extracts facts from customer messages, not from agents or notes', async () => {
    const { facts } = await analyseConversation(conversation, triggers);
    expect(facts).toEqual(
      expect.arrayContaining([
        { kind: 'order-number', text: '12345', messageId: 'c1' },
        { kind: 'amount', text: '$49.99', messageId: 'c2' },
        { kind: 'deadline', text: 'by Friday', messageId: 'c2' },
      ]),
    );
    expect(facts.some((f) => f.messageId === 'a2' || f.messageId === 'n1')).toBe(false);
  });

  it('gives the same result incrementally as from scratch, message by message and after edits', () => {
    const incremental = createConversationAnalyzer({ triggers });
    for (let n = 1; n <= conversation.length; n++) {
      const prefix = conversation.slice(0, n);
      expect(incremental.read(prefix)).toEqual(createConversationAnalyzer({ triggers }).read(prefix));
    }
    const edited = conversation.map((m) => (m.id === 'c3' ? { ...m, text: 'Fine, never mind.' } : m));
    expect(incremental.read(edited)).toEqual(createConversationAnalyzer({ triggers }).read(edited));
    const shorter = conversation.slice(0, 3);
    expect(incremental.read(shorter)).toEqual(createConversationAnalyzer({ triggers }).read(shorter));
    expect(incremental.read(conversation)).toEqual(createConversationAnalyzer({ triggers }).read(conversation));
  });

  it('keeps a repeated question visible when the conversation grows one message at a time', () => {
    const incremental = createConversationAnalyzer({ triggers });
    const base: ConversationMessage[] = [{ id: 'c1', role: 'customer', text: 'How do I reset the password on the reader?' }];
    incremental.read(base);
    const grown = [...base, { id: 'c2', role: 'customer' as const, text: 'Again: how do I reset the password on the reader?' }];
    const repeat = incremental.read(grown).triggers.filter((h) => h.messageId === 'c2' && h.trigger === 'confusion');
    expect(repeat.map((h) => h.evidence)).toContain('how do I reset the password on the reader?');
  });
});

describe('triggers across messages', () => {
  it('lists the same evidence once when the title is repeated in a message', () => {
    const { triggers: hits } = createConversationAnalyzer({ triggers }).read([
      { id: 'title', role: 'customer', text: 'Charged twice' },
      { id: 'c1', role: 'customer', text: 'I was charged twice for my order. This is the third time I am asking. I want a refund today or I am cancelling.' },
    ]);
    const byTrigger = (id: string) => hits.filter((h) => h.trigger === id).map((h) => h.evidence.toLowerCase());
    expect(byTrigger('billing').filter((e) => e.includes('charged twice'))).toHaveLength(1);
    expect(byTrigger('repetition')).toEqual(['third time i am']);
    expect(byTrigger('delay')).toEqual([]);
    expect(byTrigger('churn')).toEqual(['or i am cancelling']);
  });

  it('lists the same words once whatever their case or spacing, at their first place', () => {
    const { triggers: hits } = createConversationAnalyzer({ triggers }).read([
      { id: 'title', role: 'customer', text: 'Which  plan ' },
      { id: 'c1', role: 'customer', text: 'which plan' },
    ]);
    expect(hits.filter((h) => h.trigger === 'confusion').map((h) => [h.messageId, h.evidence])).toEqual([['title', 'Which  plan ']]);
  });
});

describe('what the conversation analysis reads', () => {
  // No trigger phrase in it: a hit on it can only be the repeated-question rule.
  const question = 'Is there a shop in Lisbon that sells the reader?';

  it('reads only the first MAX_MESSAGE_CHARS of a message a page sends uncapped', async () => {
    const padding = 'The parcel is in the hall. '.repeat(Math.ceil(MAX_MESSAGE_CHARS / 27));
    const text = `I want a full refund for order #12345. ${padding}I will cancel my subscription. Order #67890.`;
    const analysis = await analyseConversation([{ id: 'c1', role: 'customer', text }], triggers);
    expect(analysis.triggers.map((h) => h.trigger)).toContain('refund');
    expect(analysis.triggers.map((h) => h.trigger)).not.toContain('churn');
    expect(analysis.facts.filter((f) => f.kind === 'order-number').map((f) => f.text)).toEqual(['12345']);
  });

  it('flags a question every time the customer asks it again, not when an agent asked it', () => {
    const asked = (messages: ConversationMessage[]) =>
      createConversationAnalyzer({ triggers })
        .read(messages)
        .triggers.filter((h) => h.trigger === 'confusion' && h.evidence === question)
        .map((h) => h.messageId);
    expect(asked([1, 2, 3].map((n) => ({ id: `c${n}`, role: 'customer', text: question })))).toEqual(['c2', 'c3']);
    expect(asked([{ id: 'a1', role: 'agent', text: question }, { id: 'c1', role: 'customer', text: question }])).toEqual([]);
  });

  it('remembers earlier questions when the conversation grows one message at a time', () => {
    const incremental = createConversationAnalyzer({ triggers });
    incremental.read([{ id: 'c1', role: 'customer', text: question }]);
    const grown = incremental.read([
      { id: 'c1', role: 'customer', text: question },
      { id: 'a1', role: 'agent', text: 'Let me check.' },
      { id: 'c2', role: 'customer', text: question },
    ]);
    expect(grown.triggers.filter((h) => h.evidence === question).map((h) => h.messageId)).toEqual(['c2']);
  });

  it('lists two different hits of one trigger in a message, and the same words again once', () => {
    const { triggers: hits } = createConversationAnalyzer({ triggers }).read([
      { id: 'c1', role: 'customer', text: 'I was charged twice. There is an unknown charge too. CHARGED TWICE!' },
    ]);
    expect(hits.filter((h) => h.trigger === 'billing').map((h) => h.evidence)).toEqual(['charged twice', 'unknown charge']);
  });

  it('gives exactly the facts of the customer messages, in order', async () => {
    const { facts } = await analyseConversation(conversation.slice(0, 3), triggers);
    expect(facts).toEqual([
      { kind: 'order-number', text: '12345', messageId: 'c1' },
      { kind: 'amount', text: '$49.99', messageId: 'c2' },
      { kind: 'deadline', text: 'by Friday', messageId: 'c2' },
    ]);
  });

  it('finds no repeated questions with a trigger file that has no repeated-question rule', () => {
    const phrasesOnly = triggers.map((t) => ({ ...t, repeatedQuestion: null }));
    const { triggers: hits } = createConversationAnalyzer({ triggers: phrasesOnly }).read([
      { id: 'c1', role: 'customer', text: question },
      { id: 'c2', role: 'customer', text: question },
    ]);
    expect(hits.filter((h) => h.evidence === question)).toEqual([]);
  });
});
