/**
 * npm run bench -- analysis: customer analysis on a generated 500-message
 * ticket. Baseline: plain `sentiment` over the same customer messages.
 *   whole ticket (sentiment + triggers + trajectory), cold cache   target <= 50 ms
 *   one newly arrived message on top of 499 already read         target <= 5 ms
 *   fact extraction (compromise), reported separately
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import Sentiment from 'sentiment';
import { createConversationAnalyzer, extractFacts, loadDateParser, TRIGGERS_FILE } from '../../lib/analysis';
import { parseTriggerFile } from '../../lib/analysis/trigger-file';
import type { ConversationMessage } from '../../lib/ticket';
import { median, row, timeRuns } from './measure';

const CUSTOMER_OPENERS = ['Hi,', 'Hello there.', 'Good morning!', 'Hey team,', '', '', 'Ok.', 'Sorry to bother you again.'];
const CUSTOMER_BODIES = [
  'my order #{n} still has not arrived and it has been {d} days.',
  'I was charged ${a} twice this month and nobody explained why.',
  'the app crashes every time I open the library, this is the {o} time I report it.',
  'I do not understand what you mean by re-syncing the device.',
  'can you tell me how the yearly plan works?',
  'I want a full refund, this is ridiculous.',
  'I was on hold for {d}0 minutes and then the call dropped.',
  'if this is not fixed by Friday I will cancel my subscription.',
  'thank you so much, it works now!',
  'the invoice INV-2024-{n} shows the wrong address.',
  'I tried again after the update but it still does not work 😡',
  'why can\'t you make an exception, I have been a customer for years?',
  'great, just great. Another week without my books.',
  'my ticket {n} was closed without an answer.',
  'I moved house last week, can you update the delivery address?',
  'the reader shows a horizontal line in the middle of the screen.',
];
const CUSTOMER_CLOSERS = ['Thanks.', 'Please help.', 'What now???', 'Regards, Sam', '', 'I need this sorted within 2 days.', 'Cheers'];
const AGENT_REPLIES = [
  'Thanks for getting in touch, I am looking into order {n} now.',
  'I am sorry for the wait. I have escalated this to our delivery team and will update you tomorrow.',
  'I can see the duplicate charge of ${a}; I have refunded it and you will see it within 3 to 5 working days.',
  'Could you try signing out and back in, then restart the reader? That usually clears the sync error.',
  'I understand how frustrating this is. Here is exactly what happens next.',
  'Our yearly plan renews once a year; you can cancel any time before the renewal date.',
];

/** Deterministic varied conversation: alternating customer and agent turns, 1-3 sentences each side. */
export function generateConversation(size: number, seed = 11): ConversationMessage[] {
  let state = seed;
  const rand = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)];
  const fill = (s: string) =>
    s
      .replace('{n}', String(10000 + Math.floor(rand() * 89999)))
      .replace('{d}', String(2 + Math.floor(rand() * 20)))
      .replace('{a}', (5 + rand() * 200).toFixed(2))
      .replace('{o}', pick(['second', 'third', 'fourth']));
  const messages: ConversationMessage[] = [];
  for (let i = 0; i < size; i++) {
    const customer = i % 2 === 0 || rand() < 0.2;
    const text = customer
      ? [pick(CUSTOMER_OPENERS), ...Array.from({ length: 1 + Math.floor(rand() * 3) }, () => fill(pick(CUSTOMER_BODIES))), pick(CUSTOMER_CLOSERS)]
          .filter(Boolean)
          .join(' ')
      : fill(pick(AGENT_REPLIES));
    messages.push({ id: `m${i}`, role: customer ? 'customer' : 'agent', text });
  }
  return messages;
}

/** Median process CPU time per run (ms): steadier than wall time when the machine is shared. */
function cpuRuns(fn: () => void, runs: number, warmup = 10): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const before = process.cpuUsage();
    fn();
    const used = process.cpuUsage(before);
    times.push((used.user + used.system) / 1000);
  }
  return median(times);
}

export default async function benchAnalysis(): Promise<void> {
  const triggers = parseTriggerFile(readFileSync(new URL(`../../${TRIGGERS_FILE}`, import.meta.url), 'utf8'));
  const messages = generateConversation(500);
  const customer = messages.filter((m) => m.role === 'customer');
  const words = customer.reduce((n, m) => n + m.text.split(/\s+/).length, 0);
  console.log(`fixture: ${messages.length} messages, ${customer.length} from the customer (${words} words)`);
  console.log(`load average ${loadavg()[0].toFixed(1)}: wall times inflate on a busy machine; CPU-time medians in brackets`);
  const both = (label: string, fn: () => void, target?: string, baseline?: { wall: number; cpu: number }) => {
    const wall = median(timeRuns(fn, 40));
    const cpu = cpuRuns(fn, 40);
    const ratio = baseline ? `  ${(wall / baseline.wall).toFixed(1)}x plain sentiment (cpu ${(cpu / baseline.cpu).toFixed(1)}x)` : '';
    console.log(`${row(label, wall, target)} [cpu ${cpu.toFixed(3)} ms]${ratio}`);
    return { wall, cpu };
  };

  const plain = new Sentiment();
  const baseline = both('baseline: plain sentiment, all customer messages', () => customer.forEach((m) => plain.analyze(m.text)));
  both('whole ticket, cold cache', () => createConversationAnalyzer({ triggers }).read(messages), '<= 50 ms', baseline);

  // A new message on top of 499 already read: prime a fresh analyzer per run, time only the last read.
  const earlier = messages.slice(0, -1);
  const wallTimes: number[] = [];
  const cpuTimes: number[] = [];
  for (let i = 0; i < 60; i++) {
    const analyzer = createConversationAnalyzer({ triggers });
    analyzer.read(earlier);
    const cpuBefore = process.cpuUsage();
    const t0 = performance.now();
    analyzer.read(messages);
    wallTimes.push(performance.now() - t0);
    const used = process.cpuUsage(cpuBefore);
    cpuTimes.push((used.user + used.system) / 1000);
  }
  const lastText = messages[messages.length - 1].text;
  const plainOne = median(timeRuns(() => plain.analyze(lastText), 200));
  const incremental = median(wallTimes.slice(10));
  console.log(
    `${row('one new message on top of 499 read', incremental, '<= 5 ms')} [cpu ${median(cpuTimes.slice(10)).toFixed(3)} ms]  ${(incremental / plainOne).toFixed(0)}x plain sentiment on that message (${plainOne.toFixed(4)} ms)`,
  );

  const loadStart = performance.now();
  const nlp = await loadDateParser();
  console.log(row('fact extraction: loading compromise (once)', performance.now() - loadStart));
  const extraction = median(timeRuns(() => customer.forEach((m) => extractFacts(m, nlp)), 10, 2));
  console.log(row('fact extraction: all customer messages', extraction));
  console.log(row('fact extraction: per customer message', extraction / customer.length));
}
