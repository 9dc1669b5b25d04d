/**
 * The service worker: keeps each tab's ticket snapshot and draft (analysing
 * conversations the content script reads), serves side panels over ports,
 * relays inserts to the page, and records coaching figures locally.
 */
import content from 'virtual:steady-content';
import { compileTriggers } from '@/lib/analysis/trigger-rules';
import { createTabStates } from '@/lib/background/tab-states';
import { watchPausedBadge, type BadgeApi } from '@/lib/background/paused-badge';
import { openDatabase } from '@/lib/store/db';
import { recordConversationOutcome, recordNudge } from '@/lib/store/stats';
import { parsePanelRequest, parseSteadyMessage } from '@/lib/message-schemas';
import { contentScriptTab, panelPortTab, type InsertResult, type PanelAsk, type PanelUpdate, type SteadyMessage, type TabState } from '@/lib/messages';
import { lintContextOf } from '@/lib/ticket';
import { upgradeGenericRegistrations } from '@/lib/settings/site-access';
import type { LintContext } from '@/lib/engine/types';

/** storage.local: the welcome page was opened once in this profile. */
const WELCOMED_KEY = 'welcomed';

export default defineBackground(() => {
  // The toolbar button opens the side panel (Chrome); Firefox has no sidePanel API.
  browser.sidePanel?.setPanelBehavior({ openPanelOnActionClick: true }).catch((error: unknown) => {
    console.error('Steady: could not bind the side panel to the toolbar button', error);
  });

  // Firefox (Manifest V2): the toolbar button is a browserAction and toggles the sidebar.
  const mv2 = browser as unknown as { browserAction?: BadgeApi['action'] & { onClicked: { addListener(listener: () => void): void } }; sidebarAction?: { toggle(): Promise<void> } };
  if (!browser.sidePanel) mv2.browserAction?.onClicked.addListener(() => void mv2.sidebarAction?.toggle());
  const pausedBadge = watchPausedBadge({ action: browser.action ?? mv2.browserAction, tabs: browser.tabs, storage: browser.storage } as BadgeApi);

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
    const key = JSON.stringify([snap.helpdesk, snap.account, snap.ticketId, start, now]);
    if (recorded.get(state.tabId) === key) return;
    recorded.set(state.tabId, key);
    void recordConversationOutcome(db, { helpdesk: snap.helpdesk, account: snap.account, ticketId: snap.ticketId, start, now, updatedAt: snap.updatedAt });
  };

  const states = createTabStates(compileTriggers(content.triggers), (state) => {
    post(state.tabId, { type: 'tab-state', state });
    recordOutcome(state);
  });

  /** Pass a panel's request to the page of `tabId`; the answer says what to tell the agent. */
  const askPage = (tabId: number, ask: PanelAsk): Promise<InsertResult> =>
    browser.tabs.sendMessage(tabId, ask satisfies SteadyMessage).then(
      (result: InsertResult | undefined) => result ?? { ok: false, message: 'The page did not answer. Reload the helpdesk tab and try again.' },
      () => ({ ok: false, message: 'Steady is not running on that tab. Reload the helpdesk page and try again.' }),
    );

  const panelPage = browser.runtime.getURL('/sidepanel.html');
  browser.runtime.onConnect.addListener((port) => {
    // Only Steady's own side panel page, for the tab the agent chose there.
    const tabId = panelPortTab(port.name, port.sender ?? {}, browser.runtime.id, panelPage);
    if (tabId === undefined) {
      port.disconnect();
      return;
    }
    let set = panels.get(tabId);
    if (!set) panels.set(tabId, (set = new Set()));
    set.add(port);
    port.onDisconnect.addListener(() => set.delete(port));
    port.onMessage.addListener((raw: unknown) => {
      const request = parsePanelRequest(raw);
      if (!request) return;
      const { requestId, ...ask } = request;
      void askPage(tabId, ask).then((result) => {
        try {
          port.postMessage({ type: 'insert-result', requestId, result } satisfies PanelUpdate);
        } catch {
          // The panel closed meanwhile: nobody to tell.
        }
      });
    });
    port.postMessage({ type: 'tab-state', state: states.get(tabId) } satisfies PanelUpdate);
    const script = pendingScript.get(tabId);
    if (script) {
      pendingScript.delete(tabId);
      port.postMessage({ type: 'open-script', scriptId: script } satisfies PanelUpdate);
    }
    // After a service-worker restart the snapshot is gone: ask the page for it again.
    if (!states.get(tabId).snapshot) browser.tabs.sendMessage(tabId, { type: 'publish-now' } satisfies SteadyMessage).catch(() => {});
  });

  // Only this extension's content scripts send messages here; the tab is the sender's own.
  browser.runtime.onMessage.addListener((raw: unknown, sender, sendResponse) => {
    const message = parseSteadyMessage(raw);
    const tabId = contentScriptTab(sender, browser.runtime.id);
    if (!message || tabId === undefined) return undefined;
    if (sender.frameId === 0) pausedBadge.pageAt(tabId, sender.url);
    switch (message.type) {
      case 'conversation':
        // The answer tells the page's coach how the customer feels, for the checks that depend on it.
        sendResponse(lintContextOf(states.conversation(tabId, message.report).snapshot) satisfies LintContext);
        return undefined;
      case 'draft':
        states.draft(tabId, message.text, message.findings, message.undoWarning);
        return undefined;
      case 'nudge':
        void recordNudge(db, message.ruleId, message.kind, message.phrase);
        return undefined;
      case 'open-script':
        if (panels.get(tabId)?.size) post(tabId, { type: 'open-script', scriptId: message.scriptId });
        else pendingScript.set(tabId, message.scriptId);
        browser.sidePanel?.open({ tabId }).catch(() => {
          // Needs a user gesture; the script opens when the agent opens the panel.
        });
        return undefined;
      default:
        return undefined;
    }
  });

  browser.tabs.onRemoved.addListener((tabId) => {
    states.remove(tabId);
    pausedBadge.forget(tabId);
    pendingScript.delete(tabId);
    recorded.delete(tabId);
  });

  // First run: a short welcome page (what Steady does, how to open it, the privacy promise), once per
  // browser profile (Chromium reports an unpacked extension as installed again at every start).
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'update') void upgradeGenericRegistrations().catch((error: unknown) => console.error('Steady: could not update enabled sites', error));
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

