/**
 * Everything the content script needs once the agent starts writing, loaded
 * with import() on the first edit (see wxt.config.ts): the rule engine with the
 * built-in pack and the agent's settings (followed live), the inline coach,
 * and the editor layer for inserting text.
 */
import pack from 'virtual:steady-rules';
import { createLinter, setBuiltinPack, type Finding, type LintContext, type Linter } from '@/lib/engine';
import { changesConfig, loadConfig, SETTINGS_KEY } from '@/lib/settings/sources';
import { isPaused, linterOptions, togglePaused, toggleRule, readSettings, type Settings } from '@/lib/settings/settings';
import { attachCoach, type Coach, type CoachDeps } from '@/lib/editor/coach';
import type { Composer } from '@/lib/editor/text-map';
import { insertAtCaret } from '@/lib/editor/insert';

export interface CoachModule {
  lint(text: string, context?: LintContext): Finding[];
  /** Whether the agent paused Steady on this site. */
  paused(): boolean;
  /** `context`: what is known about the conversation now (the customer's mood), read at every lint. */
  attach(composer: Composer, deps: Omit<CoachDeps, 'lint' | 'onRuleOff' | 'onPauseSite'>, context: () => LintContext): Coach;
  insertAtCaret: typeof insertAtCaret;
  /** Called after settings change (rules, packs, pause), so open drafts are checked again. */
  onReconfigure(listener: () => void): void;
}

export default defineUnlistedScript((): CoachModule => {
  setBuiltinPack(pack);
  let linter: Linter = createLinter();
  let settings: Settings = readSettings({});
  const listeners: (() => void)[] = [];
  const configure = async () => {
    const config = await loadConfig({ sync: browser.storage.sync, local: browser.storage.local, managed: browser.storage.managed }, pack.pack);
    settings = config.settings;
    linter = createLinter(linterOptions(config.settings, config.packs.map((p) => p.pack)));
    listeners.forEach((listener) => listener());
  };
  void configure().catch((error: unknown) => console.error('Steady: could not read settings', error));
  browser.storage.onChanged.addListener((changes, area) => {
    if (changesConfig(changes, area)) void configure().catch(() => {});
  });
  const saveSettings = (next: Settings) => browser.storage.sync.set({ [SETTINGS_KEY]: next });
  const paused = () => isPaused(settings, location.hostname);
  const lint = (text: string, context?: LintContext) => (paused() ? [] : linter.lint(text, context));

  return {
    lint,
    paused,
    attach: (composer, deps, context) =>
      attachCoach(composer, {
        ...deps,
        lint: (text) => lint(text, context()),
        onRuleOff: (ruleId) => void saveSettings(toggleRule(settings, ruleId, false)),
        onPauseSite: () => void saveSettings(togglePaused(settings, location.hostname)),
      }),
    insertAtCaret,
    onReconfigure: (listener) => listeners.push(listener),
  };
});
