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
  /** Replacement texts for [start, end), already fitted to the sentence (capitalisation). */
  rewrites: string[];
  /** Id of the related scenario script, when there is one. */
  script?: string;
}

/** What the engine knows about the customer side, all optional. */
export interface LintContext {
  /** Sentiment of the customer's last message, in [-1, 1]. Below -0.1 counts as upset. */
  customerSentiment?: number;
  /** Emotional trigger ids found in the conversation (e.g. "churn", "delay"). */
  triggers?: readonly string[];
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
  /** Only a finding when the customer is upset (LintContext.customerSentiment below the draft checks' upset-below). */
  when?: 'customer-upset';
  /** Not a finding when one of these phrases is right before or after it, or anywhere earlier or later in the draft. */
  except?: { before?: string[]; after?: string[]; earlier?: string[]; later?: string[] };
  rewrites: string[];
  script: string;
  examples: { flag: string[]; pass: string[] };
}

export interface RulePack {
  /** Named token groups usable in patterns as @name. */
  macros: Record<string, string>;
  rules: RuleSpec[];
}

export interface LinterOptions {
  disabledRules?: readonly string[];
  disabledCategories?: readonly Category[];
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
