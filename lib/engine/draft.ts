/**
 * Whole-draft checks (content spec section 2). The word lists and thresholds
 * are data in rules/draft.yaml; each sentence is reduced once to a few facts
 * (cached with the sentence), and the checks aggregate those facts.
 */
import { z } from 'zod';
import { longestMatch, type Node } from './pattern';
import { PackError, type CompiledPack } from './pack';
import type { Token } from './tokenize';
import { SEVERITIES, type Finding, type LintContext } from './types';
import type { Range } from './sentences';

const check = z.strictObject({
  severity: z.enum(SEVERITIES),
  message: z.string().min(1),
});

export const draftSchema = z.strictObject({
  patterns: z.strictObject({
    apology: z.array(z.string()).min(1),
    action: z.array(z.string()).min(1),
    hedge: z.array(z.string()).min(1),
    acknowledgement: z.array(z.string()).min(1),
    'fix-opener': z.array(z.string()).min(1),
    commitment: z.array(z.string()).min(1),
    greeting: z.array(z.string()).min(1),
  }),
  checks: z.strictObject({
    'over-apologising': check.extend({ 'min-apologies': z.number().int().min(2) }),
    'apology-without-action': check,
    'over-explaining': check.extend({
      'max-sentence-words': z.number().int().positive(),
      'max-paragraph-words': z.number().int().positive(),
    }),
    'hedge-density': check.extend({ 'min-hedges': z.number().int().min(2) }),
    'missing-acknowledgement': check,
  }),
  /** Customer sentiment below this counts as upset. */
  'upset-below': z.number().min(-1).max(1),
});
export type DraftConfig = z.infer<typeof draftSchema>;

export function validateDraftConfig(data: unknown, file: string): DraftConfig {
  const parsed = draftSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new PackError(file, undefined, issue.path.join('.') || '(top level)', issue.message);
}

/** Per-sentence facts the checks need. */
export interface DraftSentence {
  words: number;
  apology: boolean;
  action: boolean;
  /** Hedge spans, relative to the sentence. */
  hedges: Range[];
  acknowledgement: boolean;
  fixOpener: boolean;
  commitment: boolean;
  greeting?: boolean;
}

export interface CompiledDraftChecks {
  config: DraftConfig;
  enabled: (id: string) => boolean;
  facts(tokens: Token[], sentence: string): DraftSentence;
}

export function compileDraftChecks(config: DraftConfig, pack: CompiledPack, disabled: ReadonlySet<string>): CompiledDraftChecks {
  const lists = Object.fromEntries(
    Object.entries(config.patterns).map(([name, sources]) => [name, sources.map((s) => pack.compile(s))]),
  ) as Record<keyof DraftConfig['patterns'], Node[][]>;
  const anywhere = (list: Node[][], tokens: Token[]) => {
    for (let i = 0; i < tokens.length; i++) for (const nodes of list) if (longestMatch(nodes, tokens, i) > 0) return true;
    return false;
  };
  const atStart = (list: Node[][], tokens: Token[]) => {
    const first = tokens.findIndex((t) => !t.punct);
    return first >= 0 && list.some((nodes) => longestMatch(nodes, tokens, first) > 0);
  };
  return {
    config,
    enabled: (id) => !disabled.has(`draft/${id}`),
    facts(tokens, sentence) {
      const hedges: Range[] = [];
      for (let i = 0; i < tokens.length; i++) {
        for (const nodes of lists.hedge) {
          const end = longestMatch(nodes, tokens, i);
          if (end > 0) {
            hedges.push({ start: tokens[i].start, end: tokens[end - 1].end });
            i = end - 1;
            break;
          }
        }
      }
      return {
        words: tokens.filter((t) => !t.punct).length,
        apology: anywhere(lists.apology, tokens),
        action: anywhere(lists.action, tokens),
        hedges,
        acknowledgement: anywhere(lists.acknowledgement, tokens),
        fixOpener: atStart(lists['fix-opener'], tokens),
        commitment: anywhere(lists.commitment, tokens) && !sentence.trimEnd().endsWith('?'),
        greeting: atStart(lists.greeting, tokens) && tokens.filter((t) => !t.punct).length <= 6,
      };
    },
  };
}

type Sentence = Range & { facts: DraftSentence };

export function runDraftChecks(draft: CompiledDraftChecks, text: string, sentences: readonly Sentence[], context?: LintContext): Finding[] {
  const { checks } = draft.config;
  const out: Finding[] = [];
  const add = (id: keyof DraftConfig['checks'], start: number, end: number) => {
    if (!draft.enabled(id)) return;
    const { severity, message } = checks[id];
    out.push({ ruleId: `draft/${id}`, category: 'draft', severity, start, end, message, rewrites: [] });
  };
  const upset = context?.customerSentiment !== undefined && context.customerSentiment < draft.config['upset-below'];

  const apologies = sentences.filter((s) => s.facts.apology);
  if (apologies.length >= checks['over-apologising']['min-apologies']) {
    const s = apologies[checks['over-apologising']['min-apologies'] - 1];
    add('over-apologising', s.start, s.end);
  } else if (apologies.length > 0 && !sentences.some((s) => s.facts.action || s.facts.commitment)) {
    add('apology-without-action', apologies[0].start, apologies[0].end);
  }

  const hedges = sentences.flatMap((s) => s.facts.hedges.map((h) => ({ start: s.start + h.start, end: s.start + h.end })));
  const minHedges = checks['hedge-density']['min-hedges'];
  if (hedges.length >= minHedges) add('hedge-density', hedges[minHedges - 1].start, hedges[minHedges - 1].end);

  if (upset) {
    const limits = checks['over-explaining'];
    const longSentence = sentences.find((s) => s.facts.words > limits['max-sentence-words']);
    const longParagraph = longParagraphOf(text, sentences, limits['max-paragraph-words']);
    const target = longSentence ?? longParagraph;
    if (target) add('over-explaining', target.start, target.end);

    const opening = sentences.find((s) => !s.facts.greeting);
    if (opening && !opening.facts.acknowledgement && opening.facts.fixOpener) add('missing-acknowledgement', opening.start, opening.end);
  }
  return out;
}

/** The first paragraph (sentences between blank lines) longer than `maxWords`, as its first sentence's range. */
function longParagraphOf(text: string, sentences: readonly Sentence[], maxWords: number): Range | undefined {
  let words = 0;
  let first: Sentence | undefined;
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i];
    const gap = i > 0 ? text.slice(sentences[i - 1].end, s.start) : '';
    if (/\n\s*\n/.test(gap)) {
      words = 0;
      first = undefined;
    }
    first ??= s;
    words += s.facts.words;
    if (words > maxWords) return { start: first.start, end: s.end };
  }
  return undefined;
}
