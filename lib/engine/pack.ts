/**
 * Rule packs: schema validation (built-in pack at build time, every pack at
 * load time) and compilation of patterns. Errors name the file, the rule and
 * the field so a team lead can fix a pack without reading code.
 */
import { z } from 'zod';
import { describeZodError, describeZodIssues } from './schema-error';
import { lazy } from './lazy';
import { PHRASE_CATEGORIES, SEVERITIES, SLOTS, REWRITE_CONDITIONS, type RulePack, type RuleSpec } from './types';
import type { DraftConfig } from './draft';
import { parsePattern, firstForms, requiredForms, secondForms, buildNfa, matcherOf, WORD_STATE, expandedWords, largestMacro, PatternError, type Forms, type Node, type Matcher } from './pattern';
import { encodeNumberLists } from './number-lists';
import { COMMON_WORDS, encodeAscending, mostShared, StartTable, type PatternStarts } from './start-table';

export type { Forms };

/**
 * A pattern may stand for at most this many words with its macros written out (the largest built-in
 * one: under 400). Matching compiles the expanded form, so nested macros that double at every level
 * would otherwise take minutes and gigabytes.
 */
export const MAX_PATTERN_WORDS = 2_000;

export class PackError extends Error {
  /** Every problem this error stands for (itself alone unless made by combinedError). */
  readonly problems: readonly PackError[];

  constructor(
    readonly file: string,
    readonly ruleId: string | undefined,
    readonly field: string,
    readonly problem: string,
    problems?: readonly PackError[],
  ) {
    super(`${file}: ${ruleId ? `rule "${ruleId}", ` : ''}field "${field}": ${problem}`);
    this.name = 'PackError';
    this.problems = problems ?? [this];
  }
}

/** The schemas of a rule and of a pack's top level (built on first use, see lazy). */
export const packSchemas = lazy(() => {
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

  const rule = z.strictObject({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, -)'),
    category: z.enum(PHRASE_CATEGORIES, { error: `must be one of: ${PHRASE_CATEGORIES.join(', ')}` }),
    severity: z.enum(SEVERITIES, { error: `must be one of: ${SEVERITIES.join(', ')}` }),
    message: text.max(200, 'keep it to one plain sentence (200 characters at most)'),
    match: patternList,
    'followed-by': patternList.optional(),
    'preceded-by': patternList.optional(),
    when: z.enum(['customer-upset'], { error: 'must be customer-upset (or left out: always)' }).optional(),
    except: z
      .strictObject({
        before: patternList.optional(),
        after: patternList.optional(),
        earlier: patternList.optional(),
        later: patternList.optional(),
        match: patternList.optional(),
      })
      .optional(),
    slot: z.enum(SLOTS, { error: `must be one of: ${SLOTS.join(', ')}` }).optional(),
    'without-complaint': z.enum(['drop', 'suggest'], { error: 'must be drop or suggest' }).optional(),
    'whole-reply': z.boolean({ error: 'must be true or false' }).optional(),
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
      .min(1, 'needs 1 to 10 rewrites (or leave the field out: advice without a one-key rewrite)')
      .max(10, 'needs 1 to 10 rewrites')
      // Left out where no sendable rewrite can be built from the agent's words: the card gives the advice only.
      .default([]),
    script: z.string().optional(),
    examples: z
      .strictObject({
        flag: z
          .array(z.union([text, z.strictObject({ text, correction: text })], { error: 'must be a sentence, or {text, correction}: the sentence and itself after the first rewrite' }))
          .min(3, 'needs at least 3 examples'),
        pass: z.array(text).min(3, 'needs at least 3 examples'),
      })
      .transform(({ flag, pass }) => ({
        flag: flag.map((f) => (typeof f === 'string' ? f : f.text)),
        pass,
        corrected: flag.filter((f): f is { text: string; correction: string } => typeof f !== 'string'),
      })),
  });

  const pack = z.strictObject({
    macros: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/, 'macro names are lower-case words'), text).default({}),
    rules: z.array(z.unknown()).default([]),
  });
  return { rule, pack };
});

/** At most this many problems of one pack are listed; a pack with more is mostly broken anyway. */
export const MAX_LISTED_PROBLEMS = 20;

