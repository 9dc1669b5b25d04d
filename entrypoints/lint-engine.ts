/**
 * The rule engine with the built-in pack and the agent's settings, loaded by
 * the content script with import() on the first edit (see wxt.config.ts). The
 * default export is a linter that follows the settings live: rules turned off,
 * severities, personal and team packs, and "pause Steady here".
 */
import pack from 'virtual:steady-rules';
import { createLinter, setBuiltinPack, type Finding, type LintContext, type Linter } from '@/lib/engine';
import { loadConfig } from '@/lib/settings/sources';
import { isPaused, linterOptions } from '@/lib/settings/settings';

export interface ConfiguredLinter {
  lint(text: string, context?: LintContext): Finding[];
  commitments: Linter['commitments'];
}

export default defineUnlistedScript((): ConfiguredLinter => {
  setBuiltinPack(pack);
  let linter = createLinter();
  let paused = false;
  const configure = async () => {
    const config = await loadConfig({ sync: browser.storage.sync, local: browser.storage.local, managed: browser.storage.managed }, pack.pack);
    paused = isPaused(config.settings, location.hostname);
    linter = createLinter(linterOptions(config.settings, config.packs.map((p) => p.pack)));
  };
  void configure().catch((error: unknown) => console.error('Steady: could not read settings', error));
  browser.storage.onChanged.addListener(() => void configure().catch(() => {}));
  return {
    lint: (text, context) => (paused ? [] : linter.lint(text, context)),
    commitments: (text) => linter.commitments(text),
  };
});
