/**
 * The side panel: follows the active tab's ticket (or the tab named by
 * ?tab=<id>, which tests use) and wires the views to the panel logic in lib/.
 */
import { render } from 'preact';
import { liveQuery } from 'dexie';
import { signal, computed, effect, batch } from '@preact/signals';
import rules from 'virtual:steady-rules';
import content from 'virtual:steady-content';
import { createLinter, setBuiltinPack, type Linter } from '@/lib/engine';
import { createChecklist } from '@/lib/checklist/checklist';
import { compileTriggers } from '@/lib/analysis/trigger-rules';
import { createScriptSearch, fillPlaceholders } from '@/lib/scripts/search';
import { draftInsights, mapSuggestions, placeholderValues } from '@/lib/panel/derive';
import { buildReview, followUpNote, ticketPromises } from '@/lib/review/review';
import { openDatabase, type DecisionMap } from '@/lib/store/db';
import { emptyDecisionMap, saveDecisionMap, watchDecisionMap } from '@/lib/store/decision-maps';
import { loadFigures, exportData, nudgesToCsv, deleteAllData, type CoachingFigures } from '@/lib/store/stats';
import { loadConfig } from '@/lib/settings/sources';
import { linterOptions } from '@/lib/settings/settings';
import { panelPortName, type InsertResult, type PanelUpdate, type SteadyMessage, type TabState } from '@/lib/messages';
import { PanelApp, type PanelTab } from '@/components/panel/PanelApp';
import { NowView } from '@/components/panel/NowView';
import { ScriptLibrary } from '@/components/panel/ScriptLibrary';
import { DecisionMapEditor } from '@/components/panel/DecisionMapEditor';
import { ReviewView } from '@/components/panel/ReviewView';
import { StatsView } from '@/components/panel/StatsView';
import '@/components/panel/panel.css';

setBuiltinPack(rules);
const checklist = createChecklist(content.checklist, rules.pack.macros);
const concerns = new Map(compileTriggers(content.triggers).map((t) => [t.id, t.concern ?? undefined]));
const scriptSearch = createScriptSearch(content.scripts);
const db = openDatabase();
const SAVE_DELAY_MS = 400;

const boundTab = Number(new URLSearchParams(location.search).get('tab')) || undefined;
const tabId = signal<number | undefined>(boundTab);
const tabState = signal<TabState | null>(null);
const linter = signal<Linter>(createLinter());
const tab = signal<PanelTab>('now');
const query = signal('');
const focusedScript = signal<string | undefined>(undefined);
const ticked = signal<ReadonlySet<string>>(new Set());
const map = signal<DecisionMap | null>(null);
const saveState = signal<{ kind: 'saved' | 'saving' | 'error'; message?: string }>({ kind: 'saved' });
const figures = signal<CoachingFigures | null>(null);
const notice = signal<string | undefined>(undefined);

const snapshot = computed(() => tabState.value?.snapshot ?? null);
const draft = computed(() => tabState.value?.draft ?? '');
const ticketKey = computed(() => (snapshot.value?.ticketId ? `${snapshot.value.helpdesk}:${snapshot.value.ticketId}` : null));
const insights = computed(() => draftInsights(draft.value, snapshot.value, linter.value, checklist));

// Linter settings (rules on/off, severities, packs) follow the options page live.
async function loadLinter() {
  const config = await loadConfig({ sync: browser.storage.sync, local: browser.storage.local, managed: browser.storage.managed }, rules.pack);
  linter.value = createLinter(linterOptions(config.settings, config.packs.map((p) => p.pack)));
}
void loadLinter();
browser.storage.onChanged.addListener(() => void loadLinter());

