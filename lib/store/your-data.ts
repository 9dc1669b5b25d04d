/**
 * The agent's own data, to take away or to erase: an export of the decision
 * maps and coaching figures (JSON), and deleting everything Steady keeps in
 * this browser — the database tables and the extension's storage areas.
 * Storage areas are passed in, so this runs without a browser in tests.
 */
import type { SteadyDB } from './db';
import { deleteAllData, exportData, summarise, type CoachingFigures } from './stats';

export const EXPORT_FORMAT = 'steady-export';

export interface SteadyExport {
  format: typeof EXPORT_FORMAT;
  formatVersion: 1;
  exportedAt: string;
  /** One per ticket the agent wrote a decision map for. */
  decisionMaps: Awaited<ReturnType<typeof exportData>>['decisionMaps'];
  /** The figures the side panel shows, as computed from the events below. */
  coachingFigures: CoachingFigures;
  /** Every suggestion shown, accepted or ignored (rule, phrase, time). */
  nudges: Awaited<ReturnType<typeof exportData>>['nudges'];
  /** Customer sentiment at the start and now, per ticket of each helpdesk account (for de-escalations). */
  conversations: Awaited<ReturnType<typeof exportData>>['conversations'];
}

export async function exportYourData(db: SteadyDB, now = new Date()): Promise<SteadyExport> {
  const data = await exportData(db);
  return {
    format: EXPORT_FORMAT,
    formatVersion: 1,
    exportedAt: now.toISOString(),
    decisionMaps: data.decisionMaps,
    coachingFigures: summarise(data.nudges, data.conversations),
    nudges: data.nudges,
    conversations: data.conversations,
  };
}

export function exportFileName(now = new Date()): string {
  return `steady-data-${now.toISOString().slice(0, 10)}.json`;
}

export interface ClearableArea {
  clear(): Promise<void>;
}

export interface DeletedCounts {
  decisionMaps: number;
  nudges: number;
  conversations: number;
}

/** Erase the database's rows and the given storage areas (settings, personal packs). */
export async function deleteYourData(db: SteadyDB, areas: readonly ClearableArea[]): Promise<DeletedCounts> {
  const counts = { decisionMaps: await db.ticketMaps.count(), nudges: await db.nudges.count(), conversations: await db.ticketConversations.count() };
  await deleteAllData(db);
  await Promise.all(areas.map((area) => area.clear()));
  return counts;
}