/**
 * Validate one pack (already parsed from YAML or JSON). `file` names it in errors. Every problem is
 * found (schema, duplicate ids, patterns, macros) and thrown together as one PackError: the first
 * problem's fields, with all of them in `problems` and in the message, one per line.
 */
export function validatePack(data: unknown, file: string, macroBase: Record<string, string> = {}): RulePack {
  const top = packSchemas().pack.safeParse(data ?? {});
  if (!top.success) throw fromZod(file, undefined, top.error);
  const problems: PackError[] = [];
  // The shipped built-in rules carry their patterns already parsed with these macros (see tableReference).
  for (const [name, source] of Object.entries(top.data.macros)) {
    if (macroBase[name] !== undefined && macroBase[name] !== source) problems.push(new PackError(file, undefined, `macros.${name}`, 'is a built-in macro, which the built-in rules use as it stands: give yours another name'));
  }
  const rules: RuleSpec[] = [];
  const seen = new Set<string>();
  top.data.rules.forEach((raw, index) => {
    const id = typeof raw === 'object' && raw && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : `#${index + 1}`;
    const parsed = packSchemas().rule.safeParse(raw);
    if (!parsed.success) {
      problems.push(...describeZodIssues(parsed.error).map(({ field, problem }) => new PackError(file, id, field, problem)));
      return;
    }
    if (seen.has(id)) {
      problems.push(new PackError(file, id, 'id', 'is used by another rule in this pack'));
      return;
    }
    seen.add(id);
    rules.push(parsed.data as RuleSpec);
  });
  const pack: RulePack = { macros: top.data.macros, rules };
  compilePack(pack, file, macroBase, (problem) => problems.push(problem)); // pattern errors surface at load time too
  if (problems.length) throw combinedError(problems);
  return pack;
}

/** One PackError standing for several: the first one's fields, every message on its own line (up to MAX_LISTED_PROBLEMS). */
export function combinedError(problems: readonly PackError[]): PackError {
  if (problems.length === 1) return problems[0];
  const [first] = problems;
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => p.message);
  if (problems.length > MAX_LISTED_PROBLEMS) listed.push(`… and ${problems.length - MAX_LISTED_PROBLEMS} more problem(s)`);
  const error = new PackError(first.file, first.ruleId, first.field, first.problem, problems);
  error.message = `${first.file}: ${problems.length} problems:\n${listed.join('\n')}`;
  return error;
}

function fromZod(file: string, ruleId: string | undefined, error: z.ZodError): PackError {
  const { field, problem } = describeZodError(error);
  return new PackError(file, ruleId, field, problem);
}

/** The forms a pattern can start with, those of its second token, and those every match needs. */
interface StartForms {
  /** Token forms the pattern can start with (no form twice); null = any word. */
  first: Forms | null;
  /** Sets of forms of which every match contains one each (see requiredForms). */
  required: readonly Forms[];
  /** See secondForms; undefined until worked out from the NFA. */
  second?: Forms | null;
}

/**
 * A pattern's start forms (for the index) and its matcher, built on first use. A pattern from a
 * PatternStarts table keeps its number there instead of parsed nodes, so it is never parsed in the
 * browser, and making one allocates no more than the object itself (a new tab makes thousands).
 */
export class CompiledPattern {
  private built: Matcher | undefined;

  private constructor(
    private readonly nodes: readonly Node[] | null,
    private forms: StartForms | undefined,
    /** The start table it comes from, and its number there (see StartIndex). */
    readonly table: StartTable | null = null,
    readonly tableNumber = -1,
  ) {}

  static parsed(nodes: readonly Node[]): CompiledPattern {
    // Worked out now: a pattern that can match nothing is an error of the pack that has it.
    return new CompiledPattern(nodes, { first: firstForms(nodes), required: requiredForms(nodes) });
  }

  static fromTable(table: StartTable, pattern: number): CompiledPattern {
    return new CompiledPattern(null, undefined, table, pattern);
  }

  private startForms(): StartForms {
    if (!this.forms) {
      const table = this.table!;
      const set = (at: number) => (at < 0 ? null : table.setForms(at));
      const number = this.tableNumber;
      this.forms = { first: set(table.firstSet(number)), second: set(table.secondSet(number)), required: Array.from(table.requiredSets(number), set) as Forms[] };
    }
    return this.forms;
  }

