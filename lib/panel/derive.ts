/**
 * What the side panel shows, derived from the ticket snapshot and the draft.
 * Pure: the entry point feeds it signals and renders the result.
 */
import type { Linter } from '../engine/linter';
import type { Checklist, ChecklistResult } from '../checklist/checklist';
import { lintContextOf, type TicketSnapshot, type TriggerId, type ExtractedFact } from '../ticket';

export interface DecisionMapSuggestions {
  concern: readonly string[];
  knownFacts: readonly string[];
  promises: readonly string[];
}

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
  const findings = draft ? linter.lint(draft, lintContextOf(snapshot)) : [];
  const commitments = linter.commitments(draft);
  return {
    checklist: checklist.evaluate(draft, { customerCalm: customerIsCalm(snapshot), findings }),
    promises: commitments.map((c) => c.text),
    untimedPromises: commitments.filter((c) => !c.timed).map((c) => c.text),
    guesses: findings.filter((f) => f.category === 'uncertain' || f.ruleId === 'draft/hedge-density').map((f) => draft.slice(f.start, f.end)),
  };
}

const FACT_LABELS: Record<ExtractedFact['kind'], string> = {
  'order-number': 'Order',
  'ticket-number': 'Ticket',
  'invoice-number': 'Invoice',
  amount: 'Amount',
  date: 'Date mentioned',
  deadline: 'Deadline',
};

export function mapSuggestions(snapshot: TicketSnapshot | null, promises: readonly string[], concernOf: (trigger: TriggerId) => string | undefined): DecisionMapSuggestions {
  const concerns = [...new Set((snapshot?.triggers ?? []).map((t) => concernOf(t.trigger)).filter((c): c is string => !!c))];
  const facts = [...new Set((snapshot?.facts ?? []).map((f) => `${FACT_LABELS[f.kind]}: ${f.text}`))];
  return { concern: concerns, knownFacts: facts, promises: [...new Set(promises)] };
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
