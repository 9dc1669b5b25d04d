/**
 * createLinter(): phrase rules matched per sentence (cached by sentence text,
 * so a keystroke re-lints only the sentence that changed), then the
 * whole-draft checks over cheap per-sentence facts.
 */
import { advance, longestMatch, matchesEndingAt } from './pattern';
import { compilePack, mergePacks, type CompiledPack, type CompiledRule, type CompiledPattern } from './pack';
import { splitSentences, type Range } from './sentences';
import { tokenize, type Token } from './tokenize';
import { fitRewrite } from './rewrite';
import { builtinPack, hasBuiltinPack } from './builtin';
import { runDraftChecks, compileDraftChecks, type DraftSentence, type DraftConfig } from './draft';
import type { Finding, LintContext, LinterOptions, Commitment, RuleSpec, RulePack, Severity } from './types';

/** Longer inputs are checked up to this many characters; a draft finding says so. */
export const MAX_LINT_CHARS = 100_000;
const CACHE_LIMIT = 5_000;
const SEVERITY_RANK: Record<Severity, number> = { suggestion: 0, warning: 1, problem: 2 };

interface SentenceMatch {
  rule: CompiledRule;
  /** Offsets relative to the sentence start. */
  start: number;
  end: number;
  atSentenceStart: boolean;
}

interface SentenceResult {
  tokens: Token[];
  matches: SentenceMatch[];
  facts: DraftSentence;
}

export interface Linter {
  lint(text: string, context?: LintContext): Finding[];
  /** Sentences that commit the agent to something (follow-ups for the decision map). */
  commitments(text: string): Commitment[];
  readonly rules: readonly RuleSpec[];
}

export function createLinter(options: LinterOptions = {}): Linter {
  const base = resolveBase(options.basePack);
  const merged = options.packs?.length
    ? mergePacks([{ pack: base.pack, file: 'built-in rules' }, ...options.packs.map((pack, i) => ({ pack, file: `pack ${i + 1}` }))])
    : base.pack;
  const compiled: CompiledPack = compilePack(merged);
  const disabledRules = new Set(options.disabledRules ?? []);
  const disabledCategories = new Set<string>(options.disabledCategories ?? []);
  const active = compiled.rules.filter((r) => !disabledRules.has(r.spec.id) && !disabledCategories.has(r.spec.category));
  const severityOf = (rule: CompiledRule): Severity => options.severities?.[rule.spec.id] ?? rule.spec.severity;
  const draftChecks = disabledCategories.has('draft') || !base.draft ? null : compileDraftChecks(base.draft, compiled, disabledRules);

  // Index patterns by the token forms they can start with.
  const byFirst = new Map<string, { rule: CompiledRule; pattern: CompiledPattern }[]>();
  const anyStart: { rule: CompiledRule; pattern: CompiledPattern }[] = [];
  for (const rule of active) {
    for (const pattern of rule.patterns) {
      if (pattern.first === null) anyStart.push({ rule, pattern });
      else for (const form of pattern.first) {
        let list = byFirst.get(form);
        if (!list) byFirst.set(form, (list = []));
        list.push({ rule, pattern });
      }
    }
  }

  const cache = new Map<string, SentenceResult>();

  function lintSentence(sentence: string): SentenceResult {
    const hit = cache.get(sentence);
    if (hit) return hit;
    const tokens = tokenize(sentence);
    const firstWord = tokens.findIndex((t) => !t.punct);
    const raw: SentenceMatch[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const candidates = new Set(anyStart);
      for (const form of tokens[i].forms) for (const c of byFirst.get(form) ?? []) candidates.add(c);
      for (const { rule, pattern } of candidates) {
        const end = longestMatch(pattern.nodes, tokens, i);
        if (end < 0) continue;
        if (rule.before.some((nodes) => matchesEndingAt(nodes, tokens, i))) continue;
        if (rule.after.some((nodes) => advance(nodes, tokens, new Set([end])).size > 0)) continue;
        // Spans never start or end on punctuation a softener slot swallowed.
        let first = i;
        let last = end - 1;
        while (first < last && tokens[first].punct) first++;
        while (last > first && tokens[last].punct) last--;
        raw.push({ rule, start: tokens[first].start, end: tokens[last].end, atSentenceStart: first === firstWord });
      }
    }
    const result: SentenceResult = { tokens, matches: raw, facts: draftChecks ? draftChecks.facts(tokens, sentence) : emptyFacts };
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(sentence, result);
    return result;
  }

  function analyse(text: string): { sentences: (Range & SentenceResult)[]; truncated: boolean } {
    const truncated = text.length > MAX_LINT_CHARS;
    const ranges = splitSentences(text, truncated ? MAX_LINT_CHARS : text.length);
    return { sentences: ranges.map((r) => ({ ...r, ...lintSentence(text.slice(r.start, r.end)) })), truncated };
  }

  return {
    rules: active.map((r) => r.spec),
    lint(text, context) {
      if (typeof text !== 'string' || text.length === 0) return [];
      const { sentences, truncated } = analyse(text);
      const findings: Finding[] = [];
      sentences.forEach((s, index) => {
        for (const m of s.matches) {
          if (m.rule.earlier.length && appearsEarlier(m.rule, sentences, index, m.start)) continue;
          findings.push(toFinding(text, s.start, m, severityOf(m.rule)));
        }
      });
      const phrase = removeOverlaps(findings);
      const draft = draftChecks ? runDraftChecks(draftChecks, text, sentences, context) : [];
      const all = removeOverlaps([...phrase, ...draft], true);
      if (truncated) {
        all.push({
          ruleId: 'draft/too-long',
          category: 'draft',
          severity: 'suggestion',
          start: MAX_LINT_CHARS,
          end: text.length,
          message: `Only the first ${MAX_LINT_CHARS.toLocaleString('en')} characters were checked; the rest of this text was not.`,
          rewrites: [],
        });
      }
      return all;
    },
    commitments(text) {
      if (!draftChecks || typeof text !== 'string') return [];
      return analyse(text).sentences.filter((s) => s.facts.commitment).map((s) => ({ start: s.start, end: s.end, text: text.slice(s.start, s.end) }));
    },
  };
}

