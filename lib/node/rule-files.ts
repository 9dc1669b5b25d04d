/** Node-only: read and validate rules/*.yaml from disk. */
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { buildBuiltinPack } from '../engine/rule-files';
import { setBuiltinPack, type BuiltinPack } from '../engine/builtin';
import { PackError } from '../engine/pack';

export const RULES_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../rules');

/** Parsed YAML of every file in rules/, keyed by file name. */
export function readRuleFiles(dir = RULES_DIR): Record<string, unknown> {
  const files: Record<string, unknown> = {};
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.yaml'))) {
    try {
      files[name] = parse(readFileSync(join(dir, name), 'utf8'));
    } catch (e) {
      throw new PackError(`rules/${name}`, undefined, '(file)', `is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  return files;
}

/** Load the built-in pack from disk and register it for createLinter(). */
export function loadBuiltinPack(dir = RULES_DIR): BuiltinPack {
  const pack = buildBuiltinPack(readRuleFiles(dir));
  setBuiltinPack(pack);
  return pack;
}
