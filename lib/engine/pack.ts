/**
 * Rule packs: schema validation (built-in pack at build time, every pack at
 * load time) and compilation of patterns. Errors name the file, the rule and
 * the field so a team lead can fix a pack without reading code.
 */
import { z } from 'zod';
import { describeZodError } from './schema-error';
import { PHRASE_CATEGORIES, SEVERITIES, SLOTS, REWRITE_CONDITIONS, type RulePack, type RuleSpec } from './types';
import { parsePattern, firstForms, requiredForms, compileMatcher, PatternError, type Node, type Matcher } from './pattern';

export class PackError extends Error {
  constructor(
    readonly file: string,
    readonly ruleId: string | undefined,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${file}: ${ruleId ? `rule "${ruleId}", ` : ''}field "${field}": ${problem}`);
    this.name = 'PackError';
  }
}

const sentenceEnd = /[.!?]$/;
const text = z.string().trim().min(1, 'must not be empty');
const rewriteText = text
  .refine((r) => !sentenceEnd.test(r), 'must not end with . ! or ? (the sentence keeps its own punctuation)')
  .refine((r) => !/\bcan not\b/i.test(r), 'write "cannot", not "can not"');
const isRegex = (source: string) => {
  try {
    new RegExp(source, 'iu');
    return true;
  } catch {
    return false;
  }
};
const patternList = z.array(text).min(1, 'needs at least one pattern');

export const ruleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, -)'),
  category: z.enum(PHRASE_CATEGORIES, { error: `must be one of: ${PHRASE_CATEGORIES.join(', ')}` }),
  severity: z.enum(SEVERITIES, { error: `must be one of: ${SEVERITIES.join(', ')}` }),
  message: text.max(200, 'keep it to one plain sentence (200 characters at most)'),
  match: patternList,
  'followed-by': patternList.optional(),
  when: z.enum(['customer-upset'], { error: 'must be customer-upset (or left out: always)' }).optional(),
  except: z
    .strictObject({ before: patternList.optional(), after: patternList.optional(), earlier: patternList.optional(), later: patternList.optional() })
    .optional(),
  slot: z.enum(SLOTS, { error: `must be one of: ${SLOTS.join(', ')}` }).optional(),
  'without-complaint': z.enum(['drop', 'suggest'], { error: 'must be drop or suggest' }).optional(),
  rewrites: z
    .array(
      z.preprocess(
        (r) => (typeof r === 'string' ? { text: r } : r),
        z.strictObject({
          text: rewriteText,
          edit: z.tuple([text.refine(isRegex, 'must be a valid regular expression'), z.string()]).optional(),
          if: z.array(z.enum(REWRITE_CONDITIONS, { error: `must be one of: ${REWRITE_CONDITIONS.join(', ')}` })).min(1).optional() }),
      ),
    )
    .min(1, 'needs 1 to 6 rewrites')
    .max(6, 'needs 1 to 6 rewrites'),
  script: z.string().optional(),
  examples: z
    .strictObject({
      flag: z.array(z.union([text, z.strictObject({ text, correction: text })])).min(3, 'needs at least 3 examples'),
      pass: z.array(text).min(3, 'needs at least 3 examples'),
    })
    .transform(({ flag, pass }) => ({
      flag: flag.map((f) => (typeof f === 'string' ? f : f.text)),
      pass,
      corrected: flag.filter((f): f is { text: string; correction: string } => typeof f !== 'string'),
    })),
});

export const packSchema = z.strictObject({
  macros: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/, 'macro names are lower-case words'), text).default({}),
  rules: z.array(z.unknown()).default([]),
});

/** Validate one pack (already parsed from YAML or JSON). `file` names it in errors. */
export function validatePack(data: unknown, file: string, macroBase: Record<string, string> = {}): RulePack {
  const top = packSchema.safeParse(data ?? {});
  if (!top.success) throw fromZod(file, undefined, top.error);
  const rules: RuleSpec[] = [];
  const seen = new Set<string>();
  top.data.rules.forEach((raw, index) => {
    const id = typeof raw === 'object' && raw && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : `#${index + 1}`;
    const parsed = ruleSchema.safeParse(raw);
    if (!parsed.success) throw fromZod(file, id, parsed.error);
    if (seen.has(id)) throw new PackError(file, id, 'id', 'is used by another rule in this pack');
    seen.add(id);
    rules.push(parsed.data as RuleSpec);
  });
  const pack: RulePack = { macros: top.data.macros, rules };
  compilePack(pack, file, macroBase); // pattern errors surface at load time too
  return pack;
}