  get first(): Forms | null {
    return this.startForms().first;
  }

  get required(): readonly Forms[] {
    return this.startForms().required;
  }

  get next(): Forms | null {
    const forms = this.startForms();
    // A table pattern's is read with its start forms.
    if (forms.second === undefined) forms.second = secondForms(buildNfa(this.nodes!));
    return forms.second;
  }

  get matcher(): Matcher {
    return (this.built ??= matcherOf(this.table ? this.table.nfaIds(this.tableNumber) : buildNfa(this.nodes!)));
  }
}

/**
 * The start forms and NFAs of every pattern of the built-in pack, worked out when the pack is built,
 * so a linter indexes the built-in rules without parsing their patterns, and builds the matchers it
 * needs without parsing them either. Compact: it ships in the pack (see start-table.ts).
 */
export type { PatternStarts } from './start-table';

/** A start table read back for the pattern sources it was made for (see compilePack). */
export interface KnownStarts {
  macros: Record<string, string>;
  table: StartTable;
  /**
   * A source's pattern number in the table (undefined: not in it, or the table was made for other sources).
   * Worked out on the first call: the shipped pack never calls it, as it names its patterns by number.
   */
  numberOf(source: string): number | undefined;
}

/**
 * The shipped pack names each of its patterns by its number in the start table instead of writing it out
 * (the sources were a third of it): a private-use character, which no pattern has, then the number.
 */
const TABLE_REFERENCE = '\uE000';

export function tableReference(number: number): string {
  return TABLE_REFERENCE + number;
}

function referencedNumber(source: string): number | undefined {
  return source.startsWith(TABLE_REFERENCE) ? Number(source.slice(1)) : undefined;
}

/** Every distinct pattern source of a pack's rules and of its draft checks, in a fixed order. */
export function patternSources(pack: RulePack, draft: DraftConfig | undefined): string[] {
  // Into one set as they are read: a new tab runs this unoptimised, where a list per rule and field was most of its time.
  const sources = new Set<string>();
  const add = (list: readonly string[] | undefined) => list?.forEach((source) => sources.add(source));
  pack.rules.forEach(({ match, except, 'followed-by': followedBy, 'preceded-by': precededBy }) => {
    add(match);
    add(except?.before);
    add(except?.after);
    add(except?.earlier);
    add(except?.later);
    add(except?.match);
    add(followedBy);
    add(precededBy);
  });
  if (draft) Object.values(draft.patterns).forEach(add);
  return [...sources];
}

/** The start forms and NFAs of `sources` (distinct), parsed with `macros` (already validated). */
export function patternStarts(sources: readonly string[], macros: Record<string, string>): PatternStarts {
  const { compilePattern, compile } = compilePack({ macros, rules: [] });
  const words: string[] = [];
  const wordAt = new Map<string, number>();
  const sets: number[][] = [];
  const setAt = new Map<string, number>();
  const position = (forms: Forms) => {
    // In ascending order, as encodeAscending stores them: a macro's words are numbered one after another.
    const set = [...forms].sort().map((form) => {
      let at = wordAt.get(form);
      if (at === undefined) wordAt.set(form, (at = words.push(form) - 1));
      return at;
    }).sort((a, b) => a - b);
    const key = set.join(' ');
    let at = setAt.get(key);
    if (at === undefined) setAt.set(key, (at = sets.push(set) - 1));
    return at;
  };
  const patterns = sources.map((source) => {
    const { first, next, required } = compilePattern(source);
    return [first ? position(first) : -1, next ? position(next) : -1, ...required.map(position)];
  });
  const nfas = sources.map((source) => {
    const { op, out1, out2, forms, entry } = buildNfa(compile(source));
    return [entry, ...op.flatMap((kind, s) => [kind === WORD_STATE ? position(forms[s]!) : -kind, out1[s], out2[s]])];
  });
  // What the index reads per word: the patterns that can start with it or go on with it, and the required sets it meets.
  const startingWith = words.map((): number[] => []);
  patterns.forEach(([first], pattern) => first >= 0 && sets[first].forEach((word) => startingWith[word].push(pattern)));
  const secondWith = words.map((): number[] => []);
  patterns.forEach(([, second], pattern) => second >= 0 && sets[second].forEach((word) => secondWith[word].push(pattern)));
  const requiredWith = words.map((): number[] => []);
  [...new Set(patterns.flatMap((list) => list.slice(2)))].sort((a, b) => a - b).forEach((set) => sets[set].forEach((word) => requiredWith[word].push(set)));
  const common = mostShared((word) => requiredWith[word].length, words.length, COMMON_WORDS);
  const encode = encodeNumberLists;
  const order = words.map((_, at) => at).sort((a, b) => (words[a] < words[b] ? -1 : words[a] > words[b] ? 1 : 0));
  return { macros, words, order: encode([order]), sets: encodeAscending(sets), patterns: encode(patterns), nfas: encode(nfas), startingWith: encodeAscending(startingWith), secondWith: encodeAscending(secondWith), requiredWith: encodeAscending(requiredWith), common };
}

