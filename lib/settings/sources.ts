/**
 * Where settings and packs live: settings in storage.sync (follows the agent
 * across browsers), personal packs in storage.local, team packs in the
 * administrator's storage.managed. Takes the storage areas as arguments so it
 * is testable without a browser.
 */
import type { RulePack } from '../engine/types';
import { readSettings, type Settings } from './settings';
import { parsePackText } from './packs';

export interface StorageAreaLike {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set?(items: Record<string, unknown>): Promise<void>;
}

export interface StoredPack {
  name: string;
  /** The pack as the agent wrote or imported it (JSON or YAML). */
  text: string;
}

export interface InstalledPack {
  name: string;
  pack: RulePack;
  source: 'personal' | 'team (managed)';
}

export interface LoadedConfig {
  settings: Settings;
  packs: InstalledPack[];
  /** Packs that could not be used, with why (the others still apply). */
  problems: string[];
}

export const SETTINGS_KEY = 'settings';
export const PACKS_KEY = 'packs';

export async function loadConfig(areas: { sync: StorageAreaLike; local: StorageAreaLike; managed?: StorageAreaLike }, builtin: RulePack): Promise<LoadedConfig> {
  type Items = Record<string, unknown>;
  const read = (area: StorageAreaLike | undefined, keys: string | string[]): Promise<Items> => (area ? area.get(keys).catch((): Items => ({})) : Promise.resolve({}));
  const [sync, local, managed] = await Promise.all([
    read(areas.sync, SETTINGS_KEY),
    read(areas.local, PACKS_KEY),
    // Throws where no policy is set (and on browsers without managed storage).
    read(areas.managed, ['teamPacks', 'disabledRules', 'disabledCategories']),
  ]);
  const settings = readSettings(sync[SETTINGS_KEY]);
  const problems: string[] = [];
  const packs: InstalledPack[] = [];
  const add = (name: string, text: string, source: InstalledPack['source']) => {
    const result = parsePackText(text, name, builtin, packs.map((p) => p.pack));
    if (result.ok) packs.push({ name, pack: result.pack, source });
    else problems.push(result.error);
  };
  const team = Array.isArray(managed.teamPacks) ? managed.teamPacks : [];
  team.forEach((pack: unknown, i: number) => add(`team pack ${i + 1}`, JSON.stringify(pack), 'team (managed)'));
  const personal = Array.isArray(local[PACKS_KEY]) ? (local[PACKS_KEY] as StoredPack[]) : [];
  for (const p of personal) if (p && typeof p.name === 'string' && typeof p.text === 'string') add(p.name, p.text, 'personal');
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return {
    settings: {
      ...settings,
      disabledRules: [...new Set([...settings.disabledRules, ...strings(managed.disabledRules)])],
      disabledCategories: [...new Set([...settings.disabledCategories, ...strings(managed.disabledCategories)])],
    },
    packs,
    problems,
  };
}
