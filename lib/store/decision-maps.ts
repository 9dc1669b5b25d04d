/** Decision maps per helpdesk + account + ticket: read, save field by field (quota-safe) and watch live. */
import { liveQuery, type Observable } from 'dexie';
import { ticketPrimaryKey, type DecisionMap, type MapField, type MapKey, type SteadyDB } from './db';

export function emptyDecisionMap({ helpdesk, account, ticketId }: MapKey): DecisionMap {
  return { helpdesk, account, ticketId, concern: '', knownFacts: [], factsToVerify: [], boundaries: [], promises: [], nextStep: '', owner: '', updatedAt: 0 };
}

export type SaveResult = { ok: true } | { ok: false; message: string };

/** One field's new value and when the agent typed it. */
export interface FieldEdit<F extends MapField = MapField> {
  field: F;
  value: DecisionMap[F];
  at: number;
}

/**
 * Save some fields of one map, leaving the others as stored: two panels editing
 * different fields both keep their edit, and for the same field the later edit
 * wins. Never throws: a full disk or a closed database comes back as a message.
 */
export async function saveMapFields(db: SteadyDB, key: MapKey, edits: readonly FieldEdit[], now = Date.now()): Promise<SaveResult> {
  try {
    await db.transaction('rw', db.ticketMaps, async () => {
      const stored = (await db.ticketMaps.get(ticketPrimaryKey(key))) ?? emptyDecisionMap(key);
      const next: DecisionMap = { ...stored, ...key, editedAt: { ...stored.editedAt }, updatedAt: now };
      for (const { field, value, at } of edits) {
        if ((next.editedAt![field] ?? 0) > at) continue;
        (next as unknown as Record<MapField, unknown>)[field] = value;
        next.editedAt![field] = at;
      }
      await db.ticketMaps.put(next);
    });
    return { ok: true };
  } catch (e) {
    return { ok: false, message: storageErrorMessage(e) };
  }
}

export async function loadDecisionMap(db: SteadyDB, key: MapKey): Promise<DecisionMap> {
  return (await db.ticketMaps.get(ticketPrimaryKey(key))) ?? emptyDecisionMap(key);
}

/**
 * Maps saved before accounts were told apart (account '') go to the first
 * account that opens their ticket, and from then on to that account only.
 */
export async function claimLegacyMap(db: SteadyDB, key: MapKey): Promise<void> {
  if (!key.account) return;
  const legacyKey = ticketPrimaryKey({ ...key, account: '' });
  await db.transaction('rw', db.ticketMaps, async () => {
    const legacy = await db.ticketMaps.get(legacyKey);
    if (!legacy || (await db.ticketMaps.get(ticketPrimaryKey(key)))) return;
    await db.ticketMaps.put({ ...legacy, account: key.account });
    await db.ticketMaps.delete(legacyKey);
  });
}

/**
 * Emits the stored map whenever any tab changes it, and ends with an error when it cannot be read.
 * liveQuery alone waits in silence on a closed database (DatabaseClosedError): that read failure is
 * passed on as a MapReadError, so the panel can say so and read again.
 */
export function watchDecisionMap(db: SteadyDB, key: MapKey): Observable<DecisionMap> {
  return liveQuery(() =>
    loadDecisionMap(db, key).catch((e: unknown) => {
      throw new MapReadError(e);
    }),
  );
}

/** A decision map could not be read; `cause` is the storage error. */
export class MapReadError extends Error {
  override name = 'MapReadError';
  constructor(override readonly cause: unknown) {
    super(`Could not read the decision map (${(cause as { name?: string })?.name || 'storage error'}).`);
  }
}

export function storageErrorMessage(e: unknown): string {
  const name = (e as { name?: string })?.name ?? '';
  const inner = (e as { inner?: { name?: string } })?.inner?.name ?? '';
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') {
    return 'Your browser storage is full, so this change was not saved yet. Free some space (or delete old Steady data) and it will be saved — your text is kept here meanwhile.';
  }
  return `This change could not be saved (${name || 'storage error'}). Your text is kept here; Steady will try again on your next edit.`;
}