function fromZod(file: string, ruleId: string | undefined, error: z.ZodError): PackError {
  const { field, problem } = describeZodError(error);
  return new PackError(file, ruleId, field, problem);
}


/** A parsed pattern; its matcher is built on first use, so loading a pack only parses (fast cold start). */
export class CompiledPattern {
  /** Token forms the pattern can start with; null = any word. */
  readonly first: ReadonlySet<string> | null;
  /** Sets of forms of which every match contains one each (see requiredForms). */
  readonly required: readonly ReadonlySet<string>[];
  private built: Matcher | undefined;

  constructor(private readonly nodes: Node[]) {
    this.first = firstForms(nodes);
    this.required = requiredForms(nodes);
  }

  get matcher(): Matcher {
    return (this.built ??= compileMatcher(this.nodes));
  }
}

export interface CompiledRule {
  spec: RuleSpec;
  patterns: CompiledPattern[];
  before: CompiledPattern[];
  after: CompiledPattern[];
  earlier: CompiledPattern[];
  later: CompiledPattern[];
  /** A match counts only when one of these follows it (empty: always). */
  followedBy: CompiledPattern[];
}

export interface CompiledPack {
  rules: CompiledRule[];
  /** Resolve a macro by name. */
  macro(name: string): Node[];
  /** Parse a pattern with this pack's macros; throws PatternError. */
  compile(pattern: string): Node[];
  /** Parse and compile a pattern for matching with its start forms (draft checks); throws PatternError. */
  compilePattern(pattern: string): CompiledPattern;
}

/** Compile patterns of one or more packs; later packs' macros extend earlier ones. */
export function compilePack(pack: RulePack, file = 'pack', macroBase: Record<string, string> = {}): CompiledPack {
  const macros = { ...macroBase, ...pack.macros };
  const cache = new Map<string, Node[]>();
  const resolving = new Set<string>();
  const macro = (name: string): Node[] => {
    const hit = cache.get(name);
    if (hit) return hit;
    const source = macros[name];
    if (source === undefined) throw new PatternError(`unknown macro @${name}`);
    if (resolving.has(name)) throw new PatternError(`macro @${name} refers to itself`);
    resolving.add(name);
    const nodes = parsePattern(source, macro);
    resolving.delete(name);
    cache.set(name, nodes);
    return nodes;
  };
  for (const name of Object.keys(pack.macros)) {
    try {
      macro(name);
    } catch (e) {
      throw new PackError(file, undefined, `macros.${name}`, (e as Error).message);
    }
  }
  const compilePattern = (source: string): CompiledPattern => {
    const nodes = parsePattern(source, macro);
    return new CompiledPattern(nodes);
  };
  const rules = pack.rules.map((spec): CompiledRule => {
    const compileField = (field: string, list: readonly string[] = []) =>
      list.map((source, i) => {
        try {
          return compilePattern(source);
        } catch (e) {
          throw new PackError(file, spec.id, `${field}[${i}]`, (e as Error).message);
        }
      });
    return {
      spec,
      patterns: compileField('match', spec.match),
      before: compileField('except.before', spec.except?.before),
      after: compileField('except.after', spec.except?.after),
      earlier: compileField('except.earlier', spec.except?.earlier),
      later: compileField('except.later', spec.except?.later),
      followedBy: compileField('followed-by', spec['followed-by']),
    };
  });
  return { rules, macro, compile: (source) => parsePattern(source, macro), compilePattern };
}

/** Merge several validated packs into one (rule ids must stay unique). */
export function mergePacks(packs: readonly { pack: RulePack; file: string }[]): RulePack {
  const out: RulePack = { macros: {}, rules: [] };
  const owner = new Map<string, string>();
  for (const { pack, file } of packs) {
    Object.assign(out.macros, pack.macros);
    for (const rule of pack.rules) {
      const prior = owner.get(rule.id);
      if (prior) throw new PackError(file, rule.id, 'id', `is already defined in ${prior}`);
      owner.set(rule.id, file);
      out.rules.push(rule);
    }
  }
  return out;
}

export { PatternError };