/** A bare rule pack keeps the registered draft checks when there are any. */
function resolveBase(basePack: LinterOptions['basePack']): { pack: RulePack; draft?: DraftConfig } {
  if (!basePack) return builtinPack();
  if ('pack' in basePack) return basePack;
  return { pack: basePack, draft: hasBuiltinPack() ? builtinPack().draft : undefined };
}

const emptyFacts: DraftSentence = { words: 0, apology: false, action: false, hedges: [], acknowledgement: false, fixOpener: false, commitment: false };

function appearsEarlier(rule: CompiledRule, sentences: readonly SentenceResult[], index: number, matchStart: number): boolean {
  for (let i = 0; i <= index; i++) {
    const tokens = i === index ? sentences[i].tokens.filter((t) => t.end <= matchStart) : sentences[i].tokens;
    for (const nodes of rule.earlier) for (let t = 0; t < tokens.length; t++) if (longestMatch(nodes, tokens, t) > 0) return true;
  }
  return false;
}

function toFinding(text: string, offset: number, m: SentenceMatch, severity: Severity): Finding {
  const { spec } = m.rule;
  return {
    ruleId: spec.id,
    category: spec.category,
    severity,
    start: offset + m.start,
    end: offset + m.end,
    message: spec.message,
    rewrites: spec.rewrites.map((r) => fitRewrite(r, m.atSentenceStart)),
    ...(spec.script ? { script: spec.script } : {}),
  };
}

/**
 * Keep findings disjoint: on overlap the more severe wins, then the longer, then the earlier.
 * With `keepPhrase`, phrase findings always beat draft findings (the draft ones are broader).
 */
function removeOverlaps(findings: Finding[], keepPhrase = false): Finding[] {
  const score = (f: Finding) =>
    (keepPhrase && f.category !== 'draft' ? 1e9 : 0) + SEVERITY_RANK[f.severity] * 1e6 + (f.end - f.start);
  const byStart = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Finding[] = [];
  // Only findings in one overlapping cluster compete, so this stays linear for long drafts.
  for (let i = 0; i < byStart.length; ) {
    let j = i + 1;
    let clusterEnd = byStart[i].end;
    while (j < byStart.length && byStart[j].start < clusterEnd) clusterEnd = Math.max(clusterEnd, byStart[j++].end);
    const ranked = byStart.slice(i, j).sort((a, b) => score(b) - score(a) || a.start - b.start);
    const chosen: Finding[] = [];
    for (const f of ranked) if (!chosen.some((k) => f.start < k.end && k.start < f.end)) chosen.push(f);
    kept.push(...chosen.sort((a, b) => a.start - b.start));
    i = j;
  }
  return kept;
}
