/**
 * createLinter(): phrase rules matched per sentence (cached by sentence text,
 * so a keystroke re-lints only the sentence that changed), then the
 * whole-draft checks over cheap per-sentence facts.
 */
import { joined, longestMatch, longestWordMatch, matchesEndingAt, shortestMatch } from './pattern';
import { compilePack, knownStarts, mergePacks, patternSources, type CompiledPack, type CompiledPattern, type CompiledRule, type PatternStarts } from './pack';
import type { Matcher } from './pattern';
import { splitSentences, type Range } from './sentences';
import { tokenize, visibleLength, withoutInvisibles, type Token } from './tokenize';
import { ARTICLE_BEFORE, BREAK_BEFORE_LETTER, WORDS, breakSplice, concessionBreak, joinAcknowledgement, fitWordsAfter, takeDanglingDegree, takeOrderSoftener, contentEnd, contractionStyle, writesCurlyApostrophes, draftSpeaksAsWe, fitRewrites, offersRemoval, place, placeholdersIn, removalTail, speaksAsWe, withArticle } from './rewrite';
import { builtinPack, hasBuiltinPack } from './builtin';
import { StartIndex } from './start-index';
import { MODEL_RULE_ID, SentenceModel, type SentenceModelPack, type SentenceVerdict } from './sentence-model';
import { runDraftChecks, compileDraftChecks, isUpset, SentenceFacts, NO_FACTS, type CompiledDraftChecks, type DraftList, type DraftSentence, type DraftConfig, type DraftIssue } from './draft';
import type { Finding, LintContext, LinterOptions, Commitment, RuleSpec, RulePack, Severity, PhraseCategory } from './types';

/** Longer inputs are checked up to about this many characters; a draft finding says so. */
export const MAX_LINT_CHARS = 100_000;
/** Sentences remembered per linter (per cache generation): several long drafts' worth. */
const CACHE_LIMIT = 1_000;
const SEVERITY_RANK: Record<Severity, number> = { suggestion: 0, warning: 1, problem: 2 };

/** A phrase finding with offsets relative to its sentence, ready to copy into a lint result. */
interface SentenceMatch {
  rule: CompiledRule;
  finding: Finding;
  /** The pattern that matched and the token it matched from, so a trimmed span can be checked against it. */
  matcher: Matcher;
  from: number;
  /** The span was widened to whole words, so no rewrite written for the match fits it (see matchRule). */
  adviceOnly: boolean;
}

interface SentenceResult {
  matches: readonly SentenceMatch[];
  facts: DraftSentence;
  /** For rules with `except.earlier`: where the first of those earlier phrases ends in this sentence. */
  earlierEnds: Map<CompiledRule, number> | null;
  /** For rules with `except.later`: where the last of those later phrases starts in this sentence. */
  laterStarts: Map<CompiledRule, number> | null;
  /** What the sentence model makes of a sentence no rule matched, with the words it read (relative offsets). */
  verdict: (SentenceVerdict & Range) | null;
}

type Sentence = Range & SentenceResult;

/** What may match at a token: a rule's pattern, one of its except.earlier / except.later patterns, or a draft-check pattern. */
type Candidate =
  | { kind: 'rule'; rule: CompiledRule; pattern: CompiledPattern }
  | { kind: 'earlier'; rule: CompiledRule; pattern: CompiledPattern }
  | { kind: 'later'; rule: CompiledRule; pattern: CompiledPattern }
  | { kind: 'draft'; list: DraftList; pattern: CompiledPattern };

export interface Linter {
  lint(text: string, context?: LintContext): Finding[];
  /** Sentences that commit the agent to something (follow-ups for the decision map). */
  commitments(text: string): Commitment[];
  readonly rules: readonly RuleSpec[];
  /** Sentences looked up since this linter was made, and how many of them its cache answered (benches report these). */
  readonly sentenceCache: { readonly lookups: number; readonly hits: number };
}