/** The table read back for the sources it was made for (`sources` gives them, when a source is first looked up). */
export function knownStarts(starts: PatternStarts, sources: () => readonly string[]): KnownStarts {
  const table = new StartTable(starts);
  let numbers: Map<string, number> | undefined;
  const numberOf = (source: string) => {
    if (!numbers) {
      const list = sources();
      numbers = new Map(list.length === table.patternCount ? list.map((s, i) => [s, i]) : []);
    }
    return numbers.get(source);
  };
  return { macros: starts.macros, table, numberOf };
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
  /** A match counts only when one of these ends right before it (empty: always). */
  precededBy: CompiledPattern[];
  /** Not a match when one of these matches the matched words themselves ("%caps" but not "@plain-codes"). */
  unless: CompiledPattern[];
}

export interface CompiledPack {
  rules: CompiledRule[];
  /** Resolve a macro by name. */
  macro(name: string): Node[];
  /** Parse a pattern with this pack's macros; throws PatternError. */
  compile(pattern: string): Node[];
  /** Parse and compile a pattern for matching with its start forms (draft checks); throws PatternError. */
  compilePattern(pattern: string): CompiledPattern;
  /** The start table its patterns were read from, if any: the index reads them there (see StartIndex). */
  table?: StartTable;
}

/**
 * Compile patterns of one or more packs; later packs' macros extend earlier ones. Throws a PackError
 * at the first bad macro or pattern, or, with `report`, hands each to it and leaves that pattern out.
 */
export function compilePack(
  pack: RulePack,
  file = 'pack',
  macroBase: Record<string, string> = {},
  report?: (problem: PackError) => void,
  starts?: KnownStarts,
): CompiledPack {
  const macros = { ...macroBase, ...pack.macros };
  // The table's patterns were parsed and checked when it was made, with these macros.
  const table = starts && Object.entries(starts.macros).every(([name, source]) => macros[name] === source) ? starts : undefined;
  const cache = new Map<string, Node[]>();
  const resolving = new Set<string>();
  const macro = (name: string): Node[] => {
    const hit = cache.get(name);
    if (hit) return hit;
    const source = macros[name];
    if (source === undefined) throw new PatternError(`unknown macro @${name}`);
    if (resolving.has(name)) throw new PatternError(`macro @${name} refers to itself`);
    resolving.add(name);
    try {
      const nodes = parsePattern(source, macro);
      cache.set(name, nodes);
      return nodes;
    } finally {
      resolving.delete(name);
    }
  };
  const fail = (problem: PackError) => {
    if (!report) throw problem;
    report(problem);
  };
  for (const name of Object.keys(pack.macros)) {
    if (table?.macros[name] !== undefined) continue;
    try {
      macro(name);
    } catch (e) {
      fail(new PackError(file, undefined, `macros.${name}`, (e as Error).message));
    }
  }
  const compile = (source: string): Node[] => {
    const nodes = parsePattern(source, macro);
    checkSize(nodes);
    return nodes;
  };
  // Patterns compiled before with the same macros are reused: a pack is compiled once to validate it
  // and again, merged with the built-in rules, for the linter.
  const known = compiledWith(macros);
  const compilePattern = (source: string): CompiledPattern => {
    const referenced = referencedNumber(source);
    if (referenced !== undefined && !table) throw new PatternError('starts with U+E000, which only the shipped pack uses (to refer to its start table)');
    let pattern = known.get(source);
    if (!pattern) {
      const number = referenced ?? table?.numberOf(source);
      pattern = number !== undefined ? CompiledPattern.fromTable(table!.table, number) : CompiledPattern.parsed(compile(source));
      known.set(source, pattern);
    }
    return pattern;
  };
  const rules = pack.rules.map((spec): CompiledRule => {
    const compileField = (field: string, list: readonly string[] = []) => {
      const patterns: CompiledPattern[] = [];
      list.forEach((source, i) => {
        try {
          patterns.push(compilePattern(source));
        } catch (e) {
          fail(new PackError(file, spec.id, `${field}[${i}]`, (e as Error).message));
        }
      });
      return patterns;
    };
    return {
      spec,
      patterns: compileField('match', spec.match),
      before: compileField('except.before', spec.except?.before),
      after: compileField('except.after', spec.except?.after),
      earlier: compileField('except.earlier', spec.except?.earlier),
      later: compileField('except.later', spec.except?.later),
      followedBy: compileField('followed-by', spec['followed-by']),
      precededBy: compileField('preceded-by', spec['preceded-by']),
      unless: compileField('except.match', spec.except?.match),
    };
  });
  return { rules, macro, compile, compilePattern, ...(table ? { table: table.table } : {}) };
}

