/**
 * What the side panel shows, derived from the ticket snapshot and the draft.
 * Pure: the entry point feeds it signals and renders the result.
 */
import type { Linter } from '../engine/linter';
import type { Checklist, ChecklistResult } from '../checklist/checklist';
import { lintContextOf, type HelpdeskId, type Role, type TicketSnapshot, type ExtractedFact } from '../ticket';

export interface DraftInsights {
  checklist: ChecklistResult[];
  promises: string[];
  /** Promises that say no time ("I guarantee it will be fixed ASAP"). */
  untimedPromises: string[];
  guesses: string[];
}

export function customerIsCalm(snapshot: TicketSnapshot | null): boolean {
  if (!snapshot) return false;
  const scores = snapshot.messages.filter((m) => m.role === 'customer' && m.sentiment).map((m) => m.sentiment!.score);
  return scores.length > 0 && scores.every((s) => s >= -0.1);
}

export function draftInsights(draft: string, snapshot: TicketSnapshot | null, linter: Linter, checklist: Checklist): DraftInsights {
  const findings = linter.lint(draft, lintContextOf(snapshot));
  const commitments = linter.commitments(draft);
  return {
    checklist: checklist.evaluate(draft, { customerCalm: customerIsCalm(snapshot), findings }),
    promises: commitments.map((c) => c.text),
    untimedPromises: commitments.filter((c) => !c.timed).map((c) => c.text),
    guesses: findings.filter((f) => f.category === 'uncertain' || f.ruleId === 'draft/hedge-density').map((f) => draft.slice(f.start, f.end)),
  };
}

/** Values for script placeholders, from the ticket. */
export function placeholderValues(snapshot: TicketSnapshot | null): Record<string, string | undefined> {
  const customer = snapshot?.messages.find((m) => m.role === 'customer' && m.author)?.author;
  const fact = (kind: ExtractedFact['kind']) => snapshot?.facts.find((f) => f.kind === kind)?.text;
  return {
    'customer name': customer?.split(/\s+/)[0],
    'order number': fact('order-number'),
    date: fact('deadline') ?? fact('date'),
    amount: fact('amount'),
  };
}

/** What generic mode understood of the page, for the panel to say so. */
export interface GenericModeSummary {
  /** The app whose own layout was not recognised (absent on sites Steady has no adapter for). */
  fallbackFrom?: HelpdeskId;
  /** Messages found, by role; none when the page holds no conversation. */
  roles: { role: Role; count: number }[];
  total: number;
}

const ROLE_ORDER: Role[] = ['customer', 'agent', 'note', 'system'];

/** Null when the app's own adapter read the page. */
export function genericModeSummary(snapshot: TicketSnapshot | null): GenericModeSummary | null {
  if (!snapshot?.genericMode) return null;
  const roles = ROLE_ORDER.map((role) => ({ role, count: snapshot.messages.filter((m) => m.role === role).length })).filter((r) => r.count > 0);
  return { ...(snapshot.helpdesk !== 'generic' ? { fallbackFrom: snapshot.helpdesk } : {}), roles, total: snapshot.messages.length };
}
