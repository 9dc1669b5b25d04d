/**
 * Everything the content script needs once the agent starts writing, loaded
 * with import() when the pointer reaches a reply box or on the first edit
 * (see wxt.config.ts): the rule engine with the built-in pack and the agent's
 * settings (followed live), the inline coach, and the editor layer for
 * inserting text.
 */
import { createLinter, setBuiltinPack, type BuiltinPack, type Finding, type LintContext, type Linter } from '@/lib/engine';
import { changesConfig, loadConfig, SETTINGS_KEY } from '@/lib/settings/sources';
import { DEFAULT_SETTINGS, isPaused, linterOptions, togglePaused, toggleRule, readSettings, type Settings } from '@/lib/settings/settings';
import { attachCoach, type Coach, type CoachDeps } from '@/lib/editor/coach';
import type { Composer } from '@/lib/editor/text-map';
import { insertAtCaret } from '@/lib/editor/insert';
import { createToastView, type ToastView } from '@/lib/editor/card';
import { ruleName } from '@/lib/engine/names';
import { newestOnly } from '@/lib/newest-only';
import { importExtensionModule } from '@/lib/extension-module';

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

/** Also bundled whole, with the pack, into the content script for sites the agent enables (entrypoints/generic.content.ts). */
export function createCoachModule(pack: BuiltinPack): CoachModule {
  setBuiltinPack(pack);
  let linter: Linter = createLinter();
  let settings: Settings = DEFAULT_SETTINGS;
  const listeners: (() => void)[] = [];
  // Newest only: a slow read of older settings never lands over a pause the agent just chose.
  const configure = newestOnly(
    () => loadConfig({ sync: browser.storage.sync, local: browser.storage.local, managed: browser.storage.managed }, pack.pack),
    (config) => {
      settings = config.settings;
      linter = createLinter(linterOptions(config.settings, config.packs.map((p) => p.pack)));
      listeners.forEach((listener) => listener());
    },
  );
  void configure().catch((error: unknown) => console.error('Steady: could not read settings', error));
  browser.storage.onChanged.addListener((changes, area) => {
    if (changesConfig(changes, area)) void configure().catch(() => {});
  });
  const saveSettings = (next: Settings) => browser.storage.sync.set({ [SETTINGS_KEY]: next });
  /** Settings as stored now (another tab or the options page may have changed them since the last read). */
  const freshSettings = async () => readSettings((await browser.storage.sync.get(SETTINGS_KEY))[SETTINGS_KEY]);
  let toast: ToastView | undefined;
  const showToast = (message: string, undo: () => Promise<void>) =>
    (toast ??= createToastView(document)).show(message, () => void undo().catch((error: unknown) => console.error('Steady: could not undo', error)));
  const ruleOff = async (ruleId: string) => {
    await saveSettings(toggleRule(await freshSettings(), ruleId, false));
    showToast(`“${ruleName(ruleId)}” is turned off everywhere.`, async () => saveSettings(toggleRule(await freshSettings(), ruleId, true)));
  };
  const pauseSite = async () => {
    const host = location.hostname;
    const current = await freshSettings();
    if (!isPaused(current, host)) await saveSettings(togglePaused(current, host));
    showToast(`Steady is paused on ${host}.`, async () => {
      const now = await freshSettings();
      if (isPaused(now, host)) await saveSettings(togglePaused(now, host));
    });
  };
  const paused = () => isPaused(settings, location.hostname);
  const lint = (text: string, context?: LintContext) => (paused() ? [] : linter.lint(text, context));

  return {
    lint,
    paused,
    attach: (composer, deps, context) =>
      attachCoach(composer, {
        ...deps,
        lint: (text) => lint(text, context()),
        onRuleOff: (ruleId) => void ruleOff(ruleId).catch((error: unknown) => console.error('Steady: could not turn the rule off', error)),
        onPauseSite: () => void pauseSite().catch((error: unknown) => console.error('Steady: could not pause', error)),
      }),
    insertAtCaret,
    onReconfigure: (listener) => listeners.push(listener),
  };
}

// The pack is a module of its own, shared with the side panel (entrypoints/rules-pack.ts).
export default defineUnlistedScript(async () => createCoachModule(await importExtensionModule<BuiltinPack>('rules-pack')));
