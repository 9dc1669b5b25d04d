/**
 * Turn the parsed contents of rules/*.yaml into the built-in pack, validating
 * every file. Pure: the caller reads the files (Node fs, or Vite at build time).
 */
import { PackError, validatePack, mergePacks, compilePack, patternStarts, patternSources, tableReference } from './pack';
import { validateDraftConfig, compileDraftChecks, type DraftConfig } from './draft';
import { NAMES_FILE, validateNames } from './names';
import { ADVICE_FILE, MODEL_FILE, MODEL_RULE_ID, validateAdvice, validateSentenceModel } from './sentence-model';
import type { BuiltinPack } from './builtin';
import type { RulePack, RuleSpec } from './types';

export const LEXICON_FILE = 'lexicon.yaml';
export const DRAFT_FILE = 'draft.yaml';

/** `files` maps a file name (e.g. "blame.yaml") to its parsed YAML. Files other than rule files are ignored. */
export function buildBuiltinPack(files: Readonly<Record<string, unknown>>): BuiltinPack {
  const lexicon = files[LEXICON_FILE] as { macros?: Record<string, string> } | undefined;
  if (!lexicon) throw new PackError(`rules/${LEXICON_FILE}`, undefined, '(file)', 'is missing');
  const macros = validatePack({ macros: lexicon.macros ?? {} }, `rules/${LEXICON_FILE}`).macros;
  const packs: { pack: RulePack; file: string }[] = [{ pack: { macros, rules: [] }, file: `rules/${LEXICON_FILE}` }];
  for (const [name, data] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    if (!isRuleFile(data)) continue;
    const file = `rules/${name}`;
    const { category, rules } = data;
    // validatePack says what is wrong with a `rules` that is not a list, or a rule that is not a mapping.
    const withCategory = !Array.isArray(rules) ? rules : rules.map((rule: unknown) => {
      if (!rule || typeof rule !== 'object') return rule;
      if (!('category' in rule)) return { ...rule, category };
      if (rule.category !== category) throw new PackError(file, (rule as { id?: string }).id, 'category', `must be left out (the file's category is "${category}")`);
      return rule;
    });
    packs.push({ pack: validatePack({ rules: withCategory }, file, macros), file });
  }
  const draftData = files[DRAFT_FILE];
  if (!draftData) throw new PackError(`rules/${DRAFT_FILE}`, undefined, '(file)', 'is missing');
  const draft = validateDraftConfig(draftData, `rules/${DRAFT_FILE}`);
  compileDraftChecks(draft, compilePack({ macros, rules: [] }), `rules/${DRAFT_FILE}`); // pattern errors name the file
  const pack = mergePacks(packs);
  const namesData = files[NAMES_FILE];
  const checks = [...Object.keys(draft.checks), 'too-long'];
  const modelData = files[MODEL_FILE];
  if (modelData !== undefined && files[ADVICE_FILE] === undefined) throw new PackError(`rules/${ADVICE_FILE}`, undefined, '(file)', `is missing (${MODEL_FILE} needs its advice)`);
  const sentences = modelData === undefined ? undefined : { model: validateSentenceModel(modelData), advice: validateAdvice(files[ADVICE_FILE]) };
  const ruleIds = new Set([...pack.rules.map((r) => r.id), MODEL_RULE_ID]);
  const names = namesData === undefined ? undefined : validateNames(namesData, ruleIds, checks);
  return { pack, draft, ...(names ? { names } : {}), ...(sentences ? { sentences } : {}) };
}

/**
 * The shipped pack without the rules' flag and pass examples (a third of it), for the parts of the
 * extension that never show them: the content script's coach and the side panel. They load faster,
 * and their first lint copies less. The examples are left as empty lists; with `keepFirstFlag`, each
 * rule keeps the one flag example the options page shows beside it (the rest are for the test suite).
 */
export function withoutExamples(builtin: BuiltinPack, keepFirstFlag = false): BuiltinPack {
  const none = { flag: [], pass: [], corrected: [] };
  const examplesOf = (rule: RuleSpec) => (keepFirstFlag ? { ...none, flag: rule.examples.flag.slice(0, 1) } : none);
  return { ...builtin, pack: { ...builtin.pack, rules: builtin.pack.rules.map((rule) => ({ ...rule, examples: examplesOf(rule) })) } };
}

/**
 * The pack the coach and the side panel ship: with the start table (its patterns' start forms and NFAs,
 * so a linter made from it in the browser parses no pattern at all), without examples, and with each
 * pattern written as its number in the table (see tableReference).
 */
export function leanPack(builtin: BuiltinPack): BuiltinPack {
  const sources = patternSources(builtin.pack, builtin.draft);
  const references = new Map(sources.map((source, n) => [source, tableReference(n)]));
  const refer = <T extends readonly string[] | undefined>(list: T): T => list?.map((source) => references.get(source)!) as T;
  const lean = withoutExamples({ ...builtin, starts: patternStarts(sources, builtin.pack.macros) });
  const rules = lean.pack.rules.map((rule): RuleSpec => {
    const { except } = rule;
    return {
      ...rule,
      match: refer(rule.match),
      ...(rule['followed-by'] ? { 'followed-by': refer(rule['followed-by']) } : {}),
      ...(rule['preceded-by'] ? { 'preceded-by': refer(rule['preceded-by']) } : {}),
      ...(except ? { except: Object.fromEntries(Object.entries(except).map(([field, list]) => [field, refer(list)])) } : {}),
    };
  });
  const patterns = Object.fromEntries(Object.entries(lean.draft.patterns).map(([list, listed]) => [list, refer(listed)])) as DraftConfig['patterns'];
  return { ...lean, pack: { ...lean.pack, rules }, draft: { ...lean.draft, patterns } };
}

function isRuleFile(data: unknown): data is { category: string; rules: unknown } {
  return !!data && typeof data === 'object' && 'category' in data && 'rules' in data;
}
