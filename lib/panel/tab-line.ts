/**
 * The side panel's line to the background for one tab: the tab's state as it
 * changes, and requests to the tab's page answered one by one.
 *
 * Chrome stops an idle service worker (about 30 s without events), which
 * closes the port. The line connects again (that starts the worker), so an
 * open panel keeps following the draft however long the agent reads.
 */
import type { InsertResult, PanelAsk, PanelRequest, PanelUpdate, TabState } from '../messages';

/** The part of a runtime.Port the line uses. */
export interface PortLike {
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: PanelUpdate) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

export interface TabLineOptions {
  tabId: number;
  connect(): PortLike;
  onState(state: TabState): void;
  onOpenScript(scriptId: string): void;
  /** setTimeout, injectable for tests. */
  later?: (run: () => void, ms: number) => unknown;
}

export interface TabLine {
  ask(request: PanelAsk): Promise<InsertResult>;
  /** The panel moved to another tab (or closed): stop, answering requests still waiting. */
  close(): void;
}

export const MOVED_AWAY = 'The panel moved to another tab before the text was inserted. Try again.';
export const LINE_DROPPED = 'Steady restarted before the page confirmed it: check your reply, and try again if the text is not there.';
export const LINE_DOWN = 'Steady is reconnecting to this tab. Try again in a moment.';

/** Reconnect at once, then back off (up to 5 s) while the background keeps closing the line without a word. */
const retryDelay = (attempt: number) => (attempt === 0 ? 0 : Math.min(5_000, 100 * 2 ** attempt));

export function openTabLine({ tabId, connect, onState, onOpenScript, later = setTimeout }: TabLineOptions): TabLine {
  let port: PortLike | undefined;
  let closed = false;
  let attempt = 0;
  /** A restarted background knows nothing of the page until the page sends it again: keep showing the ticket until then. */
  let awaitingPage = false;
  let lastRequest = 0;
  const waiting = new Map<number, (result: InsertResult) => void>();
  const answerAll = (message: string) => {
    waiting.forEach((answer) => answer({ ok: false, message }));
    waiting.clear();
  };

  const open = () => {
    if (closed) return;
    const connected = (port = connect());
    connected.onDisconnect.addListener(() => {
      if (port !== connected) return;
      port = undefined;
      answerAll(LINE_DROPPED);
      if (closed) return;
      awaitingPage = true;
      later(open, retryDelay(attempt++));
    });
    connected.onMessage.addListener((message) => {
      if (port !== connected) return;
      attempt = 0;
      if (message.type === 'tab-state') {
        // The tab the agent chose, whatever a message names.
        if (message.state.tabId !== tabId || (awaitingPage && !message.state.snapshot)) return;
        awaitingPage = false;
        onState(message.state);
      } else if (message.type === 'open-script') onOpenScript(message.scriptId);
      else {
        waiting.get(message.requestId)?.(message.result);
        waiting.delete(message.requestId);
      }
    });
  };
  open();

  return {
    ask(request) {
      const bound = port;
      if (!bound) return Promise.resolve({ ok: false, message: closed ? MOVED_AWAY : LINE_DOWN });
      const requestId = ++lastRequest;
      return new Promise<InsertResult>((answer) => {
        waiting.set(requestId, answer);
        try {
          bound.postMessage({ ...request, requestId } satisfies PanelRequest);
        } catch (e) {
          waiting.delete(requestId);
          answer({ ok: false, message: `Could not reach Steady's background (${String(e)}). Reopen the panel and try again.` });
        }
      });
    },
    close() {
      closed = true;
      const bound = port;
      port = undefined;
      bound?.disconnect();
      answerAll(MOVED_AWAY);
    },
  };
}
