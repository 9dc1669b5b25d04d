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
  let data: unknown;
  try {
    data = parse(text);
  } catch (e) {
    return { ok: false, error: `${fileName}: not valid JSON or YAML (${(e as Error).message.split('\n')[0]})` };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { ok: false, error: `${fileName}: a pack is an object with a "rules" list` };
  try {
    const pack = validatePack(data, fileName, builtin.macros);
    mergePacks([{ pack: builtin, file: 'the built-in rules' }, ...others.map((p, i) => ({ pack: p, file: `pack ${i + 1}` })), { pack, file: fileName }]);
    return { ok: true, pack };
  } catch (e) {
    if (e instanceof PackError) return { ok: false, error: e.message };
    return { ok: false, error: `${fileName}: ${(e as Error).message}` };
  }
}

export function serialisePack(pack: RulePack, format: 'json' | 'yaml'): string {
  return format === 'json' ? JSON.stringify(pack, null, 2) : stringify(pack);
}

export { MANAGED_SCHEMA } from './managed-schema';
