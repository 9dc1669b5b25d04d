/**
 * Vite plugin: compiles rules/*.yaml into the virtual module `virtual:steady-rules`
 * at build time, so the extension ships a validated pack and never parses YAML
 * in the browser. A malformed rule file fails the build with the PackError
 * message (file, rule id, field).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { buildBuiltinPack } from '../engine/rule-files';
import { readRuleFiles, RULES_DIR } from './rule-files';

export const RULES_MODULE_ID = 'virtual:steady-rules';
// The \0 prefix tells other plugins this id is virtual and not a file.
const RESOLVED_ID = `\0${RULES_MODULE_ID}`;

export function steadyRules(rulesDir = RULES_DIR): Plugin {
  return {
    name: 'steady-rules',
    resolveId(id) {
      return id === RULES_MODULE_ID ? RESOLVED_ID : undefined;
    },
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      for (const name of readdirSync(rulesDir)) {
        if (name.endsWith('.yaml')) this.addWatchFile(join(rulesDir, name));
      }
      const pack = buildBuiltinPack(readRuleFiles(rulesDir));
      return `export default ${JSON.stringify(pack)};`;
    },
  };
}
