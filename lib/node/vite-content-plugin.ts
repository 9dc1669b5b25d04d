/**
 * Vite plugin: the side panel's content (scenario scripts, checklist,
 * triggers) from rules/*.yaml, validated at build time and shipped as JSON in
 * the virtual module `virtual:steady-content`. A malformed file fails the build
 * with a message naming the file, the item and the field.
 */
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { buildBuiltinPack } from '../engine/rule-files';
import { validateScripts, SCRIPTS_FILE } from '../scripts/library';
import { createChecklist, CHECKLIST_FILE } from '../checklist/checklist';
import { compileTriggers } from '../analysis/trigger-rules';
import { readRuleFiles, RULES_DIR } from './rule-files';

export const CONTENT_MODULE_ID = 'virtual:steady-content';
const RESOLVED_ID = `\0${CONTENT_MODULE_ID}`;
const TRIGGERS_YAML = 'triggers.yaml';

export function readSteadyContent(rulesDir = RULES_DIR) {
  const files = readRuleFiles(rulesDir);
  const { pack } = buildBuiltinPack(files);
  const scripts = validateScripts(files[SCRIPTS_FILE]);
  createChecklist(files[CHECKLIST_FILE], pack.macros);
  compileTriggers(files[TRIGGERS_YAML], `rules/${TRIGGERS_YAML}`);
  return { scripts, checklist: files[CHECKLIST_FILE], triggers: files[TRIGGERS_YAML] };
}

export function steadyContent(rulesDir = RULES_DIR): Plugin {
  return {
    name: 'steady-content',
    resolveId: (id) => (id === CONTENT_MODULE_ID ? RESOLVED_ID : undefined),
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      for (const name of [SCRIPTS_FILE, CHECKLIST_FILE, TRIGGERS_YAML, 'lexicon.yaml']) this.addWatchFile(join(rulesDir, name));
      return `export default ${JSON.stringify(readSteadyContent(rulesDir))};`;
    },
  };
}