export function createLinter(options: LinterOptions = {}): Linter {
  const base = resolveBase(options.basePack);
  const merged = options.packs?.length
    ? mergePacks([{ pack: base.pack, file: 'built-in rules' }, ...options.packs.map((pack, i) => ({ pack, file: `pack ${i + 1}` }))])
    : base.pack;
  // A pack validated against the built-in macros (validatePack's macroBase) can use them here too.
  // The built-in pack's start table spares parsing its patterns: each matcher is built from its NFA when first needed.
  const compiled =
    compiledPacks.get(merged) ??
    compilePack(merged, 'rule pack', hasBuiltinPack() ? builtinPack().pack.macros : {}, undefined, base.starts && knownStarts(base.starts, () => patternSources(base.pack, base.draft)));
  compiledPacks.set(merged, compiled);
  const disabledRules = new Set(options.disabledRules ?? []);
  const disabledCategories = new Set<string>(options.disabledCategories ?? []);
  const active = compiled.rules.filter((r) => !disabledRules.has(r.spec.id) && !disabledCategories.has(r.spec.category));
  const severityOf = (ruleId: string, fallback: Severity): Severity => options.severities?.[ruleId] ?? fallback;
  const rewriting = new Set(active.filter((r) => r.spec.rewrites.length).map((r) => r.spec.id));
  const draftChecks = disabledCategories.has('draft') || !base.draft ? null : draftChecksFor(base.draft, compiled);
  const index = indexFor(compiled, active, draftChecks);
  // Off by its rule id, or by its own group in the options (a category of its own there).
  const sentenceModel = base.sentences && !disabledRules.has(MODEL_RULE_ID) && !disabledCategories.has(MODEL_RULE_ID) ? modelFor(base.sentences) : null;
  // Only categories with advice are reported (see CategoryAdvice.reported), each from its own bar.
  const reportedCategories = sentenceModel && new Map(Object.entries(base.sentences!.advice).filter(([c]) => !disabledCategories.has(c)));
  // Rules the agent turned off still keep the model away from their phrases: turning off "calm down" must not bring it back as a model finding.
  const inactiveIndex = sentenceModel && active.length < compiled.rules.length ? indexFor(compiled, compiled.rules.filter((r) => !active.includes(r)), null) : null;

  // Two generations: when the recent one fills up it becomes the old one, so sentences still in use
  // (the rest of the draft, an agent's stock phrases) survive the turnover.
  let cache = new Map<string, SentenceResult>();
  let oldCache = new Map<string, SentenceResult>();
  const sentenceCache = { lookups: 0, hits: 0 };

  function lintSentence(sentence: string): SentenceResult {
    sentenceCache.lookups++;
    const hit = cache.get(sentence);
    if (hit) {
      sentenceCache.hits++;
      return hit;
    }
    const old = oldCache.get(sentence);
    if (old) {
      sentenceCache.hits++;
      return remember(sentence, old);
    }
    const tokens = withoutSignOff(sentence, tokenize(sentence));
    let firstWord = 0;
    while (firstWord < tokens.length && tokens[firstWord].punct) firstWord++;
    if (firstWord === tokens.length) firstWord = -1;
    // Null while nothing matched: most sentences match nothing, and their results are shared (withoutMatches).
    let matches: SentenceMatch[] | null = null;
    const facts = draftChecks ? new SentenceFacts(tokens, firstWord) : null;
    let earlier: Map<CompiledRule, number> | null = null;
    let later: Map<CompiledRule, number> | null = null;
    index.prepare(tokens);
    const found = index.found;
    for (let i = 0; i < tokens.length; i++) {
      for (let k = 0, count = index.candidates(tokens, i); k < count; k++) {
        const c = found[k];
        if (c.kind === 'draft') facts?.consider(c.list, c.pattern, i);
        else if (c.kind === 'earlier') earlier = noteEarlier(earlier, c.rule, c.pattern, tokens, i);
        else if (c.kind === 'later') later = noteLater(later, c.rule, c.pattern, tokens, i);
        else {
          const match = matchRule(c.rule, c.pattern.matcher, tokens, i);
          if (match) (matches ??= []).push(match);
        }
      }
      facts?.endToken(i);
    }
    const sentenceFacts = facts ? facts.result(sentence) : NO_FACTS;
    let verdict = !matches && sentenceModel ? modelVerdict(sentenceModel, tokens) : null;
    if (verdict && inactiveIndex && anyRuleMatches(inactiveIndex, tokens)) verdict = null;
    if (!matches && !earlier && !later && !verdict) return remember(sentence, withoutMatches(sentenceFacts));
    if (matches) splitJoinedPhrases(matches, tokens);
    return remember(sentence, { matches: matches ?? NO_MATCHES, facts: sentenceFacts, earlierEnds: earlier, laterStarts: later, verdict });
  }

  function remember(sentence: string, result: SentenceResult): SentenceResult {
    if (cache.size >= CACHE_LIMIT) {
      oldCache = cache;
      cache = new Map();
    }
    cache.set(sentence, result);
    return result;
  }

  function matchRule(rule: CompiledRule, matcher: Matcher, tokens: readonly Token[], i: number): SentenceMatch | undefined {
    let end = longestWordMatch(matcher, tokens, i);
    if (end === -1) return undefined;
    const widened = end < -1;
    if (widened) end = ~end;
    if (rule.unless.length && rule.unless.some((p) => longestMatch(p.matcher, tokens, i) >= end)) return undefined;
    if (rule.precededBy.length && !rule.precededBy.some((p) => matchesEndingAt(p.matcher, tokens, i))) return undefined;
    if (rule.before.some((p) => matchesEndingAt(p.matcher, tokens, i))) return undefined;
    if (rule.after.some((p) => longestMatch(p.matcher, tokens, end) > 0)) return undefined;
    if (rule.followedBy.length && !rule.followedBy.some((p) => longestMatch(p.matcher, tokens, end) > 0)) return undefined;
    // Spans never start or end on punctuation a softener slot swallowed.
    let first = i;
    let last = end - 1;
    while (first < last && tokens[first].punct) first++;
    while (last > first && tokens[last].punct) last--;
    // A match from the second part of a contraction ("'s likely" in "It's likely") is underlined from the
    // word's start, one ending in its first part ("…any offer you|'ve") to the word's end. A rewrite written
    // for the match fits neither ("…approve's on our website"), so it offers none.
    const adviceOnly = widened || joined(tokens, first);
    while (joined(tokens, first)) first--;
    return { rule, finding: phraseFinding(rule.spec, tokens[first].start, tokens[last].end), matcher, from: i, adviceOnly };
  }

  function phraseFinding(spec: RuleSpec, start: number, end: number): Finding {
    return {
      ruleId: spec.id,
      category: spec.category,
      severity: severityOf(spec.id, spec.severity),
      start,
      end,
      message: spec.message,
      rewrites: [],
      ...(spec.script ? { script: spec.script } : {}),
    };
  }

  /**
   * Decide whether `f` stays (false: drop it) and trim it to the sentence's content; its rewrites, and
   * the span they replace, are fitted into the draft when first read (fitOnRead), unless it is `adviceOnly`.
   */
  function finish(f: Finding, spec: RuleSpec, text: string, s: Range, situation: DraftSituation, adviceOnly = false): boolean {
    if (spec['without-complaint'] && !situation.complaint()) {
      if (spec['without-complaint'] === 'drop') return false;
      f.severity = 'suggestion';
      return true;
    }
    const sentence = text.slice(s.start, s.end);
    // Never underline or replace a sign-off ("- Carl", "^AB"): the finding stops where the sentence's content does.
    const contentStop = s.start + contentEnd(sentence);
    if (f.start >= contentStop) return false;
    if (f.end > contentStop) f.end = contentStop;
    const phrase = { start: f.start, end: f.end };
    if (!adviceOnly) fitOnRead(f, () => fitInDraft(phrase, spec, text, s, sentence, situation));
    return true;
  }

  /** The rule's rewrites fitted into this draft at `phrase`, and the span they replace when it is not the phrase. */
  function fitInDraft(phrase: Range, spec: RuleSpec, text: string, s: Range, sentence: string, situation: DraftSituation): Fitted {
    // Invisible characters pasted with the text (zero-width spaces, soft hyphens) are fitted around as if absent:
    // edits read the agent's words, a rewrite copies none of them, and the span it replaces takes those inside it.
    // From the window before the sentence (a removal of the whole sentence joins it to the one before) to the one
    // after it (a denial later in the paragraph).
    const from = Math.max(0, s.start - NEIGHBOUR_WINDOW);
    const { visible, offsets } = withoutInvisibles(text.slice(from, s.end + NEIGHBOUR_WINDOW));
    // Read from the whole draft, so a rewrite fitted in the sentence alone still sees thanks around it.
    const nearby = withoutInvisibles(neighbours(text, s, phrase.end)).visible;
    if (!offsets) return fitInText(phrase, spec, text, s, sentence, situation, nearby);
    const visibleAt = (at: number) => {
      const k = offsets.findIndex((o) => o >= at - from);
      return k < 0 ? offsets.length : k;
    };
    const visibleSentence = { start: visibleAt(s.start), end: visibleAt(s.end) };
    const visiblePhrase = { start: visibleAt(phrase.start), end: visibleAt(phrase.end) };
    const fitted = fitInText(visiblePhrase, spec, visible, visibleSentence, visible.slice(visibleSentence.start, visibleSentence.end), situation, nearby);
    if (!fitted.replace) return fitted;
    const start = from + offsets[fitted.replace.start];
    const end = from + offsets[fitted.replace.end - 1] + 1;
    return start !== phrase.start || end !== phrase.end ? { rewrites: fitted.rewrites, replace: { start, end } } : { rewrites: fitted.rewrites };
  }

  /** fitInDraft in a text without invisible characters. */
  function fitInText(phrase: Range, spec: RuleSpec, text: string, s: Range, sentence: string, situation: DraftSituation, nearby: string): Fitted {
    const placement = place(sentence, phrase.start - s.start, phrase.end - s.start, spec.slot);
    let start = s.start + placement.start;
    let end = s.start + placement.end;
    const match = text.slice(phrase.start, phrase.end);
    const lineBefore = sentenceBefore(text, s.start);
    const lineAfter = paragraphAfter(text, s.end);
    const rewriteSituation = {
      match,
      we: speaksAsWe(match, situation.we),
      placement,
      upset: situation.upset,
      context: situation.context,
      nearby,
      // Not right after a refusal or a denial that does not apologise itself: there the stock line softens it.
      apologyBefore: lineBefore !== undefined && OWN_APOLOGY.test(paragraphBefore(text, s.start)) && (OWN_APOLOGY.test(lineBefore) || !NEGATION.test(lineBefore)),
      callbackAfter: CALLBACK.test(lineAfter),
      leaving: situation.leaving(),
      explainedAfter: (lineAfter.match(WORDS)?.length ?? 0) >= 4,
      noReferent: (lineBefore !== undefined && GOOD_NEWS.test(lineBefore) && !NEGATION.test(lineBefore)) || NO_TROUBLE.test(lineAfter),
    };
    const textAfter = text.slice(end, s.end + 1);
    const removes = offersRemoval(spec.rewrites, rewriteSituation);
    const removal = spec.slot === 'marker' && removes;
    const swallowed = (removal && removalTail(text.slice(end, s.end))) || '';
    // The draft's style is read from the situation, once per lint and only when a rewrite is fitted.
    let rewrites = fitRewrites(spec.rewrites, spec.slot, rewriteSituation, text.slice(s.start, start), textAfter, situation, swallowed);
    end += swallowed.length;
    // A reminder removed between "and" and the agent's next clause ("…to your repair and [like I said earlier, t]he backup isn't
    // included") would leave two unrelated clauses joined by "and": they become two sentences.
    const andBefore = swallowed.startsWith(',') ? CLAUSE_THEN_AND.exec(text.slice(s.start, start)) : null;
    if (andBefore) {
      start -= andBefore[1].length;
      rewrites = rewrites.map((r) => (r === swallowed.slice(-1) ? `. ${r.toUpperCase()}` : r));
    }
    const tail = fitWordsAfter(text.slice(end, s.end), rewrites, spec.category === 'overpromise');
    if (tail) {
      rewrites = tail.rewrites;
      end += tail.extra;
    }
    const { breakTail, andTail } = placement;
    // The agent's next clause stays theirs, as a sentence of its own after the rewrite: after a bare comma, or after
    // "and" where the rewrite has an "and" of its own.
    if (andTail && rewrites.some(endsBeforeAnd)) {
      rewrites = rewrites.map((r) => (endsBeforeAnd(r) ? sentenceThen(r, '', andTail) : r + andTail));
      end += andTail.length;
    }
    if (breakTail) {
      const name = breakTail.replace(BREAK_BEFORE_LETTER, '');
      rewrites = rewrites.map((r) => sentenceThen(r, name, breakTail));
      end += breakTail.length;
    }
    // Steady's calm words in place of a heated order or bargain do not keep its "!" ("…what led you to this decision!");
    // an apology keeps the agent's warmth ("I'm so sorry this hasn't gone the way you hoped!").
    const bang = !removes && !andTail && !breakTail && CALMED.has(spec.category) && !rewrites.some((r) => OWN_APOLOGY.test(r)) ? SENTENCE_BANG.exec(text.slice(end, s.end)) : null;
    if (bang) {
      rewrites = rewrites.map((r) => (/[.!?]$/.test(r) ? r : `${r}.`));
      end += bang[1].length;
    }
    // A tacked-on phrase's removal ({remove} outside a marker slot) keeps the word before it as the visible change;
    // so does a whole sentence's, after the sentence before it on its line (a stock apology after a real one).
    const removesPhrase = removes && spec.slot !== 'marker';
    let lead = removesPhrase ? KEPT_WORD_BEFORE_TAG.exec(text.slice(s.start, start)) : null;
    // Where the kept word's text ends: at the span, or for a whole sentence at the sentence's start (anything between,
    // such as a space that came after a pasted invisible character, goes with the sentence).
    let leadEnd = start;
    let closing = '';
    if (removesPhrase && !lead && placement.wholeSentence) {
      lead = LAST_WORD_AND_SENTENCE_END.exec(lineBefore ?? '');
      leadEnd = s.start;
      closing = /^[.!?…]*/u.exec(text.slice(end, s.end))![0];
      end += closing.length;
    }
    if (lead) {
      const kept = lead[0];
      start = leadEnd - kept.length;
      const keptAlone = kept.replace(TAG_BREAK_AT_END, '');
      if (!breakTail) rewrites = [keptAlone, ...rewrites.map((r) => kept + r + closing)].slice(0, 3);
      // The agent's next clause, a sentence of its own (breakTail), follows the kept word ("…tomorrow, sorry[, it's just
      // how the system is built, t]he first slot is Friday" → "…sorry. The first slot…"); none where it points back at
      // what went ("…, it needs 48 hours' notice": "it" was the system).
      else rewrites = POINTS_BACK.test(text.slice(end - 1, s.end)) ? [] : [sentenceThen(keptAlone, '', breakTail)];
    }
    const degree = !lead ? takeDanglingDegree(text.slice(s.start, start), match, rewrites) : null;
    if (degree) {
      start -= degree.back;
      rewrites = degree.rewrites;
    }
    const softener = !lead && !degree ? takeOrderSoftener(text.slice(s.start, start), rewrites, REPROACHES.has(spec.category)) : null;
    if (softener) {
      start -= softener.back;
      rewrites = softener.rewrites;
      // Now at the sentence's start, the rewrite opens it ("Honestly, that's not our fault" → "We're sorry this happened").
      if (/^[\s\p{Cf}"'“‘(\[]*$/u.test(text.slice(s.start, start))) rewrites = rewrites.map((r) => r.charAt(0).toUpperCase() + r.slice(1));
    }
    const joined = placement.acknowledged && !lead && !degree && !softener ? joinAcknowledgement(text.slice(s.start, start), rewrites) : null;
    if (joined) {
      start -= joined.back;
      rewrites = joined.rewrites;
    }
    const spliceHead = text.slice(s.start, start);
    const splice = !lead ? (spec.slot === 'sentence' ? concessionBreak(spliceHead, rewrites) : null) ?? breakSplice(spliceHead, rewrites) : null;
    if (splice) {
      start -= splice.back;
      rewrites = splice.rewrites;
    }
    const article = !lead && !splice && !degree ? ARTICLE_BEFORE.exec(text.slice(s.start, start)) : null;
    if (article && rewrites.length) {
      // "an equipment change" → "a …" or, before a placeholder or determiner, no article at all.
      start -= article[0].length;
      const after = text.slice(end, s.end);
      // A marker's rewrite starts the words that follow it ("an obviously broken" → "a broken"): they choose the article.
      rewrites = rewrites.map((r) => (spec.slot === 'marker' ? withArticle(article[1], r + after, '').slice(0, -after.length || undefined) : withArticle(article[1], r, after)));
    }
    // A clause with its own subject cannot follow the agent's "to", a preposition or a subject ("…you need to [calm down]" → "…you
    // need to I can hear…", "an expression of [our apologies…]" → "…of we are sorry…", "If you [calm down]" → "If you I can
    // hear…"), nor sit inside an "If …" clause still waiting for its main clause.
    const before = text.slice(s.start, start);
    if (SUBJECT_SLOT_BEFORE.test(before.slice(-12)) || OPEN_CONDITION.test(before)) rewrites = rewrites.filter((r) => !OWN_SUBJECT.test(r));
    // Nor does one with its own ", but …" follow the agent's "but" ("…, but we can't offer returns…, but [what you can offer]").
    if (BUT_BEFORE.test(before)) rewrites = rewrites.filter((r) => !OWN_BUT.test(r));
    return start !== phrase.start || end !== phrase.end ? { rewrites, replace: { start, end } } : { rewrites };
  }

  function analyse(text: string, limit: number): Sentence[] {
    return splitSentences(text, limit).map(({ start, end }) => {
      const { matches, facts, earlierEnds, laterStarts, verdict } = lintSentence(text.slice(start, end));
      return { start, end, matches, facts, earlierEnds, laterStarts, verdict };
    });
  }

  function modelFinding(verdict: SentenceVerdict & Range, message: string, offset: number): Finding {
    const category = verdict.category as PhraseCategory;
    return { ruleId: MODEL_RULE_ID, category, severity: severityOf(MODEL_RULE_ID, 'suggestion'), start: offset + verdict.start, end: offset + verdict.end, message, rewrites: [] };
  }

  function draftFinding(issue: DraftIssue, range: Range): Finding {
    const ruleId = `draft/${issue.check}`;
    const { severity, message } = draftChecks!.config.checks[issue.check];
    return { ruleId, category: 'draft', severity: severityOf(ruleId, severity), start: range.start, end: range.end, message, rewrites: [] };
  }

  return {
    rules: active.map((r) => r.spec),
    sentenceCache,
    lint(text, context) {
      if (typeof text !== 'string' || text.length === 0) return [];
      const limit = lintLimit(text);
      const sentences = analyse(text, limit);
      const findings: Finding[] = [];
      const upset = isUpset(context, base.draft);
      const situation = draftSituation(text, upset, snapshot(context));
      const earlierSeen = new Set<CompiledRule>();
      // Found when a match first needs it: few drafts have a match of a rule with `except.later`.
      let laterSeen: (Set<CompiledRule> | null)[] | null | undefined;
      for (let i = 0; i < sentences.length; i++) {
        const s = sentences[i];
        for (const { rule, finding, adviceOnly } of s.matches) {
          if (rule.spec.when === 'customer-upset' && !upset) continue;
          if (rule.earlier.length && (earlierSeen.has(rule) || (s.earlierEnds?.get(rule) ?? Infinity) <= finding.start)) continue;
          if (rule.later.length) {
            if (laterSeen === undefined) laterSeen = rulesWithLaterPhrases(sentences);
            if (laterSeen?.[i]?.has(rule) || (s.laterStarts?.get(rule) ?? -1) >= finding.end) continue;
          }
          if (rule.spec['whole-reply'] && (answersElsewhere(sentences, i, text) || answersAround(s, finding, text))) continue;
          const f = copyAt(finding, s.start);
          if (finish(f, rule.spec, text, s, situation, adviceOnly)) findings.push(f);
        }
        if (s.earlierEnds) for (const rule of s.earlierEnds.keys()) earlierSeen.add(rule);
        const reported = s.verdict && reportedCategories!.get(s.verdict.category);
        if (reported && s.verdict!.probability >= reported.minProbability) {
          const f = modelFinding(s.verdict!, reported.message, s.start);
          if (finish(f, MODEL_SPEC, text, s, situation, true)) findings.push(f);
        }
      }
      if (draftChecks && !disabledRules.has('draft/placeholder')) findings.push(...placeholderFindings(text, limit));
      const phrase = joinTouching(removeOverlaps(findings, text), text, rewriting);
      if (draftChecks) {
        const issues = runDraftChecks(draftChecks.config, text, sentences, context).filter((issue) => {
          const id = `draft/${issue.check}`;
          return !disabledRules.has(id);
        });
        if (issues.length) placeDraftIssues(phrase, issues, draftFinding);
      }
      if (limit < text.length && draftChecks && !disabledRules.has('draft/too-long')) phrase.push(tooLongFinding(text, limit));
      return phrase;
    },
    commitments(text) {
      if (!draftChecks || typeof text !== 'string' || text.length === 0) return [];
      return analyse(text, lintLimit(text))
        .filter((s) => s.facts.commitment)
        .map((s) => ({ start: s.start, end: s.end, text: text.slice(s.start, s.end), timed: s.facts.timed }));
    },
  };
}

interface DraftSituation {
  upset: boolean;
  context: LintContext | undefined;
  /** Whether a complaint is in view: an upset customer, trouble words in the draft, or at least no banter (see CHEER). */
  complaint(): boolean;
  contractions(): boolean | null;
  /** The draft writes typographic apostrophes ("I’m"). */
  curlyApostrophes(): boolean;
  /** The draft mostly speaks as "we". */
  we(): boolean;
  /** The customer is leaving: the ticket's churn trigger, or the draft talks about it ("before you cancel", "if you keep the booking"). */
  leaving(): boolean;
}

// Words that show the reply is about a problem (rules marked without-complaint stay quiet on banter and thanks without them).
const TROUBLE = /\b(?:sorry|apolog\w*|unfortunately|frustrat\w*|upset\w*|angry|annoy\w*|disappoint\w*|inconvenien\w*|issues?|problems?|trouble|delay\w*|cancel\w*|refund\w*|complain\w*|wrong|error\w*|fail\w*|broke\w*|damag\w*|lost|missing|miss(?:ed)?|late|stuck|charged?|not working|unable|can(?:no|')t(?! wait)|won't|policy|escalat\w*|urgent\w*|afraid)\b/i;

// hm-CE rwj: an offer made to a customer who is not leaving ("The screens glitch out on busy nights, we'll knock 30 mins off
// your bill") got "before we look at offers, I'd like to understand what led you to this decision". Broad on purpose: a
// draft wrongly read as about leaving only gets the rewrite it always had.
const LEAVING = /\b(?:before you|go|going|gone|mov(?:e|es|ing)|giv(?:e|ing) up|clos(?:e|es|ing)|end(?:s|ing)?|notice|thinking of|another|cancel\w*|leav(?:e|es|ing)|switch\w*|stay(?:s|ing)?|stick (?:around|with)|keep(?:s|ing)? (?:the|your|you)|reconsider\w*|withdraw\w*|downgrad\w*|disconnect\w*|transfer(?:ring)?|delet\w*|retention|lose you|see you go|elsewhere|competitors?|port(?:ing)? out|quit\w*|unsubscrib\w*|terminat\w*|renew\w*|decid\w*|make up your mind|change your mind|don['’]t go|oh no|wait|hang on|hold on|hold fire)\b/i;

const CHEER = /\b(?:(?:ha){2,}|lol|enjoy|love|loved|can't wait|excited|exciting|awesome|congrat\w*|woo+|yay|fun|amazing|wonderful|fantastic|proud|shout-?out|kudos|glad)\b/i;

function draftSituation(text: string, upset: boolean, context: LintContext | undefined): DraftSituation {
  let complaint: boolean | undefined;
  let contractions: boolean | null | undefined;
  let curly: boolean | undefined;
  let we: boolean | undefined;
  let leaving: boolean | undefined;
  // The draft's words as shown: invisible characters pasted with them ("we\u200bre") split none of them.
  let shown: string | undefined;
  const words = () => (shown ??= withoutInvisibles(text).visible);
  return {
    upset,
    context,
    // Banter: a pleased customer, or a cheerful draft with no trouble word in it.
    complaint: () => (complaint ??= upset || (!((context?.customerSentiment ?? 0) > 0.3) && (TROUBLE.test(words()) || !CHEER.test(words())))),
    contractions: () => (contractions === undefined ? (contractions = contractionStyle(words())) : contractions),
    curlyApostrophes: () => (curly ??= writesCurlyApostrophes(words())),
    we: () => (we ??= draftSpeaksAsWe(words())),
    leaving: () => (leaving ??= context?.triggers?.includes('churn') === true || LEAVING.test(words())),
  };
}

/** Placeholders still in the draft ("[by when]"): fill in before sending. */
function placeholderFindings(text: string, limit: number): Finding[] {
  return placeholdersIn(text.slice(0, limit)).map(({ start, end, text: slot }) => ({
    ruleId: 'draft/placeholder',
    category: 'draft',
    severity: 'problem',
    start,
    end,
    message: `Fill in ${slot} before sending.`,
    rewrites: [],
  }));
}

// Linters for the same pack (e.g. re-created when settings change) share the compiled patterns.
const compiledPacks = new WeakMap<RulePack, CompiledPack>();
const compiledDrafts = new WeakMap<CompiledPack, CompiledDraftChecks>();

function draftChecksFor(config: DraftConfig, pack: CompiledPack): CompiledDraftChecks {
  const hit = compiledDrafts.get(pack);
  if (hit?.config === config) return hit;
  const checks = compileDraftChecks(config, pack);
  compiledDrafts.set(pack, checks);
  return checks;
}

// Linters for the same pack and the same enabled rules (a fresh linter per draft, per settings change) share their index.
const indexCache = new WeakMap<CompiledPack | CompiledDraftChecks, Map<string, StartIndex<Candidate>>>();

/** Every pattern, so each token is looked up once (the opening lists count only at a sentence's first word: SentenceFacts.wants). */
function indexFor(compiled: CompiledPack, active: readonly CompiledRule[], draftChecks: CompiledDraftChecks | null): StartIndex<Candidate> {
  let byActive = indexCache.get(draftChecks ?? compiled);
  if (!byActive) indexCache.set(draftChecks ?? compiled, (byActive = new Map()));
  const key = active.length === compiled.rules.length ? '' : active.map((r) => r.spec.id).join('\n');
  const hit = byActive.get(key);
  if (hit) return hit;
  const index = new StartIndex<Candidate>(compiled.table);
  // forEach, not for-of: this runs unoptimised in a new tab, where for-of walks an iterator.
  active.forEach((rule) => {
    rule.patterns.forEach((pattern) => index.add(pattern, { kind: 'rule', rule, pattern }));
    rule.earlier.forEach((pattern) => index.add(pattern, { kind: 'earlier', rule, pattern }));
    rule.later.forEach((pattern) => index.add(pattern, { kind: 'later', rule, pattern }));
  });
  draftChecks?.patterns.forEach(({ list, pattern }) => index.add(pattern, { kind: 'draft', list, pattern }));
  byActive.set(key, index);
  return index;
}

/** A cached sentence finding moved to `offset`, as a fresh object the caller may change. */
function copyAt(f: Finding, offset: number): Finding {
  const copy: Finding = { ruleId: f.ruleId, category: f.category, severity: f.severity, start: f.start + offset, end: f.end + offset, message: f.message, rewrites: [] };
  if (f.script) copy.script = f.script;
  return copy;
}

interface Fitted {
  rewrites: string[];
  replace?: Range;
}

/**
 * Make `f.rewrites` and `f.replace` fitted on first read (by any consumer: card, preview, panel,
 * CLI, JSON): most findings are never opened, and fitting is a large part of a lint. Once read they
 * are plain data properties, and `replace` is present only when it differs from the phrase, as if
 * fitted eagerly.
 */
function fitOnRead(f: Finding, fit: () => Fitted): void {
  pendingFits.set(f, fit);
  Object.defineProperty(f, 'rewrites', LAZY_REWRITES);
  Object.defineProperty(f, 'replace', LAZY_REPLACE);
}

/**
 * The fitting each finding made lazy by fitOnRead still waits for. Its accessors are shared, not
 * closures per finding: an accessor's functions live in the hidden class V8 gives the object, so
 * closures there kept each lint's objects from young-generation garbage collection.
 */
const pendingFits = new WeakMap<Finding, () => Fitted>();

function materialize(f: Finding): void {
  const fit = pendingFits.get(f)!;
  pendingFits.delete(f);
  const { rewrites, replace } = fit();
  Object.defineProperty(f, 'rewrites', { value: rewrites, writable: true, enumerable: true, configurable: true });
  delete f.replace;
  if (replace) f.replace = replace;
}

function lazyAccessor(key: 'rewrites' | 'replace'): PropertyDescriptor {
  return {
    enumerable: true,
    configurable: true,
    get(this: Finding) {
      materialize(this);
      return this[key];
    },
    set(this: Finding, value: unknown) {
      materialize(this);
      Object.defineProperty(this, key, { value, writable: true, enumerable: true, configurable: true });
    },
  };
}

const LAZY_REWRITES = lazyAccessor('rewrites');
const LAZY_REPLACE = lazyAccessor('replace');

/** The lint context as it was when linting, for rewrites fitted later (the caller may reuse its object; rewrites read no triggers). */
function snapshot(context: LintContext | undefined): LintContext | undefined {
  if (!context) return context;
  return { ...context, ...(context.facts ? { facts: { ...context.facts } } : {}) };
}

/** A bare rule pack keeps the registered draft checks when there are any. */
function resolveBase(basePack: LinterOptions['basePack']): { pack: RulePack; draft?: DraftConfig; starts?: PatternStarts; sentences?: SentenceModelPack } {
  if (!basePack) return builtinPack();
  if ('pack' in basePack) return basePack;
  return { pack: basePack, draft: hasBuiltinPack() ? builtinPack().draft : undefined };
}

/** Where checking stops: MAX_LINT_CHARS, moved back to a space so no word (or surrogate pair) is cut. */
function lintLimit(text: string): number {
  if (text.length <= MAX_LINT_CHARS) return text.length;
  const space = text.slice(MAX_LINT_CHARS - 200, MAX_LINT_CHARS).search(/\s\S*$/);
  if (space >= 0) return MAX_LINT_CHARS - 200 + space;
  const code = text.charCodeAt(MAX_LINT_CHARS - 1);
  return code >= 0xd800 && code <= 0xdbff ? MAX_LINT_CHARS - 1 : MAX_LINT_CHARS;
}

function tooLongFinding(text: string, limit: number): Finding {
  let start = limit;
  let end = text.length;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return {
    ruleId: 'draft/too-long',
    category: 'draft',
    severity: 'suggestion',
    start,
    end: Math.max(end, start),
    message: `Only the first ${limit.toLocaleString('en')} characters were checked; the rest of this text was not.`,
    rewrites: [],
  };
}

const NEIGHBOUR_WINDOW = 600;
// A sentence's end and the space after it, at the end of a text; with its last word, what a removed sentence leaves visible.
const SENTENCE_END = String.raw`[.!?…]+["'”’)\]]*[ \t]+$`;
const SENTENCE_END_BEFORE = new RegExp(SENTENCE_END, 'u');
const LAST_WORD_AND_SENTENCE_END = new RegExp(String.raw`[\p{L}\p{N}'’)]+` + SENTENCE_END, 'u');

/**
 * An apology to the customer for what happened: not one for a late reply ("Sorry for the delay in getting back to
 * you"), a lead-in to news ("We regret to inform you"), a hedge ("Regretfully, it is not guaranteed") or one for how
 * the customer feels ("sorry you feel this way", itself a finding).
 */
const OWN_APOLOGY = /\b(?:sorry|apolog\w*|regret(?!fully|tably)\w*)\b(?!\s+(?:to\s+(?:inform|say|tell|advise|let)|for\s+(?:the|our|my)\s+(?:late|delayed|slow)\s+(?:reply|response)|for\s+(?:the|our|my)\s+delay(?:ed)?\s+(?:in|with)\s+(?:our\s+|my\s+)?(?:reply|replying|response|responding|getting back)|for\s+not\s+getting\s+back|(?:to\s+(?:hear|see|learn)\s+)?(?:that\s+|if\s+)?(?:you|u)\s+(?:feel|felt|think|thought)\b))/i;

/**
 * Good news or thanks for praise: "this" right after it would point at it ("We're pleased to hear it, Carleen. We're
 * sorry about the trouble this has caused."), judged confusing in about one pair of four.
 */
const GOOD_NEWS = /\b(?:glad|pleased|delighted|thrilled|(?:great|good|awesome|wonderful|fantastic|lovely)\s+to\s+(?:hear|see|know)|positive\s+(?:feedback|review|comments?)|kind\s+(?:words|feedback|comments?)|back\s+up\s+and\s+running|up\s+and\s+running\s+again|working\s+again|all\s+sorted|(?:been|is|are|now)\s+resolved|ready\s+(?:to|for)\s+(?:collect|collection|pick\s*up|pickup))\b/i;

/** The agent saying no trouble is known: "this has caused" before it asserts what the reply goes on to deny (judged broken). */
const NO_TROUBLE = /\b(?:(?:not\s+|un)aware\s+of\s+any|(?:have|has)(?:\s+not|n['’]t)\s+(?:been\s+)?(?:informed|made\s+aware|notified)\s+(?:of|about)\s+any|no\s+(?:known\s+)?(?:issues|problems|reports|outages?)\s+(?:on|with|at|in|reported|today|right\s+now))\b/i;

const NEGATION = /\b(?:not|no|never|cannot|unable)\b|n['’]t\b/i;

/** The paragraph's text before `at` (a window of it). */
function paragraphBefore(text: string, at: number): string {
  const head = text.slice(Math.max(0, at - NEIGHBOUR_WINDOW), at);
  return head.slice(head.lastIndexOf('\n') + 1);
}

/**
 * A next sentence pointing back at what the one before said, with a bare "it", "that" or "this" early on: "I think the
 * manager would allow it.", "That might make it worth it." Replaced, the sentence would leave it pointing at nothing.
 */
const CALLBACK = /^\s*[^.!?\n]{0,50}?\b(?:it|that|this)\b(?=\s*(?:[.!?,]|$|\s+(?:would|will|might|may|could|should|is|was|sounds?|works?|helps?|makes?|means?)\b))/iu;

/** The paragraph's text after `at` (a window of it). */
function paragraphAfter(text: string, at: number): string {
  const tail = text.slice(at, at + NEIGHBOUR_WINDOW);
  const end = tail.indexOf('\n');
  return end < 0 ? tail : tail.slice(0, end);
}

/** The sentence just before `at` on its line, with the space after it; undefined after a line break or at the start. */
function sentenceBefore(text: string, at: number): string | undefined {
  const head = text.slice(Math.max(0, at - NEIGHBOUR_WINDOW), at);
  const end = SENTENCE_END_BEFORE.exec(head);
  if (!end) return undefined;
  let start = end.index;
  while (start > 0 && !'.!?…\n'.includes(head[start - 1])) start--;
  return head.slice(start);
}

/** The draft around a phrase: a window before its sentence, and one from `from` (the phrase's end) on. */
function neighbours(text: string, s: Range, from: number): string {
  return `${text.slice(Math.max(0, s.start - NEIGHBOUR_WINDOW), s.start)} ${text.slice(from, from + NEIGHBOUR_WINDOW)}`;
}

const DASH = /--|—|–/;

/**
 * The sentence's tokens without a trailing sign-off ("… ^KJ", "… *TMT", "… -- Mark, Support"), so no
 * span reaches into the agent's initials or name.
 */
function withoutSignOff(sentence: string, tokens: Token[]): Token[] {
  const n = tokens.length;
  for (let k = Math.max(1, n - 3); k < n; k++) {
    const before = sentence.charCodeAt(tokens[k].start - 1);
    if (before === 94 /* ^ */ || before === 42 /* * */) return tokens.slice(0, k);
  }
  // Most sentences hold no dash: the regular expression (tried at every space) runs only on those that do.
  if (!DASH.test(sentence)) return tokens;
  // Read as shown: invisible characters pasted around the dash or into the name leave it a sign-off.
  const { visible, offsets } = withoutInvisibles(sentence);
  const at = visible.search(/\s(--|—|–)\s*\p{Lu}[^.!?]{0,40}$/u);
  if (at < 0) return tokens;
  const dash = offsets ? offsets[at] : at;
  const words = tokens.filter((t) => t.start > dash && !t.punct);
  if (words.length === 0 || words.length > 4) return tokens;
  return tokens.filter((t) => t.start < dash);
}

const NO_MATCHES: readonly SentenceMatch[] = [];

const sentenceModels = new WeakMap<SentenceModelPack, SentenceModel>();

function modelFor(pack: SentenceModelPack): SentenceModel {
  let model = sentenceModels.get(pack);
  if (!model) sentenceModels.set(pack, (model = new SentenceModel(pack.model)));
  return model;
}

/**
 * The model's verdict on a sentence. It spans the clause (between commas, semicolons, colons, dashes
 * or brackets) the model finds likeliest of the verdict's category when that clause alone carries it,
 * so one weak clause of a long sentence is underlined rather than all of it; words only, never the
 * punctuation around them.
 */
function modelVerdict(model: SentenceModel, tokens: readonly Token[]): (SentenceVerdict & Range) | null {
  const verdict = tokens.some((t) => !t.punct) ? model.classify(tokens) : null;
  if (!verdict) return null;
  let best: Range | null = null;
  let bestProbability = -1;
  for (let from = 0; from < tokens.length; ) {
    let to = from;
    while (to < tokens.length && !breaksClause(tokens, to)) to++;
    if (to > from) {
      const probability = from === 0 && to === tokens.length ? verdict.probability : model.probability(tokens, from, to, verdict.category);
      if (probability > bestProbability) (bestProbability = probability), (best = { start: tokens[from].start, end: tokens[to - 1].end });
    }
    from = to + 1;
  }
  // Unless one clause is as sure on its own as the whole sentence, the sentence is underlined.
  if (!best || bestProbability < verdict.probability) {
    const first = tokens.findIndex((t) => !t.punct);
    const last = tokens.findLastIndex((t) => !t.punct);
    best = { start: tokens[first].start, end: tokens[last].end };
  }
  return { ...verdict, ...best };
}

/** Whether token `k` ends a clause: punctuation, unless it sits inside a time or a number ("09:30", "1,200"). */
function breaksClause(tokens: readonly Token[], k: number): boolean {
  const token = tokens[k];
  if (!token.punct) return false;
  const inside = k > 0 && k + 1 < tokens.length && tokens[k - 1].end === token.start && tokens[k + 1].start === token.end;
  return !inside || tokens[k - 1].punct || tokens[k + 1].punct;
}

/** Whether a rule pattern of `index` matches anywhere in `tokens`. */
function anyRuleMatches(index: StartIndex<Candidate>, tokens: readonly Token[]): boolean {
  index.prepare(tokens);
  for (let i = 0; i < tokens.length; i++) {
    for (let k = 0, count = index.candidates(tokens, i); k < count; k++) {
      const c = index.found[k];
      if (c.kind === 'rule' && longestWordMatch(c.pattern.matcher, tokens, i) !== -1) return true;
    }
  }
  return false;
}

/** How the model's findings are finished: like a rule's, and dropped on banter and praise (no complaint in view). */
const MODEL_SPEC = { 'without-complaint': 'drop' } as unknown as RuleSpec;
const resultsWithoutMatches = new WeakMap<DraftSentence, SentenceResult>();

/**
 * The result of a sentence nothing matched in, shared by sentences with the same facts (see
 * SentenceFacts.result): every linter keeps its sentences' results, and fewer live objects make
 * garbage collection cheaper.
 */
function withoutMatches(facts: DraftSentence): SentenceResult {
  let result = resultsWithoutMatches.get(facts);
  if (!result) resultsWithoutMatches.set(facts, (result = { matches: NO_MATCHES, facts, earlierEnds: null, laterStarts: null, verdict: null }));
  return result;
}

const MAX_SPLIT_MATCHES = 32;
const JOINERS = new Set(['and', 'but', 'so', 'or', '&', 'amp', 'while']);

/**
 * One phrase, one finding: when a match runs on into another rule's phrase (a "_*" tail over
 * "… and there is nothing I can do"), it ends before that phrase and its joining word. A match
 * that needs the other phrase ("Per our policy, we don't refund…") keeps it whole, and the two
 * overlapping findings then leave one.
 */
function splitJoinedPhrases(matches: SentenceMatch[], tokens: readonly Token[]): void {
  // Pairwise, so only for sentences an agent writes; a pasted wall of repeats keeps its spans.
  if (matches.length > MAX_SPLIT_MATCHES) return;
  for (const a of matches) {
    let cut = Infinity;
    for (const b of matches) {
      if (b === a || b.rule === a.rule || b.rule.spec.when || b.rule.earlier.length || b.rule.later.length) continue;
      if (b.finding.start > a.finding.start && b.finding.start < a.finding.end && b.finding.end >= a.finding.end) cut = Math.min(cut, b.finding.start);
    }
    if (cut === Infinity) continue;
    let last = tokens.findIndex((t) => t.start >= cut) - 1;
    while (last >= 0 && (tokens[last].punct || tokens[last].forms.some((f) => JOINERS.has(f)))) last--;
    if (last < 0 || tokens[last].end <= a.finding.start) continue;
    const shortest = shortestMatch(a.matcher, tokens, a.from);
    if (shortest > 0 && shortest <= last + 1) a.finding.end = tokens[last].end;
  }
}

/** Record where an `except.earlier` pattern of `rule` first ends in the sentence (the earliest end wins). */
function noteEarlier(ends: Map<CompiledRule, number> | null, rule: CompiledRule, pattern: CompiledPattern, tokens: readonly Token[], i: number): Map<CompiledRule, number> | null {
  const best = ends?.get(rule) ?? Infinity;
  if (best <= tokens[i].end) return ends;
  const end = shortestMatch(pattern.matcher, tokens, i);
  if (end < 0 || tokens[end - 1].end >= best) return ends;
  return (ends ?? new Map()).set(rule, tokens[end - 1].end);
}

/** Record where an `except.later` pattern of `rule` last starts in the sentence (the latest start wins). */
function noteLater(starts: Map<CompiledRule, number> | null, rule: CompiledRule, pattern: CompiledPattern, tokens: readonly Token[], i: number): Map<CompiledRule, number> | null {
  if ((starts?.get(rule) ?? -1) >= tokens[i].start || shortestMatch(pattern.matcher, tokens, i) < 0) return starts;
  return (starts ?? new Map()).set(rule, tokens[i].start);
}

/** Thanks and closing lines, greeting or not: said around an answer, they are not one ("Hi Jill, thanks for your review", "Let us know if…"). */
const CLOSING_LINE =
  /^[^\p{L}]*(?:(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|g'day)\b[^,.!?]{0,40}[,.!]\s*)?(?:thanks?\b|thank you|many thanks|cheers|have an? |enjoy|best\b|kind(?:est)? regards|regards|warm(?:est)? (?:regards|wishes)|sincerely|(?:we |i )?hope\b|let (?:us|me) know|please (?:let|feel|don't|do not|reach|contact|get in touch)|feel free|don't hesitate|do not hesitate|if (?:you|there) (?:have|need|is)|take care|safe travels)/iu;

/**
 * Whether a sentence other than `at` answers the customer: 5 words or more besides its own weak phrases, not a
 * greeting, thanks or closing line. "We value your feedback" closing such a reply is not filler, even where the
 * answer has a weak phrase of its own ("30 minutes is the minimum, as mandated by powers beyond us": readers of real
 * replies left the feedback line clean); after nothing but a stock apology it is.
 */
function answersElsewhere(sentences: readonly Sentence[], at: number, text: string): boolean {
  return sentences.some((s, j) => j !== at && s.facts.words >= 5 && !s.facts.greeting && (s.matches.length === 0 || answersBesidesFindings(s, text)) && !CLOSING_LINE.test(withoutInvisibles(text.slice(s.start, s.end)).visible));
}

/** Categories whose phrases reproach the customer: the edge word before one goes with its rewrite (see takeOrderSoftener). */
const REPROACHES = new Set<string>(['blame', 'judgmental', 'confrontational', 'condescending', 'dismissive']);
/** Three words or more of the agent's clause, then "and" (the part taken is group 1). */
const CLAUSE_THEN_AND = /(?:[\p{L}\p{N}'’]+\s+){2}[\p{L}\p{N}'’]+(,?\s+and\s+)$/u;
/** Right before a span: the agent's "to", a preposition or a subject; a sentence opening "If …" with no comma yet; a rewrite with a subject of its own (see fitInText). */
const SUBJECT_SLOT_BEFORE = /\b(?:to|of|for|about|with|from|by|you|we|I|they|he|she)\s+$/iu;
const BUT_BEFORE = /\bbut\s+$/i;
const OWN_BUT = /,\s*but\b/i;
const OPEN_CONDITION = /^[\s"'“‘(]*(?:if|when|whenever|once(?!\s+again)|unless|until|as soon as)\b[^,;:–—.!?]*$/iu;
const OWN_SUBJECT = /^(?:I|we|you|they|it|this|that|there)(?:['’]\p{L}+)?\s/iu;
/** The word before a removed tag, with the comma, semicolon or dash (", so" too) that set the tag off (see fitInText). */
const TAG_BREAK = String.raw`(?:[,;](?:\s+so)?|\s+[-–—])`;
const KEPT_WORD_BEFORE_TAG = new RegExp(String.raw`[\p{L}\p{N}'’]+${TAG_BREAK}?\s+$`, 'u');
const TAG_BREAK_AT_END = new RegExp(String.raw`${TAG_BREAK}?\s*$`, 'u');
/** A clause opening on a pronoun, which would point back at words a removal takes away. */
const POINTS_BACK = /^(?:it|its|it's|it’s|they|they're|they’re|this|that|these|those)\b/iu;
/** Categories whose rewrites calm a heated line: a "!" closing the span's sentence becomes a full stop. */
const CALMED = new Set<string>([...REPROACHES, 'churn-transactional']);
/** Only exclamation marks, then the sentence's end. */
const SENTENCE_BANG = /^(!+)\s*$/u;
/** A rewrite that joins two clauses with "and" of its own ("I want to keep helping, and I need us…"). */
const AND_CLAUSE = /\band\b/i;
/**
 * A rewrite the agent's "and …" clause starts a sentence after: one with an "and" of its own, or a boundary in the agent's
 * voice, which "and I'll help you find…" would turn back into a bargain ("Drop the attitude and I'll help you").
 */
const endsBeforeAnd = (r: string) => AND_CLAUSE.test(r) || /^I need us\b/.test(r);

/** `rewrite` (with the name the agent addressed, `name`) as a sentence, then the first letter of the clause after it, capitalised. */
function sentenceThen(rewrite: string, name: string, tail: string): string {
  return (/[.!?:]$/.test(rewrite) ? rewrite : `${rewrite}${name}.`) + ' ' + tail.slice(-1).toUpperCase();
}

/**
 * Whether `finding`'s own sentence answers the customer around it: a point the phrase concedes after it ("We don't have
 * immediate plans for this, but we appreciate your feedback"), or what the agent will do next ("We appreciate the
 * feedback, I will be sure our in-flight team are aware"): at least 6 words conceded ("We can't make any promises,
 * but…" answers nothing) or 5 after, and no apology; stock aims before it ("We want your experience to be a breeze and
 * we appreciate your feedback") are no answer.
 */
function answersAround(s: Sentence, finding: Finding, text: string): boolean {
  const sentence = text.slice(s.start, s.end);
  const before = withoutInvisibles(sentence.slice(0, finding.start)).visible;
  const after = withoutInvisibles(sentence.slice(finding.end)).visible;
  const conceded = CONCEDED.exec(before);
  if (conceded && (conceded[1].match(WORDS)?.length ?? 0) >= 6 && !OWN_APOLOGY.test(conceded[1])) return true;
  return NEXT_STEP.test(after) && (after.match(WORDS)?.length ?? 0) >= 5 && !OWN_APOLOGY.test(after);
}

/** An answer, then the phrase after "but" or "however". */
const CONCEDED = /^(.*?)[,;]?\s*(?:but|however|though|although|yet)\s*,?\s*(?:we|i)?\s*(?:(?:do|still|always|certainly|truly|really|definitely)\s+)*$/isu;
/** After the phrase: the agent's next step, past the customer's name ("…, Marcy, and we'll …"). */
const NEXT_STEP = /^[\s,;:–—-]*(?:\p{Lu}\p{Ll}+[\s,!.]+)?(?:and\s+)?(?:we|i)\s*(?:'ll|’ll|will|am going to|are going to|'m going to|’m going to)\s+(?!(?:continue to |always )?(?:hope|look forward|keep (?:it|this|that) in mind|take (?:it|this|that) (?:on board|into (?:account|consideration))|bear (?:it|this|that) in mind))/iu;

/** Whether sentence `s` says 5 words or more outside its weak phrases, and no apology: an answer, not more stock lines. */
function answersBesidesFindings(s: Sentence, text: string): boolean {
  let sentence = text.slice(s.start, s.end);
  for (const { finding } of s.matches) sentence = sentence.slice(0, finding.start) + ' '.repeat(finding.end - finding.start) + sentence.slice(finding.end);
  // Read as the agent sees it: an invisible character pasted inside a word neither splits it nor hides an apology.
  const visible = withoutInvisibles(sentence).visible;
  return (visible.match(WORDS)?.length ?? 0) >= 5 && !OWN_APOLOGY.test(visible);
}

/** For each sentence, the rules whose `except.later` phrases occur in a sentence after it; null when no sentence has one. */
function rulesWithLaterPhrases(sentences: readonly Sentence[]): (Set<CompiledRule> | null)[] | null {
  if (!sentences.some((s) => s.laterStarts)) return null;
  const after: (Set<CompiledRule> | null)[] = new Array<Set<CompiledRule> | null>(sentences.length).fill(null);
  let seen: Set<CompiledRule> | null = null;
  for (let i = sentences.length - 1; i >= 0; i--) {
    after[i] = seen;
    const starts = sentences[i].laterStarts;
    if (starts) seen = new Set([...(seen ?? []), ...starts.keys()]);
  }
  return after;
}

/**
 * Add each draft issue at its first anchor (a sentence) that no other finding touches: where a
 * phrase finding already underlines the sentence, the agent sees that one underline, not two.
 * Keeps `findings` sorted and disjoint.
 */
function placeDraftIssues(findings: Finding[], issues: readonly DraftIssue[], toFinding: (issue: DraftIssue, range: Range) => Finding): void {
  for (const issue of issues) {
    const range = issue.anchors.find((a) => isFree(findings, a.start, a.end));
    if (!range) continue;
    const at = firstEndingAfter(findings, range.start);
    findings.splice(at, 0, toFinding(issue, { start: range.start, end: range.end }));
  }
}

/** Index of the first finding that ends after `offset` (findings are sorted and disjoint). */
function firstEndingAfter(findings: readonly Finding[], offset: number): number {
  let lo = 0;
  let hi = findings.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (findings[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function isFree(findings: readonly Finding[], start: number, end: number): boolean {
  const next = findings[firstEndingAfter(findings, start)];
  return !next || next.start >= end;
}

/** Keep findings disjoint: on overlap the more severe wins, then the longer (as shown), then the earlier. */
function removeOverlaps(findings: Finding[], text: string): Finding[] {
  const score = (f: Finding) => SEVERITY_RANK[f.severity] * 1e6 + visibleLength(text, f.start, f.end);
  const byStart = findings.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Finding[] = [];
  // Only findings in one overlapping cluster compete, so this stays near-linear for long drafts.
  for (let i = 0; i < byStart.length; ) {
    let j = i + 1;
    let clusterEnd = byStart[i].end;
    while (j < byStart.length && byStart[j].start < clusterEnd) clusterEnd = Math.max(clusterEnd, byStart[j++].end);
    if (j === i + 1) kept.push(byStart[i]);
    else kept.push(...bestDisjoint(byStart.slice(i, j).sort((a, b) => score(b) - score(a) || a.start - b.start)));
    i = j;
  }
  return kept;
}

/**
 * One phrase, one finding: two findings of the same rule with only spaces between them ("Schedule changes can occur"
 * "due to operational decisions") are one weak phrase, underlined once. Not for rules with rewrites, each of which
 * replaces its own span.
 */
function joinTouching(findings: Finding[], text: string, rewriting: ReadonlySet<string>): Finding[] {
  const joined: Finding[] = [];
  for (const f of findings) {
    const last = joined[joined.length - 1];
    if (last && last.ruleId === f.ruleId && f.category !== 'draft' && !rewriting.has(f.ruleId) && SPACES.test(text.slice(last.end, f.start))) joined[joined.length - 1] = { ...last, end: f.end };
    else joined.push(f);
  }
  return joined;
}
const SPACES = /^ *$/;

/** Greedily keep findings in rank order that overlap none kept so far; returns them sorted by start. */
function bestDisjoint(ranked: readonly Finding[]): Finding[] {
  const chosen: Finding[] = [];
  for (const f of ranked) {
    const at = firstEndingAfter(chosen, f.start);
    if (at < chosen.length && chosen[at].start < f.end) continue;
    chosen.splice(at, 0, f);
  }
  return chosen;
}
