/**
 * Human names for rules and categories, for every place the agent reads them
 * (panel, card, options, stats, scripts). Pure: the names come from the rule
 * files (a rule's `title`, rules/categories.yaml), set once per bundle.
 */
export interface RuleNames {
  /** Rule id → title. */
  rules: Readonly<Record<string, string>>;
  /** Category id → { name, example phrase }. */
  categories: Readonly<Record<string, { name: string; example?: string }>>;
}

let names: RuleNames = { rules: {}, categories: {} };

export function setRuleNames(next: RuleNames): void {
  names = next;
}

/** "calm-down" → "Calm down": a readable fallback for ids without a title. */
export function humanize(id: string): string {
  const words = id.replace(/^[a-z]+\//, '').replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function categoryName(category: string): string {
  return names.categories[category]?.name ?? humanize(category);
}

export function ruleName(ruleId: string, category?: string): string {
  return names.rules[ruleId] ?? names.rules[ruleId.replace(/^[^/]+\//, '')] ?? (category && !ruleId ? categoryName(category) : humanize(ruleId));
}
