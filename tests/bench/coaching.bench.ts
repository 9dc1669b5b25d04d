/**
 * Inline coaching in real Chromium with the built extension (issue "Inline
 * coaching" §5). Printed figures, not pass/fail:
 *  1. keystroke → underline: from the keydown of the last character of a weak
 *     phrase typed at the end of a 2,000-word draft (debounce included) to the
 *     first animation frame in which the underline is there; CKEditor 5 (Zendesk
 *     fixture, CSS Custom Highlight API) and a textarea (LiveChat fixture, mirror
 *     overlay). Baseline in the same run: the same on the fixtures' short drafts.
 *  2. typing cost: typing at 10 characters/second into the 2,000-word draft,
 *     with the extension vs. the same fixture page in a Chromium without it:
 *     extra main-thread time per character (p95 ≤ 4 ms, its deferred lint
 *     included) and the extra keydown+keyup dispatch time (median ≤ 2 ms).
 *  3. bundle sizes, and first focus → first underline on fresh page loads.
 *
 * How the underline is seen from outside: CSS.highlights is one registry per
 * document, shared by the content script's isolated world and the page, so a
 * main-world requestAnimationFrame loop reads the Range objects the coach
 * registered; the textarea mirror lives in a closed shadow root, which the
 * bench hands to the page's loop over the DevTools Protocol (tests/support/steady-ui).
 *
 *   npx tsx tests/bench/run.ts coaching
 */
import { statSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { chromiumPath } from '../support/chromium';
import { ensureExtensionBuilt } from '../support/extension-build';
import { launchSteady, QUIET_CHROMIUM, type SteadyBrowser } from '../support/steady-browser';
import { badgeText, inShadows } from '../support/steady-ui';
import type { FixtureServer } from '../support/fixture-server';
import { median, percentile } from './measure';

const ZENDESK = 'https://acme.zendesk.com/agent/tickets/123';
const LIVECHAT = 'https://my.livechatinc.com/chats/chat-42/thread-7';
const CKEDITOR = '[data-test-id="omnicomposer-rich-text-ckeditor"]';
const TEXTAREA = 'form.composer textarea';
const WEAK_PHRASE = ' calm down';
const LATENCY_TRIALS = 25;
const COLD_LOADS = 7;
/** How long the pointer rests on the reply box before the click that focuses it (a quick agent's hover-to-click). */
const HOVER_MS = 300;
/** ~10 s at 10 characters per second. */
const TYPED_SENTENCE = ' I have asked the courier for a firm delivery slot and I will write to you again before noon today.';
const TYPING_ROUNDS = 2;

type Editor = 'ckeditor' | 'textarea';

/** Sentences an agent writes, several with the weak phrases the rules exist for, so the long draft has findings as real ones do. */
const SENTENCES = [
  'Thanks for writing back so quickly about order {n}.',
  'I looked at the shipment history and the parcel has been at the regional depot since Tuesday.',
  'Unfortunately there is nothing I can do until the carrier replies.',
  'I have asked the warehouse to check the shelf location for item {n} and to send me a photo.',
  'Your refund for the shipping fee was approved this morning and should reach your card in three to five days.',
  'Sorry for any inconvenience this has caused.',
  'If the tracking page still shows no movement tomorrow, reply here and I will open a claim with the carrier.',
  'The replacement desk can leave our warehouse on the {d}th with priority delivery.',
  'Please be patient while we look into it.',
  'I added a note to your account so whoever picks this up sees the whole history.',
  'You will not need to send the damaged parts back, the courier collects them when they deliver.',
  'As I said before, the delivery window is an estimate.',
];

/** A draft of about `words` words, in paragraphs of five sentences. */
function longDraft(words: number): string {
  const sentences = ['Hi Dana,'];
  let count = 2;
  for (let i = 0; count < words; i++) {
    const sentence = SENTENCES[i % SENTENCES.length].replace('{n}', String(20_931 + i)).replace('{d}', String(1 + (i % 28)));
    sentences.push(sentence);
    count += sentence.split(/\s+/).length;
  }
  const paragraphs: string[] = [];
  for (let i = 0; i < sentences.length; i += 5) paragraphs.push(sentences.slice(i, i + 5).join(' '));
  return [...paragraphs, 'Best,', 'Marco'].join('\n');
}

const LONG_DRAFT = longDraft(2_000);

/** Flags the extension's launcher uses too, minus the extension: the no-extension baseline browser. */

async function launchWithoutExtension(server: FixtureServer): Promise<{ browser: Browser; context: BrowserContext }> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [...QUIET_CHROMIUM, `--host-resolver-rules=${server.hostResolverRules}`],
  });
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 800 } });
  return { browser, context };
}

