/**
 * The side panel: follows the active tab's ticket (or the tab named by
 * ?tab=<id>, which tests use) and wires the views to the panel logic in lib/.
 */
import { render } from 'preact';
import { liveQuery } from 'dexie';
import { signal, computed, effect, batch } from '@preact/signals';
import content from 'virtual:steady-content';
import { createLinter, setBuiltinPack, type BuiltinPack, type Linter } from '@/lib/engine';
import { createChecklist } from '@/lib/checklist/checklist';
import { compileTriggers } from '@/lib/analysis/trigger-rules';
import { createScriptSearch, fillPlaceholders } from '@/lib/scripts/search';
import { draftInsights, placeholderValues } from '@/lib/panel/derive';
import { acceptSuggestion, dismissSuggestion, openSuggestions, prefillMap } from '@/lib/analysis/map-prefill';
import { buildReview, followUpNote, ticketPromises } from '@/lib/review/review';
import { openDatabase, onDatabaseInterrupted, type MapKey } from '@/lib/store/db';
import { emptyDecisionMap } from '@/lib/store/decision-maps';
import { createMapSession, type MapView } from '@/lib/store/map-session';
import { loadFigures, exportData, nudgesToCsv, deleteAllData, type CoachingFigures } from '@/lib/store/stats';
import { changesConfig, loadConfig, SETTINGS_KEY } from '@/lib/settings/sources';
import { DEFAULT_SETTINGS, isPaused, linterOptions, readSettings, togglePaused, type Settings } from '@/lib/settings/settings';
import { panelPortName, type FindingAction, type InsertResult, type PanelAsk, type TabState } from '@/lib/messages';
import { categoryExample, categoryName, ruleName } from '@/lib/engine/names';
import { UNDO_WARNING } from '@/lib/editor/undo';
import { adoptionByRule, weeklyNudges } from '@/lib/panel/figures';
import { openTabLine, type TabLine } from '@/lib/panel/tab-line';
import { enableGenericSite, offerableHost } from '@/lib/settings/generic-sites';
import { GENERIC_CONTENT_SCRIPT, siteAccess } from '@/lib/settings/site-access';
import { HELPDESK_HOSTS } from '@/entrypoints/content/helpdesk-matches';
import { PanelApp, type PanelTab } from '@/components/panel/PanelApp';
import { NowView } from '@/components/panel/NowView';
import { EmptyState } from '@/components/panel/EmptyState';
import { SiteSwitch } from '@/components/panel/SiteSwitch';
import { ScriptLibrary } from '@/components/panel/ScriptLibrary';
import { DecisionMapEditor, MapReadFailure } from '@/components/panel/DecisionMapEditor';
import { ReviewView } from '@/components/panel/ReviewView';
import { StatsView } from '@/components/panel/StatsView';
import { newestOnly } from '@/lib/newest-only';
import { importExtensionModule } from '@/lib/extension-module';
import '@/components/panel/panel.css';

// The pack is a module of its own, shared with the coach (entrypoints/rules-pack.ts).
const rules = await importExtensionModule<BuiltinPack>('rules-pack');
setBuiltinPack(rules);
const checklist = createChecklist(content.checklist, rules.pack.macros);
const concerns = new Map(compileTriggers(content.triggers).map((t) => [t.id, t.concern ?? undefined]));
const scriptSearch = createScriptSearch(content.scripts);
const db = openDatabase();

const boundTab = Number(new URLSearchParams(location.search).get('tab')) || undefined;
const tabId = signal<number | undefined>(boundTab);
const tabState = signal<TabState | null>(null);
const linter = signal<Linter>(createLinter());
const tab = signal<PanelTab>('now');
const query = signal('');
const focusedScript = signal<string | undefined>(undefined);
const ticked = signal<ReadonlySet<string>>(new Set());
const mapView = signal<MapView>({ key: null, map: null, saveState: { kind: 'idle' } });
const figures = signal<CoachingFigures | null>(null);
const notice = signal<string | undefined>(undefined);
const settings = signal<Settings>(DEFAULT_SETTINGS);
/** The finding last shown in the reply box from the panel. */
const currentFinding = signal<number | null>(null);
/** The followed tab's site when Steady could be enabled there (null: a site the browser does not name to Steady), and why enabling failed. */
const offeredHost = signal<string | null | undefined>(undefined);
const enableError = signal<string | undefined>(undefined);