// Follow the tab: a long-lived port per tab; the background pushes every change.
let port: ReturnType<typeof browser.runtime.connect> | undefined;
effect(() => {
  const id = tabId.value;
  port?.disconnect();
  tabState.value = null;
  if (id === undefined) return;
  port = browser.runtime.connect({ name: panelPortName(id) });
  port.onMessage.addListener((message: PanelUpdate) => {
    if (message.type === 'tab-state') tabState.value = message.state;
    else openScript(message.scriptId);
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

// Ticks are per ticket: a new ticket starts with none.
effect(() => {
  void ticketKey.value;
  ticked.value = new Set();
});

// The decision map of the current ticket, kept live across tabs and windows.
let pendingSave: ReturnType<typeof setTimeout> | undefined;
effect(() => {
  const snap = snapshot.peek();
  if (!ticketKey.value || !snap?.ticketId) {
    map.value = null;
    return;
  }
  const subscription = watchDecisionMap(db, snap.helpdesk, snap.ticketId).subscribe({
    next: (stored) => {
      // An edit not yet saved wins over what the database says.
      if (pendingSave === undefined) map.value = stored;
    },
    error: (e: unknown) => (saveState.value = { kind: 'error', message: `Could not read the decision map: ${String(e)}` }),
  });
  return () => subscription.unsubscribe();
});

function editMap(next: DecisionMap) {
  map.value = next;
  saveState.value = { kind: 'saving' };
  clearTimeout(pendingSave);
  pendingSave = setTimeout(async () => {
    const result = await saveDecisionMap(db, next);
    pendingSave = undefined;
    saveState.value = result.ok ? { kind: 'saved' } : { kind: 'error', message: result.message };
    if (!result.ok) pendingSave = setTimeout(() => editMap(map.peek() ?? next), 5_000);
  }, SAVE_DELAY_MS);
}
addEventListener('pagehide', () => {
  if (pendingSave !== undefined && map.peek()) void saveDecisionMap(db, map.peek()!);
});

function openScript(id: string) {
  batch(() => {
    tab.value = 'scripts';
    query.value = '';
    focusedScript.value = id;
  });
  requestAnimationFrame(() => document.getElementById(`script-${id}`)?.scrollIntoView({ block: 'start' }));
}

async function insert(text: string, asNote = false) {
  const id = tabId.peek();
  if (id === undefined) return;
  const message: SteadyMessage = { type: 'insert-text', tabId: id, text, asNote };
  const result = (await browser.runtime.sendMessage(message).catch((e: unknown) => ({ ok: false, message: String(e) }))) as InsertResult | undefined;
  notice.value = result && !result.ok ? result.message : undefined;
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
      body = (
        <NowView
          snapshot={snap}
          onOpenScript={openScript}
          checklist={{
            results,
            promises,
            untimedPromises,
            guesses,
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
          }))}
        />
      );
      break;
    }
    case 'map':
      body =
        snap?.ticketId && map.value ? (
          <DecisionMapEditor
            map={map.value}
            saveState={saveState.value}
            onChange={editMap}
            suggestions={mapSuggestions(snap, promises, (t) => concerns.get(t))}
          />
        ) : (
          <p class="muted">The decision map is kept per ticket: open a ticket to start one.</p>
        );
      break;
    case 'review': {
      if (!snap) {
        body = <p class="muted">Open a ticket to review the conversation.</p>;
        break;
      }
      const results = (text: string) => Object.fromEntries(checklist.evaluate(text).map((r) => [r.id, r.status]));
      const allPromises = ticketPromises(snap, (text) => linter.value.commitments(text).map((c) => c.text), promises);
      const current = map.value ?? emptyDecisionMap(snap.helpdesk, snap.ticketId ?? '');
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
    <>
      <PanelApp snapshot={snap} tab={tab.value} onTab={(t) => (tab.value = t)} notice={notice.value}>
        {body}
      </PanelApp>
      {tabId.value !== undefined && (
        <p class="muted footer" data-testid="panel-tab">
          Following tab {tabId.value}.
        </p>
      )}
    </>
  );
}

render(<Panel />, document.getElementById('app')!);
