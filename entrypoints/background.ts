/**
 * The service worker: keeps each tab's ticket snapshot and draft (analysing
 * conversations the content script reads), serves side panels over ports,
 * relays inserts to the page, and records coaching figures locally.
 */
import content from 'virtual:steady-content';
import { compileTriggers } from '@/lib/analysis/trigger-rules';
import { createTabStates } from '@/lib/background/tab-states';
import { openDatabase } from '@/lib/store/db';
import { recordNudge } from '@/lib/store/stats';
import { isSteadyMessage, type InsertResult, type PanelUpdate, type SteadyMessage, type TabState } from '@/lib/messages';
import { lintContextOf } from '@/lib/ticket';
import type { LintContext } from '@/lib/engine/types';

const PANEL_PORT = /^panel:(\d+)$/;
/** storage.local: the welcome page was opened once in this profile. */
const WELCOMED_KEY = 'welcomed';

export default defineBackground(() => {
  // The toolbar button opens the side panel (Chrome); Firefox has no sidePanel API.
  browser.sidePanel?.setPanelBehavior({ openPanelOnActionClick: true }).catch((error: unknown) => {
    console.error('Steady: could not bind the side panel to the toolbar button', error);
  });

  const db = openDatabase();
  const panels = new Map<number, Set<Browser.runtime.Port>>();
  const pendingScript = new Map<number, string>();
  const post = (tabId: number, update: PanelUpdate) => panels.get(tabId)?.forEach((port) => port.postMessage(update));

  // Written only when the trajectory moved, not on every draft update.
  const recorded = new Map<number, string>();
  const recordOutcome = (state: TabState) => {
    const snap = state.snapshot;
    const { start, now } = snap?.trajectory ?? {};
    if (!snap?.ticketId || start == null || now == null || snap.trajectory.points.length < 2) return;
    const key = `${snap.helpdesk}:${snap.ticketId}:${start}:${now}`;
    if (recorded.get(state.tabId) === key) return;
    recorded.set(state.tabId, key);
    db.conversations.put({ helpdesk: snap.helpdesk, ticketId: snap.ticketId, start, now, updatedAt: snap.updatedAt }).catch(() => {
      // Figures are best-effort; never disturb the agent for them.
    });
  };

  const states = createTabStates(compileTriggers(content.triggers), (state) => {
    post(state.tabId, { type: 'tab-state', state });
    recordOutcome(state);
  });

  browser.runtime.onConnect.addListener((port) => {
    const tabId = Number(PANEL_PORT.exec(port.name)?.[1]);
    if (!tabId) return;
    let set = panels.get(tabId);
    if (!set) panels.set(tabId, (set = new Set()));
    set.add(port);
    port.onDisconnect.addListener(() => set.delete(port));
    port.postMessage({ type: 'tab-state', state: states.get(tabId) } satisfies PanelUpdate);
    const script = pendingScript.get(tabId);
    if (script) {
      pendingScript.delete(tabId);
      port.postMessage({ type: 'open-script', scriptId: script } satisfies PanelUpdate);
    }
    // After a service-worker restart the snapshot is gone: ask the page for it again.
    if (!states.get(tabId).snapshot) browser.tabs.sendMessage(tabId, { type: 'publish-now' } satisfies SteadyMessage).catch(() => {});
  });

  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    if (!isSteadyMessage(message)) return undefined;
    const tabId = sender.tab?.id;
    switch (message.type) {
      case 'conversation':
        // The answer tells the page's coach how the customer feels, for the checks that depend on it.
        if (tabId !== undefined) sendResponse(lintContextOf(states.conversation(tabId, message.report).snapshot) satisfies LintContext);
        return undefined;
      case 'draft':
        if (tabId !== undefined) states.draft(tabId, message.text, message.findings);
        return undefined;
      case 'nudge':
        void recordNudge(db, message.ruleId, message.kind, message.phrase);
        return undefined;
      case 'open-script':
        if (tabId === undefined) return undefined;
        if (panels.get(tabId)?.size) post(tabId, { type: 'open-script', scriptId: message.scriptId });
        else pendingScript.set(tabId, message.scriptId);
        browser.sidePanel?.open({ tabId }).catch(() => {
          // Needs a user gesture; the script opens when the agent opens the panel.
        });
        return undefined;
      case 'insert-text':
      case 'finding-action':
        browser.tabs
          .sendMessage(message.tabId, message)
          .then((result: InsertResult | undefined) => sendResponse(result ?? { ok: false, message: 'The page did not answer. Reload the helpdesk tab and try again.' }))
          .catch(() => sendResponse({ ok: false, message: 'Steady is not running on that tab. Reload the helpdesk page and try again.' } satisfies InsertResult));
        return true;
      default:
        return undefined;
    }
  });

  browser.tabs.onRemoved.addListener((tabId) => {
    states.remove(tabId);
    pendingScript.delete(tabId);
    recorded.delete(tabId);
  });

  // First run: a short welcome page (what Steady does, how to open it, the privacy promise), once per
  // browser profile (Chromium reports an unpacked extension as installed again at every start).
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason !== 'install') return;
    void (async () => {
      if ((await browser.storage.local.get(WELCOMED_KEY))[WELCOMED_KEY]) return;
      await browser.storage.local.set({ [WELCOMED_KEY]: true });
      await browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
    })().catch(() => {});
  });

  browser.commands?.onCommand.addListener((command, tab) => {
    if (command === 'open-side-panel' && tab?.id !== undefined) void browser.sidePanel?.open({ tabId: tab.id });
  });
});

