/**
 * Steady's local database (IndexedDB via Dexie), opened in the extension's own
 * origin only. Decision maps and coaching figures stay on this device.
 *
 * Versions:
 *  1 — decisionMaps (no owner field), nudges
 *  2 — decisionMaps gain `owner`; nudges indexed by week; conversations table for de-escalation figures
 */
import Dexie, { type EntityTable, type Table, type Transaction } from 'dexie';

export interface DecisionMap {
  helpdesk: string;
  ticketId: string;
  concern: string;
  knownFacts: string[];
  factsToVerify: string[];
  boundaries: string[];
  promises: string[];
  nextStep: string;
  owner: string;
  updatedAt: number;
}

export type NudgeKind = 'shown' | 'accepted' | 'ignored';

export interface NudgeEvent {
  id?: number;
  ruleId: string;
  kind: NudgeKind;
  /** The flagged phrase, lower-cased (for "most frequent weak phrases"). */
  phrase: string;
  at: number;
  /** ISO week, e.g. "2026-W48". */
  week: string;
}

export interface ConversationOutcome {
  helpdesk: string;
  ticketId: string;
  start: number;
  now: number;
  updatedAt: number;
}

export type SteadyDB = Dexie & {
  decisionMaps: Table<DecisionMap, [string, string]>;
  nudges: EntityTable<NudgeEvent, 'id'>;
  conversations: Table<ConversationOutcome, [string, string]>;
};

export const DB_NAME = 'steady';

/** Schema history, oldest first; tests open older versions to check upgrades. */
export const SCHEMA_VERSIONS = [
  { version: 1, stores: { decisionMaps: '&[helpdesk+ticketId], updatedAt', nudges: '++id, ruleId, kind, at' } },
  {
    version: 2,
    stores: {
      decisionMaps: '&[helpdesk+ticketId], updatedAt',
      nudges: '++id, ruleId, kind, at, week',
      conversations: '&[helpdesk+ticketId], updatedAt',
    },
    upgrade: async (tx: Transaction) => {
      await tx.table('decisionMaps').toCollection().modify((map: Partial<DecisionMap>) => {
        map.owner ??= '';
      });
      await tx.table('nudges').toCollection().modify((n: NudgeEvent) => {
        n.week ??= isoWeek(n.at);
      });
    },
  },
] as const;

export function openDatabase(options?: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange; name?: string; upTo?: number }): SteadyDB {
  const db = new Dexie(options?.name ?? DB_NAME, options?.indexedDB ? { indexedDB: options.indexedDB, IDBKeyRange: options.IDBKeyRange } : undefined) as SteadyDB;
  for (const v of SCHEMA_VERSIONS) {
    if (options?.upTo && v.version > options.upTo) break;
    const version = db.version(v.version).stores(v.stores);
    if ('upgrade' in v) version.upgrade(v.upgrade);
  }
  return db;
}

/** ISO-8601 week label of a timestamp, e.g. "2026-W48". */
export function isoWeek(at: number): string {
  const d = new Date(at);
  const thursday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 4 - (d.getUTCDay() || 7)));
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((thursday.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