/** Compiled patterns by source, for the last few macro sets (the built-in ones, and with each pack's). */
const compiledByMacros: { key: string; patterns: Map<string, CompiledPattern> }[] = [];

function compiledWith(macros: Record<string, string>): Map<string, CompiledPattern> {
  const key = JSON.stringify(macros);
  let entry = compiledByMacros.find((e) => e.key === key);
  if (!entry) {
    compiledByMacros.unshift((entry = { key, patterns: new Map() }));
    compiledByMacros.length = Math.min(compiledByMacros.length, 3);
  }
  return entry.patterns;
}

function checkSize(nodes: readonly Node[]): void {
  const words = expandedWords(nodes);
  if (words <= MAX_PATTERN_WORDS) return;
  const culprit = largestMacro(nodes);
  const alone = culprit && culprit.words < words ? ` (which alone stands for ${count(culprit.words)})` : '';
  const through = culprit ? ` through macro @${culprit.name}${alone}` : '';
  throw new PatternError(
    `expands to ${count(words)} words${through}; a pattern may stand for at most ${count(MAX_PATTERN_WORDS)}: use fewer nested macros or write the alternatives out`,
  );
}

const count = (n: number) => (n > 1e9 ? 'over a billion' : n.toLocaleString('en'));

/**
 * Merge several validated packs into one (rule ids must stay unique; every clash is reported). The
 * same packs give the same merged object, so a linter re-created for unchanged packs (settings
 * reloaded on every storage change) reuses their compiled patterns.
 */
export function mergePacks(packs: readonly { pack: RulePack; file: string }[]): RulePack {
  const hit = recentMerges.find((m) => m.inputs.length === packs.length && m.inputs.every((p, i) => p.pack === packs[i].pack && p.file === packs[i].file));
  if (hit) return hit.merged;
  const out: RulePack = { macros: {}, rules: [] };
  const owner = new Map<string, string>();
  const clashes: PackError[] = [];
  for (const { pack, file } of packs) {
    Object.assign(out.macros, pack.macros);
    for (const rule of pack.rules) {
      const prior = owner.get(rule.id);
      if (prior) {
        clashes.push(new PackError(file, rule.id, 'id', `is already defined in ${prior}`));
        continue;
      }
      owner.set(rule.id, file);
      out.rules.push(rule);
    }
  }
  if (clashes.length) throw combinedError(clashes);
  recentMerges.unshift({ inputs: packs.map(({ pack, file }) => ({ pack, file })), merged: out });
  recentMerges.length = Math.min(recentMerges.length, 4);
  return out;
}

const recentMerges: { inputs: { pack: RulePack; file: string }[]; merged: RulePack }[] = [];

export { PatternError };
