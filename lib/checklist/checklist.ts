/**
 * The pre-reply checklist (rules/checklist.yaml), evaluated on the draft.
 * Pure: uses the engine's tokenizer, sentence splitter and pattern language.
 */
import { z } from 'zod';
import { compilePack, PackError } from '../engine/pack';
import { describeZodError } from '../engine/schema-error';
import { longestMatch, matchesEndingAt, type Node } from '../engine/pattern';
import { splitSentences, type Range } from '../engine/sentences';
import { tokenize, type Token } from '../engine/tokenize';
import { PHRASE_CATEGORIES, type Category } from '../engine/types';
import { placeholdersIn } from '../engine/rewrite';

export const CHECKLIST_FILE = 'checklist.yaml';

const patterns = z.array(z.string().trim().min(1)).min(1);
export const checklistItemSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case'),
  label: z.string().min(1),
  'look-in': z.enum(['opening', 'closing', 'anywhere']),
  question: z.boolean().optional(),
  'except-closing': z.boolean().optional(),
  pass: patterns,
  'bare-apology': patterns.optional(),
  /** Short opening sentences ("Hi Kyle, thanks for getting in touch.") that don't use up the opening's two sentences. */
  'lead-in': patterns.optional(),
  /** The item cannot pass while the draft has a finding of one of these categories. */
  'blocked-by': z.array(z.enum(PHRASE_CATEGORIES)).min(1).optional(),
  /** A pass match does not count right after an `except.before` phrase or right before an `except.after` one. */
  except: z.strictObject({ before: patterns.optional(), after: patterns.optional() }).optional(),
  /**
   * A numbered list introduced by one of these phrases ("follow these steps: 1. … 2. …") is a how-to.
   * `steps: skip` — its introduction and steps don't count for the item; `steps: pass` — a how-to passes the item.
   */
  'how-to': z.strictObject({ intro: patterns, steps: z.enum(['skip', 'pass']) }).optional(),
  /** Drafts the item must pass, and drafts it must not (run by the unit tests). */
  examples: z.strictObject({ pass: z.array(z.string().min(1)).min(1), missing: z.array(z.string().min(1)).min(1) }),
  reasons: z.strictObject({ pass: z.string().min(1), missing: z.string().min(1), bare: z.string().min(1).optional(), blocked: z.string().min(1).optional() }),
});
export type ChecklistItemSpec = z.infer<typeof checklistItemSchema>;

export type ItemStatus = 'pass' | 'missing' | 'not-applicable';

export interface ChecklistResult {
  id: string;
  label: string;
  status: ItemStatus;
  reason: string;
  /** Where in the draft the item was satisfied. */
  evidence?: Range;
}

export interface ChecklistContext {
  /** True when the customer has not written anything negative: the acknowledgement is then optional. */
  customerCalm?: boolean;
  /** The draft's findings, so an item agrees with the underlines (a policy wall is no option). */
  findings?: readonly { category: Category }[];
}

interface CompiledItem {
  spec: ChecklistItemSpec;
  pass: Node[][];
  bare: Node[][];
  leadIn: Node[][];
  before: Node[][];
  after: Node[][];
  stepsIntro: Node[][];
}

export interface Checklist {
  items: readonly ChecklistItemSpec[];
  evaluate(draft: string, context?: ChecklistContext): ChecklistResult[];
}

export function createChecklist(data: unknown, macros: Record<string, string>, file = `rules/${CHECKLIST_FILE}`): Checklist {
  const list = (data as { items?: unknown })?.items;
  if (!Array.isArray(list)) throw new PackError(file, undefined, 'items', 'must be a list of checklist items');
  // The checklist's own word groups (`macros:` in the file) extend the lexicon's.
  const own = checklistMacrosSchema.safeParse((data as { macros?: unknown }).macros ?? {});
  if (!own.success) throw new PackError(file, undefined, 'macros', describeZodError(own.error, 'macros').problem);
  const { compile } = compilePack({ macros: { ...macros, ...own.data }, rules: [] }, file);
  const compiled: CompiledItem[] = list.map((raw, i) => {
    const label = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id : `#${i + 1}`;
    const parsed = checklistItemSchema.safeParse(raw);
    if (!parsed.success) {
      const { field, problem } = describeZodError(parsed.error, '(item)');
      throw new PackError(file, label, field, problem);
    }
    const compileAll = (field: string, sources: readonly string[] = []) =>
      sources.map((s, j) => {
        try {
          return compile(s);
        } catch (e) {
          throw new PackError(file, label, `${field}[${j}]`, (e as Error).message);
        }
      });
    const { except } = parsed.data;
    return {
      spec: parsed.data,
      pass: compileAll('pass', parsed.data.pass),
      bare: compileAll('bare-apology', parsed.data['bare-apology']),
      leadIn: compileAll('lead-in', parsed.data['lead-in']),
      before: compileAll('except.before', except?.before),
      after: compileAll('except.after', except?.after),
      stepsIntro: compileAll('how-to.intro', parsed.data['how-to']?.intro),
    };
  });
  const closing = compiled.find((c) => c.spec.id === 'closing-check');

  return {
    items: compiled.map((c) => c.spec),
    evaluate(draft, context = {}) {
      const sentences = splitSentences(draft).map((r) => ({ ...r, text: draft.slice(r.start, r.end), tokens: tokenize(draft.slice(r.start, r.end)) }));
      const body = withoutSignOff(sentences.filter((s, i) => !(i === 0 && isGreeting(s.text))));
      return compiled.map(({ spec, pass, bare, leadIn, before, after, stepsIntro }) => {
        const result = (status: ItemStatus, reason: string, evidence?: Range): ChecklistResult => ({ id: spec.id, label: spec.label, status, reason, ...(evidence ? { evidence } : {}) });
        if (body.length === 0) return result('missing', 'Nothing written yet.');
        // A reply is not ready to close while a placeholder ("[by when]") is still in it.
        const unfilled = spec.id === 'closing-check' ? placeholdersIn(draft)[0] : undefined;
        if (unfilled) return result('missing', `Fill in ${unfilled.text} before sending.`, { start: unfilled.start, end: unfilled.end });
        const scope = spec['look-in'] === 'opening' ? body.slice(0, 2 + leadInCount(body, leadIn)) : spec['look-in'] === 'closing' ? body.slice(-2) : body;
        const steps = stepsIntro.length ? stepsOf(sentences, stepsIntro) : new Set<(typeof sentences)[number]>();
        const howToPasses = spec['how-to']?.steps === 'pass';
        const candidates = scope.filter((s) => (howToPasses || !steps.has(s)) && (!spec.question || s.text.trimEnd().endsWith('?')) && !(spec['except-closing'] && closing && findIn(closing.pass, s.tokens)));
        const blockers = spec['blocked-by'];
        if (blockers && context.findings?.some((f) => (blockers as readonly Category[]).includes(f.category))) {
          return result('missing', spec.reasons.blocked ?? spec.reasons.missing);
        }
        const hit = candidates.find((s) => findIn(pass, s.tokens, before, after)) ?? (howToPasses ? [...steps][0] : undefined);
        if (hit) return result('pass', spec.reasons.pass, { start: hit.start, end: hit.end });
        if (spec.id === 'opening-acknowledgement' && context.customerCalm) {
          return result('not-applicable', 'The customer is not upset, so a plain greeting is enough.');
        }
        if (bare.length && spec.reasons.bare && scope.some((s) => findIn(bare, s.tokens))) return result('missing', spec.reasons.bare);
        return result('missing', spec.reasons.missing);
      });
    },
  };
}

