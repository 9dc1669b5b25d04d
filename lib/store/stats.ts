/** Coaching figures from local nudge events: per rule, per week, adoption, top phrases, de-escalations. */
import type { ConversationOutcome, NudgeEvent, NudgeKind, SteadyDB } from './db';
import { isoWeek, ticketPrimaryKey } from './db';

export async function recordNudge(db: SteadyDB, ruleId: string, kind: NudgeKind, phrase: string, at = Date.now()): Promise<void> {
  try {
    await db.nudges.add({ ruleId, kind, phrase: phrase.trim(), at, week: isoWeek(at) });
  } catch {
    // Figures are best-effort: a full disk must never interrupt the agent.
  }
}

/**
 * Keep one ticket's sentiment at the start and now, under its own account. A
 * row saved before accounts were told apart (account '') is replaced by the
 * first outcome recorded for its ticket in an account, so it is not counted twice.
 */
export async function recordConversationOutcome(db: SteadyDB, outcome: ConversationOutcome): Promise<void> {
  try {
    await db.transaction('rw', db.ticketConversations, async () => {
      await db.ticketConversations.put(outcome);
      if (outcome.account) await db.ticketConversations.delete(ticketPrimaryKey({ ...outcome, account: '' }));
    });
  } catch {
    // Figures are best-effort; never disturb the agent for them.
  }
}

export interface Counts {
  shown: number;
  accepted: number;
  ignored: number;
  /** accepted / shown, 0 when nothing was shown. */
  adoption: number;
}

export interface CoachingFigures {
  total: Counts;
  byRule: Record<string, Counts>;
  byWeek: Record<string, Counts>;
  topPhrases: { phrase: string; count: number }[];
  deEscalations: number;
  conversations: number;
}

const emptyCounts = (): Counts => ({ shown: 0, accepted: 0, ignored: 0, adoption: 0 });

export function summarise(nudges: readonly NudgeEvent[], outcomes: readonly ConversationOutcome[], topN = 10): CoachingFigures {
  const total = emptyCounts();
  const byRule: Record<string, Counts> = {};
  const byWeek: Record<string, Counts> = {};
  /** Phrases counted case-insensitively, each shown in the form the agent wrote most often. */
  const phrases = new Map<string, { count: number; forms: Map<string, number> }>();
  for (const n of nudges) {
    for (const c of [total, (byRule[n.ruleId] ??= emptyCounts()), (byWeek[n.week] ??= emptyCounts())]) c[n.kind]++;
    if (n.kind !== 'shown' || !n.phrase) continue;
    const key = n.phrase.toLowerCase();
    const entry = phrases.get(key) ?? { count: 0, forms: new Map<string, number>() };
    entry.count++;
    entry.forms.set(n.phrase, (entry.forms.get(n.phrase) ?? 0) + 1);
    phrases.set(key, entry);
  }
  const usualForm = (forms: Map<string, number>) => [...forms].reduce((best, form) => (form[1] > best[1] ? form : best))[0];
  for (const c of [total, ...Object.values(byRule), ...Object.values(byWeek)]) c.adoption = c.shown ? c.accepted / c.shown : 0;
  return {
    total,
    byRule,
    byWeek,
    topPhrases: [...phrases.values()].map(({ count, forms }) => ({ phrase: usualForm(forms), count })).sort((a, b) => b.count - a.count || a.phrase.localeCompare(b.phrase)).slice(0, topN),
    deEscalations: outcomes.filter((o) => o.now > o.start).length,
    conversations: outcomes.length,
  };
}

export async function loadFigures(db: SteadyDB): Promise<CoachingFigures> {
  return summarise(await db.nudges.toArray(), await db.ticketConversations.toArray());
}

export async function exportData(db: SteadyDB): Promise<{ decisionMaps: unknown[]; nudges: NudgeEvent[]; conversations: ConversationOutcome[] }> {
  return { decisionMaps: await db.ticketMaps.toArray(), nudges: await db.nudges.toArray(), conversations: await db.ticketConversations.toArray() };
}

export function nudgesToCsv(nudges: readonly NudgeEvent[]): string {
  const cell = (v: string | number) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return ['at,week,ruleId,kind,phrase', ...nudges.map((n) => [new Date(n.at).toISOString(), n.week, n.ruleId, n.kind, n.phrase].map(cell).join(','))].join('\n');
}

export async function deleteAllData(db: SteadyDB): Promise<void> {
  await db.transaction('rw', [db.ticketMaps, db.nudges, db.ticketConversations], async () => {
    await Promise.all([db.ticketMaps.clear(), db.nudges.clear(), db.ticketConversations.clear()]);
  });
}
