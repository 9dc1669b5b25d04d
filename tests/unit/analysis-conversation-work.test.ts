/** The conversation analysis runs on every change of the ticket: each customer message is read once, not on every call. */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type { ConversationMessage } from '../../lib/ticket';

const work = vi.hoisted(() => ({ scored: [] as string[], extracted: [] as string[], followed: [] as string[] }));

vi.mock('../../lib/analysis/sentiment', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/analysis/sentiment')>();
  return {
    ...real,
    createSentimentScorer: (options?: Parameters<typeof real.createSentimentScorer>[0]) => {
      const scorer = real.createSentimentScorer(options);
      return { score: (text: string) => (work.scored.push(text), scorer.score(text)) };
    },
  };
});
vi.mock('../../lib/analysis/extract', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/analysis/extract')>();
  return { ...real, extractFacts: (...args: Parameters<typeof real.extractFacts>) => (work.extracted.push(args[0].text), real.extractFacts(...args)) };
});

/** Each customer message the conversation is followed through (the repeated-question check runs once per message read). */
vi.mock('../../lib/analysis/triggers', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/analysis/triggers')>();
  return {
    ...real,
    repeatedQuestionHits: (...args: Parameters<typeof real.repeatedQuestionHits>) => (work.followed.push(args[1].text), real.repeatedQuestionHits(...args)),
  };
});

const { createConversationAnalyzer, TRIGGERS_FILE } = await import('../../lib/analysis');
const { parseTriggerFile } = await import('../../lib/analysis/trigger-file');
const triggers = parseTriggerFile(readFileSync(new URL(`../../${TRIGGERS_FILE}`, import.meta.url), 'utf8'));

const customer = (id: string, text: string): ConversationMessage => ({ id, role: 'customer', text });

describe('work per change of the conversation', () => {
  it('scores each customer message once while the conversation grows, is edited and shrinks', () => {
    work.scored.length = 0;
    const analyzer = createConversationAnalyzer({ triggers });
    const c1 = customer('c1', 'Where is my order?');
    const c2 = customer('c2', 'Still nothing, this is ridiculous.');
    analyzer.read([c1]);
    analyzer.read([c1, c2]);
    analyzer.read([c1, c2]);
    analyzer.read([{ ...c1, text: 'Where is my parcel?' }, c2]);
    analyzer.read([c2]);
    expect(work.scored).toEqual(['Where is my order?', 'Still nothing, this is ridiculous.', 'Where is my parcel?']);
  });

  it('extracts the facts of each customer message once', async () => {
    work.extracted.length = 0;
    const analyzer = createConversationAnalyzer({ triggers });
    const c1 = customer('c1', 'Order #12345 has not arrived.');
    await analyzer.analyse([c1]);
    await analyzer.analyse([c1, customer('c2', 'I paid $40.')]);
    expect(work.extracted).toEqual(['Order #12345 has not arrived.', 'I paid $40.']);
  });

  it('forgets a message once it is edited away, so the cache does not grow with every keystroke', async () => {
    work.scored.length = 0;
    work.extracted.length = 0;
    const analyzer = createConversationAnalyzer({ triggers });
    const typed = customer('c1', 'Order #12345 is late.');
    const edited = { ...typed, text: 'Order #12346 is late.' };
    for (const messages of [[typed], [edited], [typed]]) await analyzer.analyse(messages);
    // The first wording was dropped when it was edited away, so it is read again when it comes back.
    expect(work.scored).toEqual(['Order #12345 is late.', 'Order #12346 is late.', 'Order #12345 is late.']);
    expect(work.extracted).toEqual(['Order #12345 is late.', 'Order #12346 is late.', 'Order #12345 is late.']);
  });

  it('reads only the new messages when the conversation grows, and all again after an edit', () => {
    work.followed.length = 0;
    const analyzer = createConversationAnalyzer({ triggers });
    const c1 = customer('c1', 'Where is my order?');
    const c2 = customer('c2', 'Still nothing.');
    const c3 = customer('c3', 'Hello?');
    analyzer.read([c1]);
    analyzer.read([c1, c2]);
    analyzer.read([c1, c2]);
    analyzer.read([c1, c2, c3]);
    analyzer.read([{ ...c1, text: 'Where is my parcel?' }, c2]);
    expect(work.followed).toEqual(['Where is my order?', 'Still nothing.', 'Hello?', 'Where is my parcel?', 'Still nothing.']);
  });
});