/**
 * Main-world probes, installed before the page's scripts: the time of the last
 * keydown, and per key event the time from its dispatch until a task queued in
 * its first listener runs (every listener, the microtasks they start, and a
 * rendering update when one falls in between, are inside), plus long tasks
 * and slow events (Event Timing API).
 */
function installProbes(): void {
  type Probe = { lastKeydown: number; dispatch: { type: string; ms: number }[]; longTasks: number[]; slowEvents: { name: string; duration: number; processing: number }[] };
  const probe: Probe = { lastKeydown: 0, dispatch: [], longTasks: [], slowEvents: [] };
  (window as unknown as { __bench: Probe }).__bench = probe;
  const channel = new MessageChannel();
  const pending: { type: string; t0: number }[] = [];
  channel.port1.onmessage = () => {
    const event = pending.shift();
    if (event) probe.dispatch.push({ type: event.type, ms: performance.now() - event.t0 });
  };
  for (const type of ['keydown', 'keyup']) {
    window.addEventListener(type, () => {
      const t0 = performance.now();
      if (type === 'keydown') probe.lastKeydown = t0;
      pending.push({ type, t0 });
      channel.port2.postMessage(0);
    }, true);
  }
  new PerformanceObserver((list) => list.getEntries().forEach((e) => probe.longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as PerformanceEventTiming[]) {
      if (['keydown', 'keyup', 'keypress', 'beforeinput', 'input'].includes(e.name)) {
        probe.slowEvents.push({ name: e.name, duration: e.duration, processing: e.processingEnd - e.processingStart });
      }
    }
  }).observe({ type: 'event', durationThreshold: 16, buffered: true } as PerformanceObserverInit);
}

interface ProbeState {
  dispatch: { type: string; ms: number }[];
  longTasks: number[];
  slowEvents: { name: string; duration: number; processing: number }[];
}

const probeState = (page: Page) => page.evaluate(() => (window as unknown as { __bench: ProbeState }).__bench);
const resetProbes = (page: Page) =>
  page.evaluate(() => {
    const b = (window as unknown as { __bench: ProbeState }).__bench;
    b.dispatch = [];
    b.longTasks = [];
    b.slowEvents = [];
  });

/**
 * Starts a requestAnimationFrame loop that resolves `__benchUnderline` with
 * the ms from the last keydown to the first frame where an underline covers
 * text matching `phrase` at the very end of the draft (-1 after 5 s).
 */
