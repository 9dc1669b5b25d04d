/**
 * The background's memory of each tab: the latest ticket snapshot (the page's
 * conversation, analysed here so helpdesk pages carry no analysis code) and
 * the agent's draft. Pure: the entry point connects it to browser APIs.
 */
import { createConversationAnalyzer, type CompiledTrigger, type ConversationAnalyzer } from '../analysis';
import type { ConversationReport, DraftFinding, TabState } from '../messages';
import type { TicketSnapshot } from '../ticket';

export interface TabStates {
  conversation(tabId: number, report: ConversationReport, now?: number): TabState;
  draft(tabId: number, text: string, findings?: DraftFinding[], undoWarning?: boolean): TabState;
  get(tabId: number): TabState;
  remove(tabId: number): void;
}

export function createTabStates(triggers: readonly CompiledTrigger[], onChange: (state: TabState) => void): TabStates {
  const tabs = new Map<number, { analyzer: ConversationAnalyzer; state: TabState; version: number }>();
  const entry = (tabId: number) => {
    let e = tabs.get(tabId);
    if (!e) tabs.set(tabId, (e = { analyzer: createConversationAnalyzer({ triggers }), state: { tabId, snapshot: null, draft: '', findings: [] }, version: 0 }));
    return e;
  };
  const update = (tabId: number, patch: Partial<TabState>) => {
    const e = entry(tabId);
    e.state = { ...e.state, ...patch };
    onChange(e.state);
    return e.state;
  };

  return {
    conversation(tabId, report, now = Date.now()) {
      const e = entry(tabId);
      const version = ++e.version;
      const reading = e.analyzer.read(report.messages);
      const previous = e.state.snapshot;
      const sameTicket = previous?.ticketId === report.ticketId && previous.helpdesk === report.helpdesk && previous.account === report.account;
      const snapshot: TicketSnapshot = {
        helpdesk: report.helpdesk,
        account: report.account,
        ticketId: report.ticketId,
        ...(report.subject ? { subject: report.subject } : {}),
        ...(report.label ? { label: report.label } : {}),
        url: report.url,
        messages: reading.messages,
        triggers: reading.triggers,
        trajectory: reading.trajectory,
        facts: sameTicket ? previous.facts : [],
        composer: report.composer,
        ...(report.genericMode ? { genericMode: true } : {}),
        updatedAt: now,
      };
      // Facts need the (slow to load) date parser: fill them in when ready, unless the page moved on.
      void e.analyzer
        .analyse(report.messages)
        .then(({ facts }) => {
          if (e.version === version && e.state.snapshot) update(tabId, { snapshot: { ...e.state.snapshot, facts } });
        })
        .catch((error: unknown) => console.error('Steady: could not extract facts', error));
      return update(tabId, { snapshot, ...(sameTicket ? {} : { draft: '', findings: [], undoWarning: false }) });
    },
    draft(tabId, text, findings = [], undoWarning = false) {
      return update(tabId, { draft: text, findings, undoWarning });
    },
    get(tabId) {
      return entry(tabId).state;
    },
    remove(tabId) {
      tabs.delete(tabId);
    },
  };
}
