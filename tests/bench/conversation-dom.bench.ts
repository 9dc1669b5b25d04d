/**
 * npx tsx tests/bench/run.ts conversation-dom: reading a 500-message Zendesk
 * ticket in real Chromium (headless, lib/helpdesks + lib/analysis bundled
 * into the page), as the content script and background do on every change.
 * Baseline: plain `textContent` of the ticket's log container, same page.
 *   whole ticket: readConversation (DOM) + analyzer.read, cold cache   target <= 50 ms
 *   one new message on top of 500: DOM re-read + incremental analysis  target <= 5 ms
 *   idle: the watcher on a quiet page schedules and fires no timer over 2 s
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { build } from 'esbuild';
import { chromium, type Page } from 'playwright-core';
import type { ConversationMessage } from '../../lib/ticket';
import { TRIGGERS_FILE } from '../../lib/analysis';
import { chromiumPath } from '../support/chromium';
import { ROOT } from '../support/paths';
import { generateConversation } from './analysis.bench';
import { median, row } from './measure';

const TICKET_URL = 'https://acme.zendesk.com/agent/tickets/123';
const MESSAGES = 500;
const RUNS = 30;
const WARMUP = 5;
const IDLE_MS = 2_000;

interface BenchGlobals {
  steadyBench: typeof import('../../lib/helpdesks') &
    typeof import('../../lib/helpdesks/watch') &
    Pick<typeof import('../../lib/analysis'), 'createConversationAnalyzer'> &
    Pick<typeof import('../../lib/analysis/trigger-file'), 'parseTriggerFile'>;
  timers: { scheduled: number; fired: number; changes: number };
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One comment as tests/fixtures/zendesk.html marks it up. */
function commentHtml(m: ConversationMessage, index: number): string {
  const sender = m.role === 'customer' ? 'Dana Whitfield' : 'Marco Ruiz';
  const type = m.role === 'customer' ? 'end-user' : 'agent';
  const time = new Date(Date.UTC(2026, 10, 1) + index * 600_000).toISOString();
  const paragraphs = m.text.split(/(?<=[.!?])\s+/).map((p) => `<p>${escapeHtml(p)}</p>`).join('');
  return `<article data-test-id="omni-log-comment-item" data-comment-id="${9000 + index}"><div class="avatar"></div><div>
<div class="meta"><div data-test-id="omni-log-item-sender">${sender}</div><time datetime="${time}">${time}</time></div>
<div data-test-id="omni-log-item-message" type="${type}"><div data-test-id="omni-log-message-content">${paragraphs}</div></div></div></article>`;
}