async function armUnderlineWatch(page: Page, phrase: string): Promise<void> {
  await inShadows(page, 'steady-underlines', (root) => {
    (window as unknown as { __benchMirror?: ShadowRoot }).__benchMirror = root;
  });
  return page.evaluate((phraseSource) => {
    const phraseAtEnd = new RegExp(`${phraseSource}$`, 'i');
    const filler = /[\s\u200B\u2060\uFEFF]/g;
    const highlightAtEnd = () => {
      const registry = (CSS as unknown as { highlights?: Map<string, Set<Range>> }).highlights;
      const editable = document.querySelector('[data-test-id="omnicomposer-rich-text-ckeditor"]');
      if (!registry || !editable) return false;
      for (const [name, highlight] of registry) {
        if (!name.startsWith('steady-') || name === 'steady-active') continue;
        for (const range of highlight) {
          if (!editable.contains(range.startContainer) || !phraseAtEnd.test(range.toString())) continue;
          const tail = document.createRange();
          tail.setStart(range.endContainer, range.endOffset);
          tail.setEnd(editable, editable.childNodes.length);
          if (tail.toString().replace(filler, '') === '') return true;
        }
      }
      return false;
    };
    const mirrorMarkAtEnd = () => {
      const marks = (window as unknown as { __benchMirror?: ShadowRoot }).__benchMirror?.querySelectorAll('.mark');
      const last = marks?.[marks.length - 1];
      return !!last && phraseAtEnd.test(last.textContent ?? '') && (last.nextSibling?.textContent ?? '').replace(filler, '') === '';
    };
    const w = window as unknown as { __benchUnderline: Promise<number>; __bench: { lastKeydown: number } };
    const armedAt = performance.now();
    w.__benchUnderline = new Promise<number>((resolve) => {
      const tick = () => {
        const keydown = w.__bench.lastKeydown;
        if (keydown > armedAt && (highlightAtEnd() || mirrorMarkAtEnd())) resolve(performance.now() - keydown);
        else if (performance.now() - armedAt > 5_000) resolve(-1);
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  }, phrase.trim());
}

const underlineLatency = (page: Page) => page.evaluate(() => (window as unknown as { __benchUnderline: Promise<number> }).__benchUnderline);

/** Replaces the CKEditor draft through the editor's model (as a paste would), caret at the end. */
async function setCkeditorDraft(page: Page, text: string): Promise<void> {
  await page.evaluate(
    ([selector, draft]) => {
      type Writer = { createElement(n: string): unknown; insertText(t: string, p: unknown): void; append(e: unknown, p: unknown): void; remove(r: unknown): void; createRangeIn(e: unknown): unknown; setSelection(e: unknown, where: string): void };
      type Editor = { model: { change(cb: (w: Writer) => void): void; document: { getRoot(): { childCount: number; getChild(i: number): unknown } } }; editing: { view: { focus(): void } } };
      const editor = (document.querySelector(selector) as unknown as { ckeditorInstance: Editor }).ckeditorInstance;
      editor.model.change((writer) => {
        const root = editor.model.document.getRoot();
        writer.remove(writer.createRangeIn(root));
        for (const line of draft.split('\n')) {
          const paragraph = writer.createElement('paragraph');
          writer.insertText(line, paragraph);
          writer.append(paragraph, root);
        }
        writer.setSelection(root.getChild(root.childCount - 1), 'end');
      });
      editor.editing.view.focus();
    },
    [CKEDITOR, text] as const,
  );
}

/** Replaces the textarea's value as a paste would (one trusted-looking insertText edit), caret at the end. */
async function setTextareaDraft(page: Page, text: string): Promise<void> {
  await page.locator(TEXTAREA).focus();
  await page.evaluate(([selector, draft]) => {
    const field = document.querySelector<HTMLTextAreaElement>(selector)!;
    field.select();
    document.execCommand('insertText', false, draft);
    field.setSelectionRange(field.value.length, field.value.length);
  }, [TEXTAREA, text] as const);
}

/** Opens the fixture, focuses its composer (which loads the coach), optionally puts the long draft in, caret at the end. */
async function openComposer(open: (url: string) => Promise<Page>, editor: Editor, draft: string | null): Promise<Page> {
  const page = await open(editor === 'ckeditor' ? ZENDESK : LIVECHAT);
  // The LiveChat page is static; the Zendesk one marks itself ready once CKEditor is up.
  await page.waitForSelector(editor === 'ckeditor' ? 'html[data-fixture-ready="true"]' : TEXTAREA);
  await page.click(editor === 'ckeditor' ? CKEDITOR : TEXTAREA);
  if (draft !== null) await (editor === 'ckeditor' ? setCkeditorDraft(page, draft) : setTextareaDraft(page, draft));
  else await page.keyboard.press('Control+End');
  await page.waitForTimeout(800); // Coach loaded, first lints done.
  return page;
}

/**
 * Latency trials: type the phrase, arm the watch before its last character,
 * time keydown → underlined frame, delete it again. `holdLastKey` keeps the
 * last key down until the underline shows (keyup after), so only the input
 * path (the debounced lint) can draw it; otherwise keyup follows at once.
 */
async function keystrokeToUnderline(page: Page, holdLastKey: boolean): Promise<number[]> {
  const times: number[] = [];
  const lastChar = WEAK_PHRASE.slice(-1);
  for (let trial = 0; trial < LATENCY_TRIALS; trial++) {
    await page.keyboard.type(WEAK_PHRASE.slice(0, -1));
    await armUnderlineWatch(page, WEAK_PHRASE);
    if (holdLastKey) await page.keyboard.down(lastChar);
    else await page.keyboard.type(lastChar);
    const ms = await underlineLatency(page);
    if (holdLastKey) await page.keyboard.up(lastChar);
    if (ms < 0) throw new Error(`no underline for "${WEAK_PHRASE.trim()}" within 5 s (trial ${trial + 1}, ${page.url()})`);
    times.push(ms);
    for (let i = 0; i < WEAK_PHRASE.length; i++) await page.keyboard.press('Backspace');
    await page.waitForTimeout(250);
  }
  return times;
}

/**
 * Fresh page loads: focus the composer, time focusin → first underline in the registry/mirror (coach import and first lint
 * included). With `hoverMs`, the pointer rests on the composer that long before the focus, as before an agent's click.
 */
async function firstUnderlineAfterFocus(open: (url: string) => Promise<Page>, draft: string | null, hoverMs = 0): Promise<number[]> {
  const times: number[] = [];
  for (let load = 0; load < COLD_LOADS; load++) {
    const page = await open(ZENDESK);
    await page.waitForSelector('html[data-fixture-ready="true"]');
    if (draft !== null) {
      // Put the long draft in without focusing or typing, so the coach is not loaded yet.
      await page.evaluate(([selector, text]) => {
        type Writer = { createElement(n: string): unknown; insertText(t: string, p: unknown): void; append(e: unknown, p: unknown): void; remove(r: unknown): void; createRangeIn(e: unknown): unknown };
        type Editor = { model: { change(cb: (w: Writer) => void): void; document: { getRoot(): unknown } } };
        const editor = (document.querySelector(selector) as unknown as { ckeditorInstance: Editor }).ckeditorInstance;
        editor.model.change((writer) => {
          const root = editor.model.document.getRoot();
          writer.remove(writer.createRangeIn(root));
          for (const line of text.split('\n')) {
            const paragraph = writer.createElement('paragraph');
            writer.insertText(line, paragraph);
            writer.append(paragraph, root);
          }
        });
      }, [CKEDITOR, draft] as const);
    }
    await page.waitForTimeout(300);
    if (hoverMs) {
      const box = (await page.locator(CKEDITOR).first().boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 20));
      await page.waitForTimeout(hoverMs);
    }
    const ms = await page.evaluate((selector) => {
      const editable = document.querySelector<HTMLElement>(selector)!;
      const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
      const underlined = () => [...registry].some(([name, h]) => name.startsWith('steady-') && [...h].some((r) => editable.contains(r.startContainer)));
      return new Promise<number>((resolve) => {
        const t0 = performance.now();
        editable.focus();
        const tick = () => {
          if (underlined()) resolve(performance.now() - t0);
          else if (performance.now() - t0 > 5_000) resolve(-1);
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
    }, CKEDITOR);
    await page.close();
    if (ms < 0) throw new Error('no underline within 5 s of focusing the Zendesk composer');
    times.push(ms);
  }
  return times;
}

interface TypingResult {
  keys: number;
  /** Renderer main-thread busy time (CDP Performance.getMetrics TaskDuration) per typed character. */
  taskMsPerKey: number;
  /** The same, each character on its own: its keystroke and everything until the next one (its debounced lint included). */
  taskMsByKey: number[];
  scriptMsPerKey: number;
  dispatch: { type: string; ms: number }[];
  longTasks: number[];
  slowEvents: ProbeState['slowEvents'];
}

async function mainThreadMetrics(cdp: CDPSession): Promise<{ task: number; script: number }> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const value = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  return { task: value('TaskDuration'), script: value('ScriptDuration') };
}

/**
 * Types the sentence at 10 characters/second at the end of the long draft, reading the main thread's busy
 * time between characters, then takes it out again (unmeasured). The coach lints 60 ms after a keystroke,
 * so each character's 100 ms holds its own deferred lint; the last one waits 300 ms for it.
 */
async function typeAtTenPerSecond(page: Page, cdp: CDPSession): Promise<TypingResult> {
  await resetProbes(page);
  const before = await mainThreadMetrics(cdp);
  const taskMsByKey: number[] = [];
  let last = before;
  const chars = [...TYPED_SENTENCE];
  for (let i = 0; i < chars.length; i++) {
    const pressedAt = Date.now();
    await page.keyboard.type(chars[i]);
    await page.waitForTimeout(Math.max(0, (i === chars.length - 1 ? 300 : 100) - (Date.now() - pressedAt)));
    const now = await mainThreadMetrics(cdp);
    taskMsByKey.push(now.task - last.task);
    last = now;
  }
  const state = await probeState(page);
  for (let i = 0; i < TYPED_SENTENCE.length; i++) await page.keyboard.press('Backspace');
  await page.waitForTimeout(500);
  const keys = chars.length;
  return { keys, taskMsPerKey: (last.task - before.task) / keys, taskMsByKey, scriptMsPerKey: (last.script - before.script) / keys, ...state };
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/** One more typing round with the V8 sampling profiler on (kept out of the timed rounds: profiling slows everything). */
async function profileTyping(page: Page, cdp: CDPSession): Promise<CpuProfile> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  await cdp.send('Profiler.start');
  await page.keyboard.type(TYPED_SENTENCE, { delay: 100 });
  await page.waitForTimeout(300);
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
  for (let i = 0; i < TYPED_SENTENCE.length; i++) await page.keyboard.press('Backspace');
  return profile;
}

/**
 * CPU time whose stack passes through the extension's scripts (native calls
 * they make, such as layout forced by getBoundingClientRect, included), split
 * by the extension function it passed through, with a snippet of the built
 * (minified) source at that position so it can be found.
 */
function printProfile(profile: CpuProfile, extensionDir: string, keys: number): void {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const isSteady = (url: string) => url.startsWith('chrome-extension://');
  const inclusive = new Map<string, number>();
  let steady = 0;
  let total = 0;
  profile.samples.forEach((sample, i) => {
    const delta = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const frames = new Set<string>();
    for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) {
      const { url, lineNumber, columnNumber, functionName } = byId.get(id)!.callFrame;
      if (isSteady(url)) frames.add(`${url.replace(/^chrome-extension:\/\/\w+\//, '')}:${lineNumber + 1}:${columnNumber + 1} ${functionName || '(anonymous)'}`);
    }
    const name = byId.get(sample)!.callFrame.functionName;
    if (name !== '(idle)' && name !== '(program)') total += delta;
    if (frames.size) steady += delta;
    for (const frame of frames) inclusive.set(frame, (inclusive.get(frame) ?? 0) + delta);
  });
  console.log(`\nCPU profile of one typing round (${keys} chars, sampling 0.25 ms, profiler overhead included): busy ${ms(total)}, of which in stacks through Steady ${ms(steady)} (${ms(steady / keys)} per char).`);
  console.log('Steady functions by inclusive time (built file:line:column, name, source there):');
  const sources = new Map<string, string[]>();
  const sourceAt = (file: string, line: number, column: number) => {
    if (!sources.has(file)) sources.set(file, readFileSync(join(extensionDir, file), 'utf8').split('\n'));
    return (sources.get(file)![line - 1] ?? '').slice(column - 1, column + 79);
  };
  for (const [frame, time] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 14)) {
    const [, file, line, column] = /^(\S+):(\d+):(\d+) /.exec(frame)!;
    console.log(`  ${ms(time).padStart(9)}  ${frame.padEnd(44)} ${sourceAt(file, Number(line), Number(column))}`);
  }
}

type TraceEvent = { name: string; ph: string; pid: number; tid: number; ts: number; dur?: number; args?: { name?: string } };

/**
 * One more typing round under a Chromium trace: self time (an event's
 * duration minus the events nested in it) per trace event name on the page's
 * main thread, in ms per typed character. Tells script from style, layout,
 * paint and compositing work.
 */
async function traceTyping(page: Page, cdp: CDPSession): Promise<Map<string, number>> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8.execute,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  await page.keyboard.type(TYPED_SENTENCE, { delay: 100 });
  await page.waitForTimeout(300);
  await cdp.send('Tracing.end');
  await complete;
  for (let i = 0; i < TYPED_SENTENCE.length; i++) await page.keyboard.press('Backspace');
  await page.waitForTimeout(500);
  const thread = (e: TraceEvent) => `${e.pid}:${e.tid}`;
  const mainThreads = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map(thread));
  const busy = new Map<string, number>();
  for (const e of events) if (e.name === 'RunTask' && e.dur && mainThreads.has(thread(e))) busy.set(thread(e), (busy.get(thread(e)) ?? 0) + e.dur);
  const pageThread = [...busy].sort((x, y) => y[1] - x[1])[0]?.[0];
  const spans = events.filter((e) => e.ph === 'X' && e.dur && thread(e) === pageThread).sort((x, y) => x.ts - y.ts || y.dur! - x.dur!);
  const self = new Map<string, number>();
  const open: { end: number; name: string }[] = [];
  for (const e of spans) {
    while (open.length && open[open.length - 1].end <= e.ts) open.pop();
    const parent = open[open.length - 1];
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - e.dur!);
    self.set(e.name, (self.get(e.name) ?? 0) + e.dur!);
    open.push({ end: e.ts + e.dur!, name: e.name });
  }
  return new Map([...self].map(([name, us]) => [name, us / 1000 / TYPED_SENTENCE.length]));
}

