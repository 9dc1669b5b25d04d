/**
 * Settings: rules on/off and severity, paused sites, custom helpdesk domains
 * (optional host permission + a registered content script), and team /
 * personal rule packs. Settings sync with storage.sync; packs stay local.
 */
import { render } from 'preact';
import { signal, computed } from '@preact/signals';
import rules from 'virtual:steady-rules';
import { createLinter, setBuiltinPack, PHRASE_CATEGORIES, type Severity } from '@/lib/engine';
import { loadConfig, PACKS_KEY, SETTINGS_KEY, type LoadedConfig, type StoredPack } from '@/lib/settings/sources';
import { toggleRule, type Settings } from '@/lib/settings/settings';
import { enableGenericSite } from '@/lib/settings/generic-sites';
import { siteAccess } from '@/lib/settings/site-access';
import { parsePackText, serialisePack } from '@/lib/settings/packs';
import { RuleSettings, type RuleGroup } from '@/components/options/RuleSettings';
import { categoryExample, categoryName, ruleName } from '@/lib/engine/names';
import { MODEL_RULE_ID } from '@/lib/engine/sentence-model';
import { SiteSettings } from '@/components/options/SiteSettings';
import { PackEditor } from '@/components/options/PackEditor';
import { DataSettings } from '@/components/options/DataSettings';
import { openDatabase } from '@/lib/store/db';
import { deleteYourData, exportFileName, exportYourData } from '@/lib/store/your-data';
import { JOURNAL_KEY } from '@/lib/store/map-session';
import { newestOnly } from '@/lib/newest-only';
import '@/components/panel/panel.css';

setBuiltinPack(rules);

const SAMPLE_PACK = `# A personal rule: same format as rules/*.yaml in Steady's source.
rules:
  - id: per-my-last-email
    category: condescending
    severity: warning
    message: Pointing back to an earlier email reads as impatience.
    match: ["per my last (email|message)"]
    rewrites: ["To recap where we are"]
    script: confused-blaming
    examples:
      flag: ["Per my last email, it is fixed.", "per my last message, restart it", "As said, per my last email."]
      pass: ["My last email had the steps.", "Per the guide, restart it.", "Here is my last update."]
`;

const config = signal<LoadedConfig | null>(null);
const stored = signal<StoredPack[]>([]);
const packText = signal(SAMPLE_PACK);
const packName = signal('my-rules.yaml');
const sample = signal('Per my last email, the refund is on its way. Please calm down.');
const siteError = signal<string | undefined>(undefined);
const packStatus = signal<{ kind: 'ok' | 'error'; message: string } | undefined>(undefined);
const dataStatus = signal<{ kind: 'ok' | 'error'; message: string } | undefined>(undefined);
const db = openDatabase();

const reload = newestOnly(
  async () => ({
    loaded: await loadConfig({ sync: browser.storage.sync, local: browser.storage.local, managed: browser.storage.managed }, rules.pack),
    local: await browser.storage.local.get(PACKS_KEY),
  }),
  ({ loaded, local }) => {
    config.value = loaded;
    stored.value = Array.isArray(local[PACKS_KEY]) ? (local[PACKS_KEY] as StoredPack[]) : [];
  },
);
void reload();
browser.storage.onChanged.addListener(() => void reload());

const saveSettings = (next: Settings) => browser.storage.sync.set({ [SETTINGS_KEY]: next });
const savePacks = (next: StoredPack[]) => browser.storage.local.set({ [PACKS_KEY]: next });

const preview = computed(() => {
  const others = (config.value?.packs ?? []).filter((p) => p.name !== packName.value).map((p) => p.pack);
  const parsed = parsePackText(packText.value, packName.value, rules.pack, others);
  if (!parsed.ok) return { error: parsed.error };
  const ids = new Set(parsed.pack.rules.map((r) => r.id));
  return { findings: createLinter({ packs: [parsed.pack] }).lint(sample.value).filter((f) => ids.has(f.ruleId)) };
});

async function addGenericSite(input: string) {
  const result = await enableGenericSite(input, config.value!.settings, siteAccess(saveSettings));
  siteError.value = result.ok ? undefined : result.message;
}

async function removeGenericSite(host: string) {
  await browser.scripting.unregisterContentScripts({ ids: [`generic:${host}`] }).catch(() => {});
  await browser.permissions.remove({ origins: [`https://${host}/*`] }).catch(() => false);
  const settings = config.value!.settings;
  await saveSettings({ ...settings, genericSites: settings.genericSites.filter((h) => h !== host) });
}

function savePack() {
  const others = (config.value?.packs ?? []).filter((p) => p.name !== packName.value).map((p) => p.pack);
  const parsed = parsePackText(packText.value, packName.value, rules.pack, others);
  if (!parsed.ok) {
    packStatus.value = { kind: 'error', message: `Not saved — the rules in use are unchanged. ${parsed.error}` };
    return;
  }
  const next = [...stored.value.filter((p) => p.name !== packName.value), { name: packName.value, text: packText.value }];
  void savePacks(next).then(
    () => (packStatus.value = { kind: 'ok', message: `Saved ${packName.value}: ${parsed.pack.rules.length} rule(s) now apply.` }),
    (e: unknown) => (packStatus.value = { kind: 'error', message: `Could not save the pack: ${String(e)}` }),
  );
}

