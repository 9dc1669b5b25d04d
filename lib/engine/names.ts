/**
 * Human names for rules and categories, for every place the agent reads them
 * (panel, card, options, stats, scripts): rules/names.yaml, validated with the
 * built-in pack. Rules without a name (personal packs) read as their id in words.
 */
import { z } from 'zod';
import { PackError } from './pack';
import { lazy } from './lazy';
import { builtinPack, hasBuiltinPack } from './builtin';

export const NAMES_FILE = 'names.yaml';

/** rules/names.yaml's schema (built on first use, see lazy). */
export const namesSchema = lazy(() => {
  const text = z.string().trim().min(1, 'must not be empty');
  return z.strictObject({
    categories: z.record(z.string(), z.strictObject({ name: text, example: text.optional() })),
    rules: z.record(z.string(), text),
    checks: z.record(z.string(), text),
  });
});

export interface RuleNames {
  /** Category id → name and one example phrase. */
  categories: Record<string, { name: string; example?: string }>;
  /** Rule id (whole-reply checks as "draft/<check>") → title. */
  rules: Record<string, string>;
}

/** Validate rules/names.yaml against the rules and checks that exist (a name for a rule that does not exist is an error). */
export function validateNames(data: unknown, ruleIds: ReadonlySet<string>, checkIds: readonly string[], file = `rules/${NAMES_FILE}`): RuleNames {
  const parsed = namesSchema().safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PackError(file, undefined, issue.path.join('.') || '(file)', issue.message);
  }
  const { categories, rules, checks } = parsed.data;
  for (const id of Object.keys(rules)) if (!ruleIds.has(id)) throw new PackError(file, id, 'rules', 'names a rule that does not exist');
  for (const id of Object.keys(checks)) if (!checkIds.includes(id)) throw new PackError(file, id, 'checks', `names a check that does not exist (checks: ${checkIds.join(', ')})`);
  return { categories, rules: { ...rules, ...Object.fromEntries(Object.entries(checks).map(([id, title]) => [`draft/${id}`, title])) } };
}

const registered = (): RuleNames | undefined => (hasBuiltinPack() ? builtinPack().names : undefined);

/** "calm-down" → "Calm down": a readable fallback for ids without a name. */
export function humanize(id: string): string {
  const words = id.replace(/^[a-z]+\//, '').replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function categoryName(category: string): string {
  return registered()?.categories[category]?.name ?? humanize(category);
}

export function categoryExample(category: string): string | undefined {
  return registered()?.categories[category]?.example;
}

export function ruleName(ruleId: string): string {
  return registered()?.rules[ruleId] ?? humanize(ruleId);
}