function mergeTyping(results: TypingResult[]): TypingResult {
  const keys = results.reduce((n, r) => n + r.keys, 0);
  return {
    keys,
    taskMsPerKey: results.reduce((n, r) => n + r.taskMsPerKey * r.keys, 0) / keys,
    taskMsByKey: results.flatMap((r) => r.taskMsByKey),
    scriptMsPerKey: results.reduce((n, r) => n + r.scriptMsPerKey * r.keys, 0) / keys,
    dispatch: results.flatMap((r) => r.dispatch),
    longTasks: results.flatMap((r) => r.longTasks),
    slowEvents: results.flatMap((r) => r.slowEvents),
  };
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const stats = (values: readonly number[]) => `median ${ms(median(values))}, p95 ${ms(percentile(values, 95))} (n=${values.length})`;
const load = () => loadavg().map((v) => v.toFixed(2)).join(' ');

function line(label: string, value: string, target = '', baseline = ''): void {
  console.log(`${label.padEnd(52)} ${value.padEnd(40)} ${target.padEnd(14)} ${baseline}`);
}

export default async function coachingBench(): Promise<void> {
  const extensionDir = ensureExtensionBuilt();
  console.log(`Chromium ${chromiumPath()}; load average at start ${load()}`);
  const steady: SteadyBrowser = await launchSteady({ extensionDir });
  const plain = await launchWithoutExtension(steady.server);
  const openPlain = async (url: string) => {
    const page = await plain.context.newPage();
    await page.goto(url);
    return page;
  };
  for (const context of [steady.context, plain.context]) {
    // tsx compiles named inner functions with esbuild's __name() helper, which the page lacks.
    await context.addInitScript('globalThis.__name = (fn) => fn;');
    await context.addInitScript(installProbes);
  }

  try {
    // 1. Keystroke → underline, long draft vs the fixtures' short drafts.
    const latency: Record<string, number[]> = {};
    for (const editor of ['ckeditor', 'textarea'] as const) {
      for (const size of ['2000', 'short'] as const) {
        const page = await openComposer(steady.open, editor, size === '2000' ? LONG_DRAFT : editor === 'textarea' ? 'Hi Dana, let me check that order for you.' : null);
        latency[`${editor}-${size}`] = await keystrokeToUnderline(page, false);
        if (size === '2000') latency[`${editor}-held`] = await keystrokeToUnderline(page, true);
        await page.close();
      }
    }
    console.log(`(after latency trials: load average ${load()})`);

    // 3. Cold first underline after focus.
    const coldShort = await firstUnderlineAfterFocus(steady.open, null);
    const coldLong = await firstUnderlineAfterFocus(steady.open, LONG_DRAFT);
    const coldHovered = await firstUnderlineAfterFocus(steady.open, null, HOVER_MS);
    console.log(`(after cold loads: load average ${load()})`);

    // 2. Typing cost, alternating with / without the extension so machine load hits both alike.
    const withRuns: TypingResult[] = [];
    const withoutRuns: TypingResult[] = [];
    const withPage = await openComposer(steady.open, 'ckeditor', LONG_DRAFT);
    const withoutPage = await openComposer(openPlain, 'ckeditor', LONG_DRAFT);
    const findingsInDraft = await badgeText(withPage);
    const withCdp = await steady.context.newCDPSession(withPage);
    const withoutCdp = await plain.context.newCDPSession(withoutPage);
    await withCdp.send('Performance.enable');
    await withoutCdp.send('Performance.enable');
    for (let round = 0; round < TYPING_ROUNDS; round++) {
      await withPage.bringToFront();
      withRuns.push(await typeAtTenPerSecond(withPage, withCdp));
      await withoutPage.bringToFront();
      withoutRuns.push(await typeAtTenPerSecond(withoutPage, withoutCdp));
    }
    const profile = await profileTyping(withPage, withCdp);
    const withTrace = await traceTyping(withPage, withCdp);
    await withoutPage.bringToFront();
    const withoutTrace = await traceTyping(withoutPage, withoutCdp);
    const withExt = mergeTyping(withRuns);
    const withoutExt = mergeTyping(withoutRuns);
    const loadAfter = load();

    const sizes = {
      content: statSync(join(extensionDir, 'content-scripts/content.js')).size,
      contentGz: gzipSync(readFileSync(join(extensionDir, 'content-scripts/content.js'))).length,
      coach: statSync(join(extensionDir, 'coach.js')).size,
      coachGz: gzipSync(readFileSync(join(extensionDir, 'coach.js'))).length,
    };
    const perKey = (r: TypingResult, type: string) => r.dispatch.filter((d) => d.type === type).map((d) => d.ms);
    const keyTotal = (r: TypingResult) => {
      const down = perKey(r, 'keydown');
      const up = perKey(r, 'keyup');
      return down.map((d, i) => d + (up[i] ?? 0));
    };

    console.log(`\nDraft: ${LONG_DRAFT.split(/\s+/).length} words, ${LONG_DRAFT.length} chars, ${findingsInDraft} findings underlined. Load average at end ${loadAfter} (2 cores).`);
    line('measure', 'with Steady', 'target', 'baseline (same run)');
    line('-------', '-----------', '------', '-------------------');
    line('1. keydown → underline, CKEditor 5, 2,000 words', stats(latency['ckeditor-2000']), 'p95 ≤ 100 ms', `short draft: ${stats(latency['ckeditor-short'])}`);
    line('1. keydown → underline, textarea, 2,000 words', stats(latency['textarea-2000']), 'p95 ≤ 100 ms', `short draft: ${stats(latency['textarea-short'])}`);
    line('1b. same, last key held (keyup after the underline)', stats(latency['ckeditor-held']), '', 'CKEditor 5; input path only');
    line('1b. same, textarea, last key held', stats(latency['textarea-held']), '', 'textarea; input path only');
    line('2. main-thread time per typed char (CDP TaskDuration)', ms(withExt.taskMsPerKey), '', `no extension: ${ms(withoutExt.taskMsPerKey)}`);
    // Everything Steady adds per character, its deferred lint and Chromium repainting underlined text (Paint/PrePaint in
    // the trace further down) included: each character typed with the extension against the same character, same
    // round, typed without it.
    const extraByKey = withExt.taskMsByKey.map((t, i) => t - (withoutExt.taskMsByKey[i] ?? 0));
    line('2. extra main-thread time per typed char, p95', ms(percentile(extraByKey, 95)), 'p95 ≤ 4 ms', `mean ${ms(withExt.taskMsPerKey - withoutExt.taskMsPerKey)}, median ${ms(median(extraByKey))} (n=${extraByKey.length}); deferred lint and repaint incl.`);
    // Pairing the n-th character of two runs also pairs their unrelated noise (GC, the editor's own timers), which
    // inflates the tail of the differences: the shift of the whole distribution is read from its quantiles too.
    line('2. main-thread time per typed char, p50 / p95', `${ms(median(withExt.taskMsByKey))} / ${ms(percentile(withExt.taskMsByKey, 95))}`, '', `no extension: ${ms(median(withoutExt.taskMsByKey))} / ${ms(percentile(withoutExt.taskMsByKey, 95))} (p95 difference ${ms(percentile(withExt.taskMsByKey, 95) - percentile(withoutExt.taskMsByKey, 95))})`);
    line('2. script time per typed char (CDP ScriptDuration)', ms(withExt.scriptMsPerKey), '', `no extension: ${ms(withoutExt.scriptMsPerKey)}`);
    line('2. keydown+keyup dispatch → next task, median', ms(median(keyTotal(withExt))), '', `no extension: ${ms(median(keyTotal(withoutExt)))}`);
    line('2. extra dispatch time per keystroke (median diff)', ms(median(keyTotal(withExt)) - median(keyTotal(withoutExt))), '≤ 2 ms', '');
    line('2. keyup dispatch → next task, median / p95', `${ms(median(perKey(withExt, 'keyup')))} / ${ms(percentile(perKey(withExt, 'keyup'), 95))}`, '', `no extension: ${ms(median(perKey(withoutExt, 'keyup')))} / ${ms(percentile(perKey(withoutExt, 'keyup'), 95))}`);
    line('2. long tasks ≥ 50 ms while typing', `${withExt.longTasks.length} (max ${ms(Math.max(0, ...withExt.longTasks))})`, '0 (Steady)', `no extension: ${withoutExt.longTasks.length}`);
    const slowerThan = (r: TypingResult, limit: number) => r.slowEvents.filter((e) => e.duration > limit).length;
    line('2. key/input events > 16 ms to next paint (Event Timing)', `${slowerThan(withExt, 16)} (${withExt.keys} chars typed)`, '', `no extension: ${slowerThan(withoutExt, 16)}`);
    line('2. key/input events ≥ 50 ms to next paint', String(withExt.slowEvents.filter((e) => e.duration >= 50).length), '', `no extension: ${withoutExt.slowEvents.filter((e) => e.duration >= 50).length}`);
    line('3. content-scripts/content.js', `${kb(sizes.content)} (${kb(sizes.contentGz)} gzip)`, '≤ 40 KB', '');
    line('3. coach.js (loaded on pointer over a reply box, or first focus/edit)', `${kb(sizes.coach)} (${kb(sizes.coachGz)} gzip)`, '', '');
    line('3. focus → first underline, fresh page, fixture draft', stats(coldShort), '≤ 150 ms', '');
    line('3. focus → first underline, fresh page, 2,000 words', stats(coldLong), '≤ 150 ms', '');
    line(`3. same, fixture draft, pointer on it ${HOVER_MS} ms first`, stats(coldHovered), '≤ 150 ms', 'as before a click');
    const slowKinds = [...new Set(withExt.slowEvents.map((e) => e.name))].map((name) => {
      const events = withExt.slowEvents.filter((e) => e.name === name);
      return `${name}×${events.length} (median duration ${ms(median(events.map((e) => e.duration)))}, processing ${ms(median(events.map((e) => e.processing)))})`;
    });
    if (slowKinds.length) console.log(`Slow events with Steady: ${slowKinds.join('; ')}`);
    console.log('\nMain-thread trace of one more typing round: self time per typed char by trace event, largest extra first');
    const traced = [...new Set([...withTrace.keys(), ...withoutTrace.keys()])].map((name) => ({ name, with: withTrace.get(name) ?? 0, without: withoutTrace.get(name) ?? 0 }));
    const tracedTotal = (key: 'with' | 'without') => traced.reduce((n, t) => n + t[key], 0);
    console.log(`  ${'all events'.padEnd(28)} with ${ms(tracedTotal('with')).padStart(8)}  without ${ms(tracedTotal('without')).padStart(8)}`);
    for (const t of traced.sort((x, y) => y.with - y.without - (x.with - x.without)).slice(0, 10)) {
      console.log(`  ${t.name.padEnd(28)} with ${ms(t.with).padStart(8)}  without ${ms(t.without).padStart(8)}  extra ${ms(t.with - t.without).padStart(8)}`);
    }
    printProfile(profile, extensionDir, TYPED_SENTENCE.length);
    if (steady.errors.length) console.log(`Errors seen: ${steady.errors.join(' | ')}`);
  } finally {
    await plain.browser.close();
    await steady.close();
  }
}