const snapshot = computed(() => tabState.value?.snapshot ?? null);
const draft = computed(() => tabState.value?.draft ?? '');
const ticketKey = computed(() => (snapshot.value?.ticketId ? `${snapshot.value.helpdesk}:${snapshot.value.account}:${snapshot.value.ticketId}` : null));
const insights = computed(() => draftInsights(draft.value, snapshot.value, linter.value, checklist));
const findings = computed(() => tabState.value?.findings ?? []);
/** The promises of the agents' replies and the draft, with whether the customer says they were kept. */
const ticketPromiseList = computed(() => (snapshot.value ? ticketPromises(snapshot.value, (text) => linter.value.commitments(text).map((c) => c.text), insights.value.promises) : []));
/** What the decision map can be pre-filled with from this conversation. */
const prefill = computed(() => {
  const snap = snapshot.value;
  if (!snap) return [];
  return prefillMap({ messages: snap.messages, triggers: snap.triggers, facts: snap.facts, promises: ticketPromiseList.value, concernOf: (t) => concerns.get(t) });
});
const host = computed(() => {
  const url = snapshot.value?.url;
  return url ? new URL(url).hostname : null;
});
/** What the site switch shows from the agent's click until the stored settings catch up, so it moves at once. */
const switchedTo = signal<boolean | undefined>(undefined);
const paused = computed(() => switchedTo.value ?? (!!host.value && isPaused(settings.value, host.value)));

// Linter settings (rules on/off, severities, packs) follow the options page live.
const loadLinter = newestOnly(
  () => loadConfig({ sync: browser.storage.sync, local: browser.storage.local, managed: browser.storage.managed }, rules.pack),
  (config) => {
    batch(() => {
      settings.value = config.settings;
      switchedTo.value = undefined;
    });
    linter.value = createLinter(linterOptions(config.settings, config.packs.map((p) => p.pack)));
  },
);

/** Pause or resume coaching on the followed tab's site (read fresh: the page or options may have changed settings). */
async function toggleSite() {
  const site = host.peek();
  if (!site) return;
  const pause = !paused.peek();
  switchedTo.value = pause;
  try {
    const stored = await browser.storage.sync.get(SETTINGS_KEY);
    const current = readSettings(stored[SETTINGS_KEY]);
    if (isPaused(current, site) !== pause) await browser.storage.sync.set({ [SETTINGS_KEY]: togglePaused(current, site) });
    else void loadLinter();
  } catch (error) {
    switchedTo.value = undefined;
    notice.value = `Steady could not ${pause ? 'pause' : 'resume'} coaching on ${site}: ${String(error)}. Try the switch again.`;
  }
}

/** Ask the page's coach to show, rewrite or ignore a finding of the draft. */
async function actOnFinding(index: number, action: FindingAction) {
  const finding = findings.peek()[index];
  if (!finding) return;
  if (action.kind === 'select') currentFinding.value = index;
  await ask({ type: 'finding-action', finding: { ruleId: finding.ruleId, phrase: finding.phrase, start: finding.start }, action });
}
void loadLinter();
browser.storage.onChanged.addListener((changes, area) => {
  if (changesConfig(changes, area)) void loadLinter();
});

// Follow the tab over a line per tab; the background pushes every change and inserts into that tab only.
let line: TabLine | undefined;
effect(() => {
  const id = tabId.value;
  line?.close();
  line = undefined;
  tabState.value = null;
  if (id === undefined) return;
  line = openTabLine({
    tabId: id,
    connect: () => browser.runtime.connect({ name: panelPortName(id) }),
    onState: (state) => (tabState.value = state),
    onOpenScript: openScript,
  });
});
if (boundTab === undefined) {
  const follow = async () => {
    const [active] = await browser.tabs.query({ active: true, currentWindow: true });
    tabId.value = active?.id;
  };
  void follow();
  browser.tabs.onActivated.addListener(() => void follow());
}

// On a site Steady does not run on, the empty panel offers to enable it (the URL is visible once the site or the tab is granted).
async function checkOffer() {
  const id = tabId.peek();
  const tab = id === undefined ? undefined : await browser.tabs.get(id).catch(() => undefined);
  offeredHost.value = tab && !tab.url ? null : offerableHost(tab?.url, HELPDESK_HOSTS);
}
effect(() => {
  void tabId.value;
  enableError.value = undefined;
  void checkOffer();
});
browser.tabs.onUpdated.addListener((id, change) => {
  if (id === tabId.peek() && change.status === 'complete') void checkOffer();
});

