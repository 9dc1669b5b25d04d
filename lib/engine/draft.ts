/**
 * Whole-draft checks (content spec section 2). The word lists and thresholds
 * are data in rules/draft.yaml; each sentence is reduced once to a few facts
 * (cached with the sentence), and the checks aggregate those facts.
 */
import { z } from 'zod';
import { longestMatch, shortestMatch } from './pattern';
import { PackError, type CompiledPack, type CompiledPattern } from './pack';
import { describeZodError } from './schema-error';
import { lazy } from './lazy';
import type { Token } from './tokenize';
import { SEVERITIES, type LintContext } from './types';
import type { Range } from './sentences';

/** rules/draft.yaml's schema (built on first use, see lazy). */
export const draftSchema = lazy(() => {
  const check = z.strictObject({
    severity: z.enum(SEVERITIES),
    message: z.string().min(1),
  });
  return z.strictObject({
    patterns: z.strictObject({
      apology: z.array(z.string()).min(1),
      action: z.array(z.string()).min(1),
      hedge: z.array(z.string()).min(1),
      acknowledgement: z.array(z.string()).min(1),
      'fix-opener': z.array(z.string()).min(1),
      commitment: z.array(z.string()).min(1),
      /** A stated time or deadline ("by Friday", "within 48 hours"); "ASAP" and "soon" are not times. */
      time: z.array(z.string()).min(1),
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
});
export type DraftConfig = z.infer<ReturnType<typeof draftSchema>>;

export function validateDraftConfig(data: unknown, file: string): DraftConfig {
  const parsed = draftSchema().safeParse(data);
  if (parsed.success) return parsed.data;
  const { field, problem } = describeZodError(parsed.error);
  throw new PackError(file, undefined, field, problem);
}

/** Per-sentence facts the checks need. */
export interface DraftSentence {
  words: number;
  apology: boolean;
  action: boolean;
  /** Hedge spans, relative to the sentence. */
  hedges: readonly Range[];
  acknowledgement: boolean;
  fixOpener: boolean;
  commitment: boolean;
  /** The sentence states a time or deadline. */
  timed: boolean;
  greeting: boolean;
}

export type DraftList = keyof DraftConfig['patterns'];

export interface CompiledDraftChecks {
  config: DraftConfig;
  patterns: { list: DraftList; pattern: CompiledPattern }[];
}

/** Compile the draft patterns with the pack's macros. Throws a PackError naming the field. */
export function compileDraftChecks(config: DraftConfig, pack: CompiledPack, file = 'rules/draft.yaml'): CompiledDraftChecks {
  const patterns = (Object.entries(config.patterns) as [DraftList, string[]][]).flatMap(([list, sources]) =>
    sources.map((source, i) => {
      try {
        return { list, pattern: pack.compilePattern(source) };
      } catch (e) {
        throw new PackError(file, undefined, `patterns.${list}[${i}]`, (e as Error).message);
      }
    }),
  );
  return { config, patterns };
}

/** The lists whose patterns set a flag (the first match settles it), as bits of SentenceFacts' `found`. */
const FLAG: Record<Exclude<DraftList, 'hedge'>, number> = { apology: 1, action: 2, acknowledgement: 4, commitment: 8, time: 16, 'fix-opener': 32, greeting: 64 };

/**
 * Collects one sentence's facts while the linter walks its tokens: it hands over each draft
 * pattern that may match at a token (consider), then closes the token (endToken).
 */
export class SentenceFacts {
  /** Flags of the lists found so far. */
  private found = 0;
  /** Null until a hedge is found (most sentences have none, and their facts stay cached with the linter). */
  private hedges: Range[] | null = null;
  private readonly firstWord: number;
  /** Hedges do not overlap: the next may start at this token. */
  private hedgeFree = 0;
  private hedgeEnd = -1;

  private words = 0;

  /** `firstWord`: index of the sentence's first non-punctuation token, or -1. */
  constructor(
    private readonly tokens: readonly Token[],
    firstWord: number,
  ) {
    this.firstWord = firstWord;
  }

  /** Whether patterns of `list` can still change the facts from token `i` (the opening lists only count at the first word). */
  wants(list: DraftList, i: number): boolean {
    if (list === 'hedge') return i >= this.hedgeFree;
    return (this.found & FLAG[list]) === 0 && ((list !== 'fix-opener' && list !== 'greeting') || i === this.firstWord);
  }

  /** `pattern`'s matcher is only built when the facts still need it (a list already found needs none). */
  consider(list: DraftList, pattern: CompiledPattern, i: number): void {
    if (!this.wants(list, i)) return;
    if (list === 'hedge') this.hedgeEnd = Math.max(this.hedgeEnd, longestMatch(pattern.matcher, this.tokens, i));
    // A flag needs any match, not the longest: the shortest ends the run at its first.
    else if (shortestMatch(pattern.matcher, this.tokens, i) >= 0) this.found |= FLAG[list];
  }

  endToken(i: number): void {
    if (!this.tokens[i].punct) this.words++;
    if (this.hedgeEnd > 0) {
      (this.hedges ??= []).push({ start: this.tokens[i].start, end: this.tokens[this.hedgeEnd - 1].end });
      this.hedgeFree = this.hedgeEnd;
      this.hedgeEnd = -1;
    }
  }

  /** The facts, once every token was closed with endToken. */
  result(sentence: string): DraftSentence {
    const { words } = this;
    let flags = this.found;
    if ((flags & FLAG.commitment) !== 0 && endsWithQuestionMark(sentence)) flags &= ~FLAG.commitment;
    if ((flags & FLAG.greeting) !== 0 && words > 6) flags &= ~FLAG.greeting;
    const shared = !this.hedges && words < SHARED_FACTS_WORDS;
    const key = (words << 7) | flags;
    if (shared && sharedFactsByKey[key]) return sharedFactsByKey[key];
    const facts: DraftSentence = {
      words,
      apology: (flags & FLAG.apology) !== 0,
      action: (flags & FLAG.action) !== 0,
      hedges: this.hedges ?? NO_HEDGES,
      acknowledgement: (flags & FLAG.acknowledgement) !== 0,
      fixOpener: (flags & FLAG['fix-opener']) !== 0,
      commitment: (flags & FLAG.commitment) !== 0,
      timed: (flags & FLAG.time) !== 0,
      greeting: (flags & FLAG.greeting) !== 0,
    };
    if (shared) sharedFactsByKey[key] = facts;
    return facts;
  }
}

/**
 * Facts without hedges are a word count and a few flags, so sentences alike share one object: a linter
 * keeps every sentence's facts in its cache, and fewer live objects make garbage collection cheaper.
 * Indexed by the word count and the flags.
 */
const SHARED_FACTS_WORDS = 256;
const sharedFactsByKey: (DraftSentence | undefined)[] = new Array<DraftSentence | undefined>(SHARED_FACTS_WORDS << 7).fill(undefined);

function endsWithQuestionMark(sentence: string): boolean {
  let end = sentence.length - 1;
  while (end >= 0 && /\s/.test(sentence[end])) end--;
  return sentence[end] === '?';
}

const NO_HEDGES: readonly Range[] = [];

export const NO_FACTS: DraftSentence = {
  words: 0, apology: false, action: false, hedges: NO_HEDGES, acknowledgement: false, fixOpener: false, commitment: false, timed: false, greeting: false,
};

type Sentence = Range & { facts: DraftSentence };

/** A whole-draft problem and where it could be shown, best place first (the linter picks one free of phrase findings). */
export interface DraftIssue {
  check: keyof DraftConfig['checks'];
  anchors: Range[];
}

/** Whether the customer counts as upset: below the draft checks' `upset-below` (-0.1 when a pack has no draft checks). */
export function isUpset(context: LintContext | undefined, config: DraftConfig | undefined): boolean {
  const sentiment = context?.customerSentiment;
  return sentiment !== undefined && sentiment < (config?.['upset-below'] ?? -0.1);
}

export function runDraftChecks(config: DraftConfig, text: string, sentences: readonly Sentence[], context?: LintContext): DraftIssue[] {
  const { checks } = config;
  const out: DraftIssue[] = [];
  const upset = isUpset(context, config);

  const apologies = sentences.filter((s) => s.facts.apology);
  const minApologies = checks['over-apologising']['min-apologies'];
  if (apologies.length >= minApologies) {
    out.push({ check: 'over-apologising', anchors: [...apologies.slice(minApologies - 1), ...apologies.slice(0, minApologies - 1)] });
  } else if (apologies.length > 0 && !sentences.some((s) => s.facts.action || s.facts.commitment)) {
    out.push({ check: 'apology-without-action', anchors: apologies });
  }

  const hedged = sentences.filter((s) => s.facts.hedges.length > 0);
  const hedges = hedged.flatMap((s) => s.facts.hedges.map((h) => ({ start: s.start + h.start, end: s.start + h.end })));
  const minHedges = checks['hedge-density']['min-hedges'];
  if (hedges.length >= minHedges) {
    out.push({ check: 'hedge-density', anchors: [...hedges.slice(minHedges - 1), ...hedges.slice(0, minHedges - 1), ...hedged] });
  }

  if (upset) {
    const limits = checks['over-explaining'];
    const longSentences = sentences.filter((s) => s.facts.words > limits['max-sentence-words']);
    const longParagraph = longParagraphOf(text, sentences, limits['max-paragraph-words']);
    const anchors = longParagraph ? [...longSentences, longParagraph] : longSentences;
    if (anchors.length) out.push({ check: 'over-explaining', anchors });

    const opening = sentences.find((s) => !s.facts.greeting);
    if (opening && !opening.facts.acknowledgement && opening.facts.fixOpener) out.push({ check: 'missing-acknowledgement', anchors: [opening] });
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
