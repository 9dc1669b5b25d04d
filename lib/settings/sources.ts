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
/** storage.local: the text of each team pack's last version that validated, by name, kept in force while a newer one is broken. */
export const LAST_GOOD_TEAM_PACKS_KEY = 'lastGoodTeamPacks';

/** Whether a storage change can change the loaded config (other keys, such as figures, do not). */
export function changesConfig(changes: Readonly<Record<string, unknown>>, areaName: string): boolean {
  if (areaName === 'managed') return true;
  if (areaName === 'sync') return SETTINGS_KEY in changes;
  return areaName === 'local' && PACKS_KEY in changes;
}

/**
 * Chromium sometimes never answers storage.managed.get in a content script on a busy machine, and
 * then every settings change would wait on it forever: after this long, read on as if no policy were set.
 */
export const MANAGED_READ_TIMEOUT_MS = 1_500;

export async function loadConfig(areas: { sync: StorageAreaLike; local: StorageAreaLike; managed?: StorageAreaLike }, builtin: RulePack): Promise<LoadedConfig> {
  type Items = Record<string, unknown>;
  const read = (area: StorageAreaLike | undefined, keys: string | string[]): Promise<Items> => (area ? area.get(keys).catch((): Items => ({})) : Promise.resolve({}));
  const [sync, local, managed] = await Promise.all([
    read(areas.sync, SETTINGS_KEY),
    read(areas.local, [PACKS_KEY, LAST_GOOD_TEAM_PACKS_KEY]),
    // Throws where no policy is set (and on browsers without managed storage).
    orAfter(read(areas.managed, ['teamPacks', 'disabledRules', 'disabledCategories']), MANAGED_READ_TIMEOUT_MS, {}),
  ]);
  const settings = readSettings(sync[SETTINGS_KEY]);
  const problems: string[] = [];
  const packs: InstalledPack[] = [];
  const parse = (name: string, text: string) => parsePackText(text, name, builtin, packs.map((p) => p.pack));

  const team = policyList(managed, 'teamPacks', 'a list of rule packs', problems);
  const lastGood = stringRecord(local[LAST_GOOD_TEAM_PACKS_KEY]);
  const good: Record<string, string> = {};
  team.forEach((pack: unknown, i: number) => {
    const name = `team pack ${i + 1}`;
    const text = JSON.stringify(pack) ?? '';
    const result = parse(name, text);
    if (result.ok) {
      packs.push({ name, pack: result.pack, source: 'team (managed)' });
      good[name] = text;
      return;
    }
    const previous = lastGood[name];
    const fallback = previous !== undefined && previous !== text ? parse(name, previous) : undefined;
    if (fallback?.ok) {
      packs.push({ name, pack: fallback.pack, source: 'team (managed)' });
      good[name] = previous!;
      problems.push(`${result.error}\nThe last good version of ${name} stays in force until the administrator fixes it.`);
    } else {
      problems.push(result.error);
    }
  });
  if (JSON.stringify(good) !== JSON.stringify(lastGood)) await areas.local.set?.({ [LAST_GOOD_TEAM_PACKS_KEY]: good }).catch(() => {});

  const personal = Array.isArray(local[PACKS_KEY]) ? (local[PACKS_KEY] as StoredPack[]) : [];
  for (const p of personal) {
    if (!p || typeof p.name !== 'string' || typeof p.text !== 'string') continue;
    const result = parse(p.name, p.text);
    if (result.ok) packs.push({ name: p.name, pack: result.pack, source: 'personal' });
    else problems.push(result.error);
  }
  const teamRules = policyStrings(managed, 'disabledRules', problems);
  const teamCategories = policyStrings(managed, 'disabledCategories', problems);
  return {
    settings: {
      ...settings,
      disabledRules: [...new Set([...settings.disabledRules, ...teamRules])],
      disabledCategories: [...new Set([...settings.disabledCategories, ...teamCategories])],
    },
    packs,
    problems,
  };
}

/** `promise`'s value, or `fallback` if it has not settled within `ms`. */
function orAfter<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(fallback), ms);
    void promise.then((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

/** A list from the administrator's policy; anything else is reported and ignored. */
function policyList(policy: Record<string, unknown>, key: string, expected: string, problems: string[]): unknown[] {
  const value = policy[key];
  if (value === undefined) return [];
  if (Array.isArray(value)) return value;
  problems.push(`The administrator's policy setting "${key}" must be ${expected}, but it is ${kindOf(value)}; it is ignored.`);
  return [];
}

/** A list of strings from the administrator's policy; other entries are reported and ignored. */
function policyStrings(policy: Record<string, unknown>, key: string, problems: string[]): string[] {
  const list = policyList(policy, key, 'a list of rule or category ids', problems);
  const strings = list.filter((x): x is string => typeof x === 'string');
  if (strings.length < list.length) {
    const others = list.length - strings.length;
    problems.push(`The administrator's policy setting "${key}" holds ${others} entr${others === 1 ? 'y' : 'ies'} that ${others === 1 ? 'is' : 'are'} not an id; ${others === 1 ? 'it is' : 'they are'} ignored.`);
  }
  return strings;
}

function kindOf(value: unknown): string {
  if (value === null) return 'empty (null)';
  if (typeof value === 'string') return `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function stringRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
