/** Shared types of the rule engine. Pure data: no DOM, no Node APIs. */
import type { BuiltinPack } from './builtin';

export const SEVERITIES = ['suggestion', 'warning', 'problem'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The phrase categories of the content spec (section 1), plus whole-draft checks. */
export const PHRASE_CATEGORIES = [
  'dismissive',
  'blame',
  'policy-wall',
  'excuse',
  'judgmental',
  'overpromise',
  'uncertain',
  'condescending',
  'churn-transactional',
  'confrontational',
  'corporate-filler',
  'jargon',
] as const;
export type PhraseCategory = (typeof PHRASE_CATEGORIES)[number];
export type Category = PhraseCategory | 'draft';

export interface Finding {
  ruleId: string;
  category: Category;
  severity: Severity;
  /** UTF-16 offsets into the exact string given to lint(). */
  start: number;
  end: number;
  message: string;
  /** Replacement texts, already fitted to the draft (case, register, joins, ticket facts); they replace `replace` when set, else [start, end). */
  rewrites: string[];
  /** The span the rewrites replace when it is wider than the underlined phrase (a clause or sentence slot). */
  replace?: { start: number; end: number };
  /** Id of the related scenario script, when there is one. */
  script?: string;
}

/** What the engine knows about the customer side, all optional. */
export interface LintContext {
  /** Sentiment of the customer's last message, in [-1, 1]. Below -0.1 counts as upset. */
  customerSentiment?: number;
  /** Emotional trigger ids found in the conversation (e.g. "churn", "delay"). */
  triggers?: readonly string[];
  /** Ticket facts rewrites may use; a fact not known stays a visible placeholder. */
  facts?: { firstName?: string; orderNumber?: string };
  /** The ticket (e.g. an internal note) already approves what the customer asked for. */
  approved?: boolean;
}

/** What a rule's match is, and so what a rewrite replaces: the match (phrase, marker), the match to the clause end, or the whole sentence. */
export const SLOTS = ['phrase', 'marker', 'clause', 'sentence'] as const;
export type Slot = (typeof SLOTS)[number];

/** When a rewrite applies: the customer's mood, the sentence's kind, whether words follow the match in its slot, the ticket. */
export const REWRITE_CONDITIONS = ['upset', 'not-upset', 'pleased', 'question', 'statement', 'after', 'no-after', 'clause-follows', 'shared-subject', 'own-subject', 'sentence-start', 'sentence-opening', 'joins-apology', 'report-follows', 'no-report', 'after-apology', 'no-referent', 'no-object', 'tag', 'no-tag', 'ends-sentence', 'clause-after', 'no-callback', 'not-acted-on', 'not-after-so', 'not-health', 'acknowledged', 'explained-after', 'approved', 'not-approved', 'leaving', 'unexplained'] as const;
export type RewriteCondition = (typeof REWRITE_CONDITIONS)[number];

export interface RewriteSpec {
  /** The replacement ({remove}: a marker's removal); {match} the matched text (or `edit`'s result), {after} / {before} are the agent's own words in the slot around the match; [brackets] are placeholders. */
  text: string;
  if?: RewriteCondition[];
  /** LanguageTool's regexp_replace: [pattern, replacement] applied to the replaced span's text (case-insensitive; \\1 … its groups), giving {match}. The rewrite is skipped when the pattern does not match. */
  edit?: [string, string];
}

/** A sentence that commits the agent to something, for the decision map. */
export interface Commitment {
  start: number;
  end: number;
  text: string;
  /** Whether the sentence says when ("by Friday", "within 48 hours"); "ASAP" and "soon" do not count. */
  timed: boolean;
}

/** A rule as written in a pack file (after schema validation). */
export interface RuleSpec {
  id: string;
  category: PhraseCategory;
  severity: Severity;
  message: string;
  match: string[];
  /** Only a finding when one of these phrases follows the match (the span stays the match). */
  'followed-by'?: string[];
  /** Only a finding when one of these phrases ends right before the match (the span stays the match). */
  'preceded-by'?: string[];
  /** Only a finding when the customer is upset (LintContext.customerSentiment below the draft checks' upset-below). */
  when?: 'customer-upset';
  /**
   * Not a finding when one of these phrases is right before or after it, anywhere earlier or later in the draft,
   * or (match) is the matched words themselves: "%caps" except "@plain-codes".
   */
  except?: { before?: string[]; after?: string[]; earlier?: string[]; later?: string[]; match?: string[] };
  /** What the match is (default phrase): the rewrites fill that same slot. */
  slot?: Slot;
  /** With no complaint in view (customer not upset, draft without trouble words): drop the finding, or keep it as a suggestion without rewrites. */
  'without-complaint'?: 'drop' | 'suggest';
  /** Only a finding when the phrase is the whole answer: no other sentence of the draft says something (see answersElsewhere). */
  'whole-reply'?: boolean;
  rewrites: RewriteSpec[];
  script: string;
  /** `corrected`: flag examples that carry the expected sentence after their first rewrite. */
  examples: { flag: string[]; pass: string[]; corrected: { text: string; correction: string }[] };
}

export interface RulePack {
  /** Named token groups usable in patterns as @name. */
  macros: Record<string, string>;
  rules: RuleSpec[];
}

export interface LinterOptions {
  disabledRules?: readonly string[];
  /** Categories turned off; "sentence-model" turns off the sentence model, which has a group of its own in the options. */
  disabledCategories?: readonly (Category | 'sentence-model')[];
  /** Severity overrides by rule id. */
  severities?: Readonly<Record<string, Severity>>;
  /** Extra packs (team or personal rules), validated like the built-in one. */
  packs?: readonly RulePack[];
  /**
   * Replace the built-in pack entirely (tests, CLI with --rules). A bare RulePack keeps the
   * registered draft checks (none when no built-in pack is registered); a BuiltinPack brings its own.
   */
  basePack?: RulePack | BuiltinPack;
}
