/**
 * Vite plugin: compiles rules/*.yaml into the virtual module `virtual:steady-rules`
 * at build time, so the extension ships a validated pack and never parses YAML
 * in the browser (for the options page, with each rule's first flag example only). A malformed rule file fails the build with the PackError
 * message (file, rule id, field). `virtual:steady-rules-lean` is the same pack
 * without the rules' examples, for the coach and the side panel, which never show them,
 * and with the patterns' start table, so they index the rules without parsing them; only it
 * carries the sentence model.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { buildBuiltinPack, leanPack, withoutExamples } from '../engine/rule-files';
import { readRuleFiles, RULES_DIR } from './rule-files';

export const RULES_MODULE_ID = 'virtual:steady-rules';
export const LEAN_RULES_MODULE_ID = 'virtual:steady-rules-lean';
// The \0 prefix tells other plugins these ids are virtual and not files.
const RESOLVED_ID = `\0${RULES_MODULE_ID}`;
const RESOLVED_LEAN_ID = `\0${LEAN_RULES_MODULE_ID}`;
/**
 * Each rule file also becomes an empty module the pack depends on, so tools
 * that map changed files to bundles (Vite's watcher, `wxt` dev) rebuild the
 * pack when a rule file is edited.
 */
const SOURCE_SUFFIX = '?steady-rules-source';

export function steadyRules(rulesDir = RULES_DIR): Plugin {
  return {
    name: 'steady-rules',
    resolveId(id) {
      if (id === RULES_MODULE_ID) return RESOLVED_ID;
      if (id === LEAN_RULES_MODULE_ID) return RESOLVED_LEAN_ID;
      return id.endsWith(SOURCE_SUFFIX) ? id : undefined;
    },
    load(id) {
      if (id.endsWith(SOURCE_SUFFIX)) return { code: '', moduleSideEffects: 'no-treeshake' };
      if (id !== RESOLVED_ID && id !== RESOLVED_LEAN_ID) return undefined;
      const sources = readdirSync(rulesDir)
        .filter((name) => name.endsWith('.yaml'))
        .map((name) => join(rulesDir, name));
      for (const source of sources) this.addWatchFile(source);
      // Only the lean pack carries the start table (a third of the download per copy): the coach and the
      // panel lint as soon as they start, while the options page can parse the patterns it lints with.
      const built = buildBuiltinPack(readRuleFiles(rulesDir));
      // The options page lints only a team pack's own rules, so it goes without the sentence model, and it
      // shows one example per rule, so it keeps only that one.
      const pack = id === RESOLVED_LEAN_ID ? leanPack(built) : { ...withoutExamples(built, true), sentences: undefined };
      const imports = sources.map((source) => `import ${JSON.stringify(source + SOURCE_SUFFIX)};`).join('\n');
      return `${imports}\nexport default ${JSON.stringify(pack)};`;
    },
  };
}