/** How many of the first sentences are short lead-ins (a thanks for getting in touch) before the reply starts. */
function leadInCount(body: readonly { tokens: readonly Token[] }[], leadIn: readonly Node[][]): number {
  let n = 0;
  while (n < body.length && body[n].tokens.filter((t) => !t.punct).length <= LEAD_IN_WORDS && findIn(leadIn, body[n].tokens)) n++;
  return n;
}

const LEAD_IN_WORDS = 10;

const checklistMacrosSchema = z.record(z.string().regex(/^[a-z][a-z0-9-]*$/, 'macro names are lower-case words'), z.string().trim().min(1));

function findIn(list: readonly Node[][], tokens: readonly Token[], before: readonly Node[][] = [], after: readonly Node[][] = []): boolean {
  for (let i = 0; i < tokens.length; i++) {
    if (before.some((b) => matchesEndingAt(b, tokens, i))) continue;
    for (const nodes of list) {
      const end = longestMatch(nodes, tokens, i);
      if (end > 0 && !after.some((a) => longestMatch(a, tokens, end) > 0)) return true;
    }
  }
  return false;
}

/**
 * A how-to: the sentence that ends with "1." and matches `intro` ("follow these steps: 1."), and each sentence
 * that follows a list number ("1.", "2.").
 */
function stepsOf<S extends { text: string; tokens: readonly Token[] }>(sentences: readonly S[], intro: readonly Node[][]): Set<S> {
  const endsWithNumber = (s: S) => LIST_NUMBER.exec(s.text.trimEnd());
  const head = sentences.find((s) => endsWithNumber(s)?.[1] === '1' && findIn(intro, s.tokens));
  if (!head) return new Set();
  const steps = new Set([head]);
  for (let i = 1; i < sentences.length; i++) if (endsWithNumber(sentences[i - 1])) steps.add(sentences[i]);
  return steps;
}

const LIST_NUMBER = /(?:^|\s)(\d{1,2})\.$/;

const GREETINGS = new Set(['hi', 'hello', 'hey', 'dear', 'greetings', 'morning', 'afternoon', 'evening', 'good']);

/** "Hi Dana," — also after the @handles a Twitter reply starts with ("@773914 Hi Kyle."). */
function isGreeting(sentence: string): boolean {
  const words = tokenize(sentence.replace(LEADING_HANDLES, '')).filter((t) => !t.punct);
  return words.length > 0 && words.length <= 4 && GREETINGS.has(words[0].forms[0]);
}

const LEADING_HANDLES = /^\s*(?:@\w+\s+)+/;

/**
 * Drops what trails the reply itself: an agent's initials or name ("^Kev", "*HPF", "- Kelly"), a
 * thread marker ("1/2", "(2/3)") and a link left on its own ("https://t.co/3qc"), so the closing check
 * looks at the last sentences the customer reads.
 */
function withoutSignOff<S extends { text: string }>(body: S[]): S[] {
  let end = body.length;
  while (end > 1 && isSignOff(body[end - 1].text)) end--;
  return body.slice(0, end);
}

function isSignOff(sentence: string): boolean {
  const rest = sentence.trim().replace(LINK_FIRST, '').trim();
  return rest === '' || SIGN_OFF.test(rest);
}

const LINK_FIRST = /^(?:https?:\/\/|www\.)\S+/i;

const SIGN_OFF = /^(?=\S)(?:[\^*~–—-]\s*[\p{L}.]+(?:\s[\p{L}.]+)?)?\s*(?:\(?\d{1,2}\s*\/\s*\d{1,2}\)?)?$/u;