/** A Zendesk Agent Workspace page with one ticket tab holding `messages`. */
function ticketPage(messages: ConversationMessage[]): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ticket – Zendesk</title></head><body>
<div class="nav" role="tablist"><div data-test-id="header-tab" data-entity-id="123" data-entity-type="ticket" aria-current="page" role="tab">#123 Order</div></div>
<main><div class="ticket" data-side-conversations-anchor-id="123">
<div class="omni-header"><input data-test-id="omni-header-subject" aria-label="Subject" value="Order #A-20931 still not delivered"></div>
<div data-test-id="omni-log-container" role="log" aria-label="Conversation">${messages.map(commentHtml).join('\n')}</div>
<div class="composer"><button data-test-id="omnichannel-channel-switcher-button" data-channel="web">Public reply</button>
<div data-test-id="editor-view"><div data-test-id="omnicomposer-rich-text-ckeditor" class="ck ck-content ck-editor__editable" contenteditable="true" role="textbox"><p>Hi Dana,</p></div></div></div>
</div></main></body></html>`;
}

async function pageBundle(): Promise<string> {
  const result = await build({
    stdin: {
      contents: [
        "export * from './lib/helpdesks';",
        "export * from './lib/helpdesks/watch';",
        "export { createConversationAnalyzer } from './lib/analysis';",
        "export { parseTriggerFile } from './lib/analysis/trigger-file';",
      ].join('\n'),
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'steadyBench',
    platform: 'browser',
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

interface Timings {
  baseline: number[];
  dom: number[];
  analysis: number[];
  messages: number;
  customer: number;
}

/** Whole ticket, cold: a fresh analyzer per run, so no message is cached. */
function timeWholeTicket(page: Page): Promise<Timings> {
  return page.evaluate(
    ({ triggersYaml, runs, warmup }) => {
      const { readConversation, createConversationAnalyzer, parseTriggerFile } = (window as unknown as BenchGlobals).steadyBench;
      const triggers = parseTriggerFile(triggersYaml);
      const url = new URL(location.href);
      const log = document.querySelector('[data-test-id="omni-log-container"]')!;
      const out: Timings = { baseline: [], dom: [], analysis: [], messages: 0, customer: 0 };
      for (let i = 0; i < warmup + runs; i++) {
        const t0 = performance.now();
        const plain = log.textContent ?? '';
        const t1 = performance.now();
        const reading = readConversation(url, document);
        const t2 = performance.now();
        createConversationAnalyzer({ triggers }).read(reading.messages);
        const t3 = performance.now();
        if (plain.length === 0) throw new Error('empty log');
        if (i < warmup) continue;
        out.baseline.push(t1 - t0);
        out.dom.push(t2 - t1);
        out.analysis.push(t3 - t2);
        out.messages = reading.messages.length;
        out.customer = reading.messages.filter((m) => m.role === 'customer').length;
      }
      return out;
    },
    { triggersYaml: readFileSync(`${ROOT}/${TRIGGERS_FILE}`, 'utf8'), runs: RUNS, warmup: WARMUP },
  );
}

/**
 * One customer message arrives on a ticket already read: per run, an analyzer
 * primed with the 500 messages, one comment appended (untimed), then the
 * timed DOM re-read and analysis. The comment is removed again afterwards.
 */
function timeNewMessage(page: Page): Promise<Timings> {
  return page.evaluate(
    ({ triggersYaml, runs, warmup }) => {
      const { readConversation, createConversationAnalyzer, parseTriggerFile } = (window as unknown as BenchGlobals).steadyBench;
      const triggers = parseTriggerFile(triggersYaml);
      const url = new URL(location.href);
      const log = document.querySelector('[data-test-id="omni-log-container"]')!;
      const template = log.querySelector('article:has([type="end-user"])')!;
      const out: Timings = { baseline: [], dom: [], analysis: [], messages: 0, customer: 0 };
      for (let i = 0; i < warmup + runs; i++) {
        const analyzer = createConversationAnalyzer({ triggers });
        analyzer.read(readConversation(url, document).messages);
        const added = template.cloneNode(true) as Element;
        added.setAttribute('data-comment-id', `new-${i}`);
        added.querySelector('[data-test-id="omni-log-message-content"]')!.replaceChildren(
          Object.assign(document.createElement('p'), { textContent: `It has been ${i + 3} days and I want my money back, or I will cancel my account.` }),
        );
        log.append(added);
        const t0 = performance.now();
        const plain = log.textContent ?? '';
        const t1 = performance.now();
        const reading = readConversation(url, document);
        const t2 = performance.now();
        const analysed = analyzer.read(reading.messages);
        const t3 = performance.now();
        added.remove();
        if (plain.length === 0 || !analysed.triggers.some((t) => t.messageId === `new-${i}` && t.trigger === 'churn')) {
          throw new Error('the new message was not read');
        }
        if (i < warmup) continue;
        out.baseline.push(t1 - t0);
        out.dom.push(t2 - t1);
        out.analysis.push(t3 - t2);
        out.messages = reading.messages.length;
        out.customer = reading.messages.filter((m) => m.role === 'customer').length;
      }
      return out;
    },
    { triggersYaml: readFileSync(`${ROOT}/${TRIGGERS_FILE}`, 'utf8'), runs: RUNS, warmup: WARMUP },
  );
}

/** Wraps the page's timer functions so every timer scheduled and fired is counted. */
function countTimers(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as BenchGlobals & Window;
    w.timers = { scheduled: 0, fired: 0, changes: 0 };
    const originalTimeout = w.setTimeout.bind(w);
    const originalInterval = w.setInterval.bind(w);
    const originalFrame = w.requestAnimationFrame.bind(w);
    const counted =
      <A extends unknown[]>(fn: (...args: A) => unknown) =>
      (...args: A) => {
        w.timers.fired++;
        return fn(...args);
      };
    w.setTimeout = ((fn: () => void, ms?: number) => (w.timers.scheduled++, originalTimeout(counted(fn), ms))) as typeof setTimeout;
    w.setInterval = ((fn: () => void, ms?: number) => (w.timers.scheduled++, originalInterval(counted(fn), ms))) as typeof setInterval;
    w.requestAnimationFrame = (fn) => (w.timers.scheduled++, originalFrame(counted(fn)));
  });
}

const readTimers = (page: Page) => page.evaluate(() => ({ ...(window as unknown as BenchGlobals).timers }));
const resetTimers = (page: Page) => page.evaluate(() => Object.assign((window as unknown as BenchGlobals).timers, { scheduled: 0, fired: 0, changes: 0 }));
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function idleCheck(page: Page): Promise<void> {
  await countTimers(page);
  await page.evaluate(() => {
    const w = window as unknown as BenchGlobals;
    w.steadyBench.watchConversation(document, () => w.timers.changes++);
  });

  // Control: a new message must schedule one coalesced read and report one change, or the counters prove nothing.
  await page.evaluate(() => {
    const log = document.querySelector('[data-test-id="omni-log-container"]')!;
    log.append(log.querySelector('article:has([type="end-user"])')!.cloneNode(true));
    log.lastElementChild!.setAttribute('data-comment-id', 'control');
  });
  await wait(500);
  const control = await readTimers(page);
  console.log(`idle control: one new message -> ${control.scheduled} timer scheduled, ${control.fired} fired, ${control.changes} change reported (expected 1, 1, 1)`);

  await resetTimers(page);
  await page.evaluate(() => document.querySelector('[contenteditable="true"] p')!.append(' thanks for your patience'));
  await wait(500);
  const typing = await readTimers(page);
  console.log(`typing in the composer -> ${typing.scheduled} timers scheduled (expected 0)`);

  await resetTimers(page);
  await wait(IDLE_MS);
  const idle = await readTimers(page);
  const ok = idle.scheduled === 0 && idle.fired === 0 && control.scheduled === 1 && control.changes === 1 && typing.scheduled === 0;
  console.log(`idle ${IDLE_MS / 1000} s, no DOM change -> ${idle.scheduled} timers scheduled, ${idle.fired} fired, ${idle.changes} changes  ${ok ? 'OK' : 'FAIL'}`);
}

function report(label: string, timings: Timings, target: string): void {
  const baseline = median(timings.baseline);
  const dom = median(timings.dom);
  const analysis = median(timings.analysis);
  const total = median(timings.dom.map((d, i) => d + timings.analysis[i]));
  const times = (ms: number) => `  ${(ms / baseline).toFixed(0)}x the textContent baseline`;
  console.log(`\n${label}: ${timings.messages} messages, ${timings.customer} from the customer; median of ${timings.dom.length} runs`);
  console.log(row('baseline: log container textContent', baseline));
  console.log(row('readConversation (DOM)', dom) + times(dom));
  console.log(row('analyzer.read (sentiment, triggers, trend)', analysis));
  console.log(row('total', total, target) + times(total) + (total <= Number(target.replace(/[^\d.]/g, '')) ? '  OK' : '  OVER'));
}

export default async function benchConversationDom(): Promise<void> {
  console.log(`load average ${loadavg()[0].toFixed(1)}: timings inflate on a busy machine`);
  const script = await pageBundle();
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    // tsx keeps function names with a __name() helper that the serialised evaluate() callbacks then call.
    await page.addInitScript('window.__name = (fn) => fn;');
    // Served at the real Zendesk URL (intercepted, nothing leaves the machine) so the Zendesk adapter matches.
    const html = ticketPage(generateConversation(MESSAGES));
    await page.route(TICKET_URL, (route) => route.fulfill({ contentType: 'text/html', body: html }));
    await page.goto(TICKET_URL);
    await page.addScriptTag({ content: script });

    report('whole ticket, cold cache', await timeWholeTicket(page), '<= 50 ms');
    report('one new customer message on top of 500 read', await timeNewMessage(page), '<= 5 ms');
    console.log('  (readConversation walks the DOM again, but unchanged messages come from a per-element text cache; the analysis is incremental)\n');
    await idleCheck(page);
  } finally {
    await browser.close();
  }
}