async function exportData() {
  try {
    const data = await exportYourData(db);
    download(exportFileName(), JSON.stringify(data, null, 2), 'application/json');
    dataStatus.value = { kind: 'ok', message: `Exported ${data.decisionMaps.length} decision map(s) and ${data.nudges.length} coaching event(s).` };
  } catch (e) {
    dataStatus.value = { kind: 'error', message: `Could not export your data: ${String(e)}` };
  }
}

async function deleteData() {
  try {
    // The side panel's journal of unsaved map edits shares this page's origin.
    const journal = { clear: async () => localStorage.removeItem(JOURNAL_KEY) };
    const deleted = await deleteYourData(db, [browser.storage.local, browser.storage.sync, journal]);
    dataStatus.value = {
      kind: 'ok',
      message: `Deleted ${deleted.decisionMaps} decision map(s), ${deleted.nudges} coaching event(s), ${deleted.conversations} conversation record(s), your settings and personal packs.`,
    };
  } catch (e) {
    dataStatus.value = { kind: 'error', message: `Could not delete everything: ${String(e)}. Try again, or remove Steady from the browser to erase it all.` };
  }
}

function download(name: string, body: string, type = 'text/plain') {
  const url = URL.createObjectURL(new Blob([body], { type }));
  Object.assign(document.createElement('a'), { href: url, download: name }).click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

function Options() {
  const c = config.value;
  if (!c) return <main><p class="muted">Loading…</p></main>;
  const { settings } = c;
  const allRules = [...rules.pack.rules, ...c.packs.flatMap((p) => p.pack.rules)];
  const groups: RuleGroup[] = [
    ...PHRASE_CATEGORIES.map((category) => ({
      category,
      name: categoryName(category),
      example: categoryExample(category),
      rules: allRules.filter((r) => r.category === category).map((r) => ({ id: r.id, title: ruleName(r.id), severity: r.severity, message: r.message, example: r.examples.flag[0] })),
    })),
    // The sentence model (rules/sentence-model.yaml) is set like a rule, in a group of its own.
    {
      category: MODEL_RULE_ID,
      name: 'Sentences no rule matched',
      rules: [{ id: MODEL_RULE_ID, title: ruleName(MODEL_RULE_ID), severity: 'suggestion', message: 'Underlines a sentence that reads as weak though no rule matched it, judged by a classifier trained on labelled replies. Advice only, no rewrite.' }],
    },
    // Checks on the whole reply (rules/draft.yaml) are set like any rule: draft/<check>.
    {
      category: 'draft',
      name: categoryName('draft'),
      rules: Object.entries(rules.draft.checks).map(([check, spec]) => ({ id: `draft/${check}`, title: ruleName(`draft/${check}`), severity: spec.severity, message: spec.message })),
    },
  ];
  return (
    <main>
      <h1>Steady settings</h1>
      <p class="muted">Settings follow you to your other browsers. Decision maps and figures stay on this device, and nothing you write ever leaves the browser.</p>
      {c.problems.length > 0 && (
        <p class="error-box" role="alert">
          Some rule packs or policy settings need attention (everything else still applies):{'\n'}
          {c.problems.join('\n')}
        </p>
      )}
      <RuleSettings
        groups={groups}
        disabledRules={new Set(settings.disabledRules)}
        disabledCategories={new Set(settings.disabledCategories)}
        severities={settings.severities}
        onToggleCategory={(category, on) =>
          void saveSettings({ ...settings, disabledCategories: on ? settings.disabledCategories.filter((x) => x !== category) : [...settings.disabledCategories, category] })
        }
        onToggleRule={(id, on) => void saveSettings(toggleRule(settings, id, on))}
        onSeverity={(id, severity: Severity) => void saveSettings({ ...settings, severities: { ...settings.severities, [id]: severity } })}
      />
      <SiteSettings
        paused={settings.pausedSites}
        genericSites={settings.genericSites}
        error={siteError.value}
        onResume={(host) => void saveSettings({ ...settings, pausedSites: settings.pausedSites.filter((h) => h !== host) })}
        onAddGeneric={(input) => void addGenericSite(input)}
        onRemoveGeneric={(host) => void removeGenericSite(host)}
      />
      <PackEditor
        text={packText.value}
        onText={(t) => (packText.value = t)}
        sample={sample.value}
        onSample={(t) => (sample.value = t)}
        preview={preview.value}
        installed={c.packs.map((p) => ({ name: p.name, rules: p.pack.rules.length, source: p.source }))}
        status={packStatus.value}
        onApply={savePack}
        onImport={(file) =>
          void file.text().then((text) => {
            packName.value = file.name;
            packText.value = text;
            savePack();
          })
        }
        onExport={(format) => {
          const parsed = parsePackText(packText.value, packName.value, rules.pack);
          if (!parsed.ok) packStatus.value = { kind: 'error', message: parsed.error };
          else download(packName.value.replace(/\.(json|ya?ml)$/i, '') + `.${format}`, serialisePack(parsed.pack, format));
        }}
        onRemove={(name) => void savePacks(stored.value.filter((p) => p.name !== name))}
      />
      <DataSettings onExport={() => void exportData()} onDelete={() => void deleteData()} status={dataStatus.value} />
    </main>
  );
}

render(<Options />, document.getElementById('app')!);
