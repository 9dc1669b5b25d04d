import { describe, expect, test } from 'vitest';
import { LINE_DOWN, LINE_DROPPED, MOVED_AWAY, openTabLine, type PortLike } from '../../lib/panel/tab-line';
import type { PanelUpdate, TabState } from '../../lib/messages';
import type { TicketSnapshot } from '../../lib/ticket';

/** A port the test drives: what the panel posted, and the background's side (send, drop). */
function fakePort() {
  const onMessage: ((message: PanelUpdate) => void)[] = [];
  const onDisconnect: (() => void)[] = [];
  const posted: unknown[] = [];
  let disconnected = false;
  const port: PortLike = {
    postMessage: (message) => {
      if (disconnected) throw new Error('Attempting to use a disconnected port object');
      posted.push(message);
    },
    disconnect: () => (disconnected = true),
    onMessage: { addListener: (listener) => onMessage.push(listener) },
    onDisconnect: { addListener: (listener) => onDisconnect.push(listener) },
  };
  return {
    port,
    posted,
    isDisconnected: () => disconnected,
    send: (message: PanelUpdate) => onMessage.forEach((listener) => listener(message)),
    /** The background went away (Chrome stopped the idle service worker). */
    drop: () => {
      disconnected = true;
      onDisconnect.forEach((listener) => listener());
    },
  };
}

const snapshot = { helpdesk: 'helpscout', ticketId: '88' } as TicketSnapshot;
const state = (patch: Partial<TabState> = {}): TabState => ({ tabId: 7, snapshot, draft: 'Hi Chris', findings: [], ...patch });

function setUp() {
  const ports: ReturnType<typeof fakePort>[] = [];
  const timers: { run: () => void; ms: number }[] = [];
  const states: TabState[] = [];
  const scripts: string[] = [];
  const line = openTabLine({
    tabId: 7,
    connect: () => {
      const p = fakePort();
      ports.push(p);
      return p.port;
    },
    onState: (s) => states.push(s),
    onOpenScript: (id) => scripts.push(id),
    later: (run, ms) => timers.push({ run, ms }),
  });
  const runTimers = () => timers.splice(0).forEach((t) => t.run());
  return { line, ports, timers, states, scripts, runTimers, current: () => ports[ports.length - 1]! };
}

describe('the side panel’s line to its tab', () => {
  test('passes on the states of its own tab only, and scripts to open', () => {
    const { ports, states, scripts } = setUp();
    ports[0]!.send({ type: 'tab-state', state: state() });
    ports[0]!.send({ type: 'tab-state', state: state({ tabId: 8, draft: 'another tab' }) });
    ports[0]!.send({ type: 'open-script', scriptId: 'refund-denied' });
    expect(states.map((s) => s.draft)).toEqual(['Hi Chris']);
    expect(scripts).toEqual(['refund-denied']);
  });

  test('answers each request with the result of the same request id', async () => {
    const { line, ports } = setUp();
    const first = line.ask({ type: 'insert-text', text: 'one' });
    const second = line.ask({ type: 'insert-text', text: 'two' });
    const [a, b] = ports[0]!.posted as { requestId: number; text: string }[];
    expect([a!.text, b!.text]).toEqual(['one', 'two']);
    ports[0]!.send({ type: 'insert-result', requestId: b!.requestId, result: { ok: false, message: 'no composer' } });
    ports[0]!.send({ type: 'insert-result', requestId: a!.requestId, result: { ok: true } });
    expect(await first).toEqual({ ok: true });
    expect(await second).toEqual({ ok: false, message: 'no composer' });
  });

  test('when the background stops, it connects again at once and keeps following the tab', () => {
    const { ports, states, runTimers, timers } = setUp();
    ports[0]!.send({ type: 'tab-state', state: state() });
    ports[0]!.drop();
    expect(timers.map((t) => t.ms)).toEqual([0]);
    runTimers();
    expect(ports).toHaveLength(2);
    // The restarted background has not heard from the page yet: the panel keeps the ticket it shows.
    ports[1]!.send({ type: 'tab-state', state: state({ snapshot: null, draft: '' }) });
    ports[1]!.send({ type: 'tab-state', state: state({ draft: '' }) });
    ports[1]!.send({ type: 'tab-state', state: state({ draft: 'Hi Chris, sorry' }) });
    expect(states.map((s) => s.draft)).toEqual(['Hi Chris', '', 'Hi Chris, sorry']);
    // Once the page is heard again, a tab without a ticket is shown as such.
    ports[1]!.send({ type: 'tab-state', state: state({ snapshot: null, draft: '' }) });
    expect(states.at(-1)!.snapshot).toBeNull();
  });

  test('a background that keeps closing the line is retried less and less often, and a message resets that', () => {
    const { current, timers, runTimers } = setUp();
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      current().drop();
      delays.push(timers[0]!.ms);
      runTimers();
    }
    expect(delays).toEqual([0, 200, 400, 800, 1600, 3200, 5000, 5000]);
    current().send({ type: 'tab-state', state: state() });
    current().drop();
    expect(timers[0]!.ms).toBe(0);
  });

  test('requests in flight when the line drops are answered, not left hanging; asking while it is down says so', async () => {
    const { line, ports, runTimers } = setUp();
    const inFlight = line.ask({ type: 'insert-text', text: 'one' });
    ports[0]!.drop();
    expect(await inFlight).toEqual({ ok: false, message: LINE_DROPPED });
    expect(await line.ask({ type: 'insert-text', text: 'two' })).toEqual({ ok: false, message: LINE_DOWN });
    runTimers();
    const again = line.ask({ type: 'insert-text', text: 'three' });
    const [{ requestId }] = ports[1]!.posted as { requestId: number }[];
    ports[1]!.send({ type: 'insert-result', requestId, result: { ok: true } });
    expect(await again).toEqual({ ok: true });
  });

  test('a late answer or state from the dropped port is ignored', () => {
    const { ports, states, runTimers } = setUp();
    ports[0]!.drop();
    runTimers();
    ports[0]!.send({ type: 'tab-state', state: state({ draft: 'stale' }) });
    expect(states).toEqual([]);
  });

  test('closing (the panel moved to another tab) disconnects, answers what waits, and never reconnects', async () => {
    const { line, ports, timers } = setUp();
    const waiting = line.ask({ type: 'insert-text', text: 'one' });
    line.close();
    expect(ports[0]!.isDisconnected()).toBe(true);
    expect(await waiting).toEqual({ ok: false, message: MOVED_AWAY });
    ports[0]!.drop();
    expect(timers).toEqual([]);
    expect(await line.ask({ type: 'insert-text', text: 'two' })).toEqual({ ok: false, message: MOVED_AWAY });
  });

  test('shows the first state even with no ticket read yet; closed while a reconnect waits, it neither reconnects nor fails', () => {
    const { line, ports, states, runTimers } = setUp();
    ports[0]!.send({ type: 'tab-state', state: state({ snapshot: null }) });
    expect(states).toHaveLength(1);
    ports[0]!.drop();
    line.close();
    runTimers();
    expect(ports).toHaveLength(1);
  });

  test('a port that throws on post answers with a message to reopen the panel', async () => {
    const { line, ports } = setUp();
    ports[0]!.port.postMessage = () => {
      throw new Error('Attempting to use a disconnected port object');
    };
    const result = await line.ask({ type: 'insert-text', text: 'one' });
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.message).toMatch(/Reopen the panel/);
  });
});
