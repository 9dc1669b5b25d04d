/**
 * --rules: a team's extra rule pack, in JSON or YAML, validated by the engine
 * like the built-in rules. It may be written like a rules/<category>.yaml file
 * (a top-level `category` for all its rules) or give each rule its category.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { validatePack, PackError, type RulePack } from '../engine';
import { combinedError } from '../engine/pack';
import { CliError, fileProblem } from './errors';

export function loadTeamPack(path: string, builtin: RulePack): RulePack {
  const ext = extname(path).toLowerCase();
  if (!['.json', '.yaml', '.yml'].includes(ext)) throw new CliError(`${path}: a rule pack must be a .json, .yaml or .yml file`);
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CliError(`${path}: cannot read the rule pack (${fileProblem(e)})`);
  }
  let data: unknown;
  try {
    data = ext === '.json' ? JSON.parse(source) : parseYaml(source);
  } catch (e) {
    throw new CliError(`${path}: not valid ${ext === '.json' ? 'JSON' : 'YAML'} (${(e as Error).message.split('\n')[0]})`);
  }
  // Built-in macros (@soft, @we, …) are usable in team patterns.
  const pack = validatePack(withFileCategory(data), path, builtin.macros);
  const builtinIds = new Set(builtin.rules.map((r) => r.id));
  const clashes = pack.rules.filter((r) => builtinIds.has(r.id)).map((r) => new PackError(path, r.id, 'id', 'is already a built-in rule (choose another id)'));
  if (clashes.length) throw combinedError(clashes);
  return pack;
}

function withFileCategory(data: unknown): unknown {
  if (!data || typeof data !== 'object' || !('category' in data)) return data;
  const { category, ...rest } = data as { category: unknown; rules?: unknown };
  if (!Array.isArray(rest.rules)) return rest;
  return {
    ...rest,
    rules: rest.rules.map((rule: unknown) => (rule && typeof rule === 'object' && !('category' in rule) ? { ...rule, category } : rule)),
  };
}