function enableSite(site: string) {
  const id = tabId.peek();
  if (id === undefined) return;
  // Straight from the click: the permission request needs the user gesture.
  void enableGenericSite(site, settings.peek(), siteAccess((next) => browser.storage.sync.set({ [SETTINGS_KEY]: next }))).then(async (result) => {
    enableError.value = result.ok ? undefined : result.message;
    if (!result.ok) return;
    // The registered script runs on the next load; start generic mode on this one now.
    await browser.scripting.executeScript({ target: { tabId: id }, files: [`/${GENERIC_CONTENT_SCRIPT}`] }).catch((e: unknown) => {
      enableError.value = `Steady is enabled on ${result.host}; reload the page to start it (${String(e)}).`;
    });
  });
}

// Ticks are per ticket: a new ticket starts with none.
effect(() => {
  void ticketKey.value;
  batch(() => {
    ticked.value = new Set();
    currentFinding.value = null;
  });
});
// The list changed under the stepper: start again from the first finding.
effect(() => {
  void findings.value;
  currentFinding.value = null;
});

// The decision map of the ticket in view, kept live across tabs and windows.
const maps = createMapSession({ db, onView: (view) => (mapView.value = view), journal: localStorage, page: { window, document } });
onDatabaseInterrupted(db, (message) => (notice.value = message));
effect(() => {
  void ticketKey.value;
  const snap = snapshot.peek();
  maps.open(snap?.ticketId ? ({ helpdesk: snap.helpdesk, account: snap.account, ticketId: snap.ticketId } satisfies MapKey) : null);
});

function openScript(id: string) {
  batch(() => {
    tab.value = 'scripts';
    query.value = '';
    focusedScript.value = id;
  });
  requestAnimationFrame(() => document.getElementById(`script-${id}`)?.scrollIntoView({ block: 'start' }));
}

const insert = (text: string, asNote = false) => ask({ type: 'insert-text', text, asNote });

/** Ask the page of the followed tab (through the background, over this panel's port) and show what went wrong. */
async function ask(request: PanelAsk) {
  if (!line) return;
  const result = await line.ask(request);
  notice.value = result.ok ? undefined : result.message;
}

async function copy(text: string) {
  try {
    await navigator.clipboard.writeText(text);
    notice.value = undefined;
  } catch {
    notice.value = 'Copying was blocked by the browser. Select the text and copy it by hand.';
  }
}

