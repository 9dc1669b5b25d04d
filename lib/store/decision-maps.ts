/** Decision maps per helpdesk + ticket: read, save (quota-safe) and watch live. */
import { liveQuery, type Observable } from 'dexie';
import type { DecisionMap, SteadyDB } from './db';

export function emptyDecisionMap(helpdesk: string, ticketId: string): DecisionMap {
  return { helpdesk, ticketId, concern: '', knownFacts: [], factsToVerify: [], boundaries: [], promises: [], nextStep: '', owner: '', updatedAt: 0 };
}

export type SaveResult = { ok: true } | { ok: false; message: string };

/** Save a whole map. Never throws: a full disk or a closed database comes back as a message to show. */
export async function saveDecisionMap(db: SteadyDB, map: DecisionMap, now = Date.now()): Promise<SaveResult> {
  try {
    await db.decisionMaps.put({ ...map, updatedAt: now });
    return { ok: true };
  } catch (e) {
    return { ok: false, message: storageErrorMessage(e) };
  }
}

export async function loadDecisionMap(db: SteadyDB, helpdesk: string, ticketId: string): Promise<DecisionMap> {
  return (await db.decisionMaps.get([helpdesk, ticketId])) ?? emptyDecisionMap(helpdesk, ticketId);
}

/** Emits the stored map whenever any tab changes it. */
export function watchDecisionMap(db: SteadyDB, helpdesk: string, ticketId: string): Observable<DecisionMap> {
  return liveQuery(async () => (await db.decisionMaps.get([helpdesk, ticketId])) ?? emptyDecisionMap(helpdesk, ticketId));
}

export function storageErrorMessage(e: unknown): string {
  const name = (e as { name?: string })?.name ?? '';
  const inner = (e as { inner?: { name?: string } })?.inner?.name ?? '';
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') {
    return 'Your browser storage is full, so this change was not saved yet. Free some space (or delete old Steady data) and it will be saved — your text is kept here meanwhile.';
  }
  return `This change could not be saved (${name || 'storage error'}). Your text is kept here; Steady will try again on your next edit.`;
}
