/**
 * Team and personal rule packs: parse (JSON or YAML), validate with the same
 * schema as the built-in pack, and serialise for export. An invalid pack is
 * rejected whole, with a message naming the rule and field, so the rules in
 * use never change half-way.
 */
import { parse, stringify } from 'yaml';
import { validatePack, mergePacks, PackError } from '../engine/pack';
import type { RulePack } from '../engine/types';

export type PackParseResult = { ok: true; pack: RulePack } | { ok: false; error: string };

/** `builtin` is the built-in pack: its macros are usable, its rule ids are taken. */
export function parsePackText(text: string, fileName: string, builtin: RulePack, others: readonly RulePack[] = []): PackParseResult {
  const result = validated(text, fileName, builtin);
  if (!result.ok) return result;
  try {
    mergePacks([{ pack: builtin, file: 'the built-in rules' }, ...others.map((p, i) => ({ pack: p, file: `pack ${i + 1}` })), { pack: result.pack, file: fileName }]);
    return result;
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

/**
 * Packs validated by name and text: settings are reloaded on every storage change, in every helpdesk
 * tab, and a pack whose text did not change is not parsed or validated again (the same pack object
 * also lets the linter reuse its compiled patterns).
 */
const validatedPacks = new Map<string, { macros: RulePack['macros']; result: PackParseResult }>();
const VALIDATED_LIMIT = 16;

function validated(text: string, fileName: string, builtin: RulePack): PackParseResult {
  const key = `${fileName}\u0000${text}`;
  const hit = validatedPacks.get(key);
  if (hit && hit.macros === builtin.macros) return hit.result;
  const result = validate(text, fileName, builtin);
  if (validatedPacks.size >= VALIDATED_LIMIT) validatedPacks.delete(validatedPacks.keys().next().value!);
  validatedPacks.set(key, { macros: builtin.macros, result });
  return result;
}

function validate(text: string, fileName: string, builtin: RulePack): PackParseResult {
  let data: unknown;
  try {
    data = parseJsonOrYaml(text);
  } catch (e) {
    return { ok: false, error: `${fileName}: not valid JSON or YAML (${(e as Error).message.split('\n')[0]})` };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { ok: false, error: `${fileName}: a pack is an object with a "rules" list` };
  try {
    return { ok: true, pack: validatePack(data, fileName, builtin.macros) };
  } catch (e) {
    if (e instanceof PackError) return { ok: false, error: e.message };
    return { ok: false, error: `${fileName}: ${(e as Error).message}` };
  }
}

/** JSON (as policies and exports give packs) is read with the fast native parser; anything else as YAML. */
function parseJsonOrYaml(text: string): unknown {
  if (/^\s*\{/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      // Not strict JSON (comments, trailing commas): YAML reads it, or explains what is wrong.
    }
  }
  return parse(text);
}

export function serialisePack(pack: RulePack, format: 'json' | 'yaml'): string {
  return format === 'json' ? JSON.stringify(pack, null, 2) : stringify(pack);
}

export { MANAGED_SCHEMA } from './managed-schema';