function download(name: string, type: string, body: string) {
  const url = URL.createObjectURL(new Blob([body], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

// Figures follow new nudges live while the Stats tab is open.
effect(() => {
  if (tab.value !== 'stats') return;
  const subscription = liveQuery(() => loadFigures(db)).subscribe({ next: (f) => (figures.value = f), error: () => {} });
  return () => subscription.unsubscribe();
});

function Panel() {
  const snap = snapshot.value;
  const { checklist: results, promises, untimedPromises, guesses } = insights.value;
  let body;
  switch (tab.value) {
    case 'now':
      body = !snap ? (
        <EmptyState
          onOpenOptions={() => void browser.runtime.openOptionsPage()}
          enabler={offeredHost.value !== undefined ? { host: offeredHost.value ?? undefined, onEnable: enableSite, error: enableError.value } : undefined}
        />
      ) : (
        <NowView
          snapshot={snap}
          onOpenScript={openScript}
          findings={{
            // The page clears its findings once it reads the new settings; the list says paused from the click.
            findings: paused.value ? [] : findings.value,
            current: currentFinding.value,
            names: (f) => ({ category: categoryName(f.category), rule: ruleName(f.ruleId) }),
            state: paused.value ? 'paused' : !draft.value.trim() ? 'no-draft' : findings.value.length ? 'findings' : 'clean',
            ...(tabState.value?.undoWarning ? { undoWarning: UNDO_WARNING } : {}),
            onShow: (i) => void actOnFinding(i, { kind: 'select' }),
            onApply: (i, rewrite) => void actOnFinding(i, { kind: 'apply', rewrite }),
            onIgnore: (i) => void actOnFinding(i, { kind: 'ignore' }),
          }}
          checklist={{
            results,
            promises,
            untimedPromises,
            guesses,
            started: !!draft.value.trim(),
            ticked: ticked.value,
            onToggle: (id) => {
              const next = new Set(ticked.value);
              if (!next.delete(id)) next.add(id);
              ticked.value = next;
            },
          }}
        />
      );
      break;
    case 'scripts': {
      const triggers = snap?.triggers.map((t) => t.trigger) ?? [];
      const known = placeholderValues(snap);
      body = (
        <ScriptLibrary
          query={query.value}
          onQuery={(q) => (query.value = q)}
          focusedId={focusedScript.value}
          canInsert={!!snap?.composer}
          onInsert={(text) => void insert(text)}
          onCopy={(text) => void copy(text)}
          results={scriptSearch.search(query.value, triggers).map((script) => ({
            script,
            suggested: script.triggers.some((t) => triggers.includes(t)),
            lines: script.say.map((line) => fillPlaceholders(line, known)),
            avoid: script.avoid.map((category) => ({ name: categoryName(category), example: categoryExample(category) })),
          }))}
        />
      );
      break;
    }
    case 'map': {
      const { map, readError, saveState } = mapView.value;
      const failure = readError && <MapReadFailure message={readError} onRetry={() => maps.retry()} />;
      body = !snap?.ticketId ? (
        <p class="muted">The decision map is kept per ticket: open a ticket to start one.</p>
      ) : map ? (
        <>
          {failure}
          <DecisionMapEditor
            map={map}
            saveState={saveState}
            onChange={(next) => maps.update(next)}
            suggestions={openSuggestions(map, prefill.value)}
            onAccept={(suggestion, text) => mapView.value.map && maps.update(acceptSuggestion(mapView.value.map, suggestion, text))}
            onDismiss={(suggestion) => mapView.value.map && maps.update(dismissSuggestion(mapView.value.map, suggestion))}
          />
        </>
      ) : (
        failure || <p class="muted">Loading the decision map…</p>
      );
      break;
    }
    case 'review': {
      if (!snap) {
        body = <p class="muted">Open a ticket to review the conversation.</p>;
        break;
      }
      const results = (text: string) => Object.fromEntries(checklist.evaluate(text).map((r) => [r.id, r.status]));
      const allPromises = ticketPromiseList.value;
      const current = mapView.value.map ?? emptyDecisionMap({ helpdesk: snap.helpdesk, account: snap.account, ticketId: snap.ticketId ?? '' });
      body = (
        <ReviewView
          answers={buildReview({
            snapshot: snap,
            draft: draft.value,
            promises: allPromises,
            acknowledges: (t) => results(t)['opening-acknowledgement'] === 'pass',
            asksFirst: (t) => results(t)['clarifying-question'] === 'pass',
            overExplains: (t) => linter.value.lint(t, { customerSentiment: -1 }).some((f) => f.ruleId === 'draft/over-explaining'),
          })}
          note={followUpNote(snap, current, allPromises)}
          onCopyNote={(text) => void copy(text)}
          onInsertNote={snap.composer?.mode === 'note' || snap.composer?.canSwitchToNote ? (text) => void insert(text, true) : undefined}
        />
      );
      break;
    }
    case 'stats':
      body = figures.value ? (
        <StatsView
          figures={figures.value}
          byRule={adoptionByRule(figures.value, ruleName)}
          byWeek={weeklyNudges(figures.value.byWeek, Date.now())}
          onExport={async (format) => {
            const data = await exportData(db);
            if (format === 'json') download('steady-data.json', 'application/json', JSON.stringify(data, null, 2));
            else download('steady-nudges.csv', 'text/csv', nudgesToCsv(data.nudges));
          }}
          onDeleteAll={async () => {
            if (!confirm('Delete all decision maps and coaching figures stored by Steady in this browser?')) return;
            await deleteAllData(db);
          }}
        />
      ) : (
        <p class="muted">Loading…</p>
      );
      break;
  }
  return (
    <PanelApp
      snapshot={snap}
      tab={tab.value}
      onTab={(t) => (tab.value = t)}
      notice={notice.value}
      siteControls={host.value && <SiteSwitch host={host.value} paused={paused.value} onToggle={() => void toggleSite()} />}
    >
      {body}
    </PanelApp>
  );
}

render(<Panel />, document.getElementById('app')!);
