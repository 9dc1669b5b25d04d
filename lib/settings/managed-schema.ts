/**
 * The JSON schema of the administrator policy (chrome.storage.managed),
 * shipped as managed-schema.json. Chrome keeps only the properties a schema
 * names (an object schema without properties arrives empty), so every field of
 * a rule pack is listed; values stay loosely typed so that Steady's own pack
 * validation, not Chrome, reports a mistake, naming the pack, rule and field.
 * tests/unit/managed-schema.test.ts keeps this in step with the pack schema.
 */
const strings = { type: 'array', items: { type: 'string' } } as const;

export const MANAGED_RULE_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    category: { type: 'string' },
    severity: { type: 'string' },
    message: { type: 'string' },
    match: strings,
    'followed-by': strings,
    'preceded-by': strings,
    when: { type: 'string' },
    except: { type: 'object', properties: { before: strings, after: strings, earlier: strings, later: strings, match: strings } },
    slot: { type: 'string' },
    'without-complaint': { type: 'string' },
    'whole-reply': { type: 'boolean' },
    // Chrome's policy schemas have no "string or object": team packs write each rewrite and example
    // as plain text (a rewrite's edit and if, and an example's correction, are for packs in files).
    rewrites: strings,
    script: { type: 'string' },
    examples: { type: 'object', properties: { flag: strings, pass: strings } },
  },
} as const;

export const MANAGED_PACK_SCHEMA = {
  type: 'object',
  properties: {
    macros: { type: 'object', additionalProperties: { type: 'string' } },
    rules: { type: 'array', items: MANAGED_RULE_SCHEMA },
  },
} as const;

export const MANAGED_SCHEMA = {
  type: 'object',
  properties: {
    teamPacks: {
      title: 'Team rule packs',
      description: 'Rule packs applied for every agent (same format as a pack exported from the options page).',
      type: 'array',
      items: MANAGED_PACK_SCHEMA,
    },
    disabledRules: { title: 'Rules turned off for the team', type: 'array', items: { type: 'string' } },
    disabledCategories: { title: 'Categories turned off for the team', type: 'array', items: { type: 'string' } },
  },
} as const;
