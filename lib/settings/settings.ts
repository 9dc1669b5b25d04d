/**
 * The agent's settings (synced across their browsers with storage.sync) and
 * how they combine with team packs (storage.local or the administrator's
 * managed storage) into linter options. Pure.
 */
import { z } from 'zod';
import { SEVERITIES, type LinterOptions, type RulePack } from '../engine/types';
import { lazy } from '../engine/lazy';

/** The stored settings' schema (built on first use, see lazy: a new tab's coach starts before it reads them). */
const settingsSchema = lazy(() =>
  z.object({
    disabledRules: z.array(z.string()).default([]),
    disabledCategories: z.array(z.string()).default([]),
    severities: z.record(z.string(), z.enum(SEVERITIES)).default({}),
    /** Hostnames where the agent paused Steady. */
    pausedSites: z.array(z.string()).default([]),
    /** Custom domains enabled in generic mode (the optional host permission was granted). */
    genericSites: z.array(z.string()).default([]),
  }),
);
export type Settings = z.infer<ReturnType<typeof settingsSchema>>;

export const DEFAULT_SETTINGS: Settings = { disabledRules: [], disabledCategories: [], severities: {}, pausedSites: [], genericSites: [] };

/** Read settings defensively: anything malformed falls back to defaults field by field. */
export function readSettings(stored: unknown): Settings {
  const parsed = settingsSchema().safeParse(stored ?? {});
  if (parsed.success) return parsed.data;
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    const field = settingsSchema().shape[key].safeParse((stored as Record<string, unknown>)?.[key]);
    if (field.success) out[key] = field.data;
  }
  return out as Settings;
}

export function linterOptions(settings: Settings, packs: readonly RulePack[]): LinterOptions {
  return {
    disabledRules: settings.disabledRules,
    disabledCategories: settings.disabledCategories as LinterOptions['disabledCategories'],
    severities: settings.severities,
    packs,
  };
}

export function isPaused(settings: Settings, hostname: string): boolean {
  return settings.pausedSites.includes(hostname.toLowerCase());
}

export function togglePaused(settings: Settings, hostname: string): Settings {
  const host = hostname.toLowerCase();
  const pausedSites = isPaused(settings, host) ? settings.pausedSites.filter((h) => h !== host) : [...settings.pausedSites, host];
  return { ...settings, pausedSites };
}

export function toggleRule(settings: Settings, ruleId: string, on: boolean): Settings {
  const rest = settings.disabledRules.filter((id) => id !== ruleId);
  return { ...settings, disabledRules: on ? rest : [...rest, ruleId] };
}

/** A custom domain typed by the agent, as the match pattern to request, or an error message. */
export function originPattern(input: string): { pattern: string; host: string } | { error: string } {
  const raw = input.trim();
  if (!raw) return { error: 'Type a domain, for example support.example.com.' };
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    return { error: `“${raw}” is not a web address. Type a domain like support.example.com.` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { error: 'Only http and https sites can be enabled.' };
  if (!/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(url.hostname)) return { error: `“${url.hostname}” doesn't look like a domain name.` };
  return { pattern: `${url.protocol}//${url.hostname}/*`, host: url.hostname };
}
