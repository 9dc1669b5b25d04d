/**
 * Steady's local database (IndexedDB via Dexie), opened in the extension's own
 * origin only. Decision maps and coaching figures stay on this device.
 *
 * Versions:
 *  1 — decisionMaps (no owner field), nudges
 *  2 — decisionMaps gain `owner`; nudges indexed by week; conversations table for de-escalation figures
 *  3 — maps are keyed by helpdesk + account + ticket id (table `ticketMaps`; IndexedDB cannot
 *      change a primary key in place). Older maps are copied with account '' and claimed by the
 *      first account that opens their ticket (see decision-maps.ts).
 *  4 — the old `decisionMaps` table is dropped (its rows live on in `ticketMaps`)
 *  5 — conversation outcomes are keyed by helpdesk + account + ticket id too (table
 *      `ticketConversations`). Older rows stored no address to tell their account from, so they
 *      are copied with account '' and replaced by the first outcome recorded for their ticket in
 *      an account (see stats.ts).
 *  6 — the old `conversations` table is dropped (its rows live on in `ticketConversations`)
 */
import Dexie, { type EntityTable, type Table, type Transaction } from 'dexie';

/** Which ticket a map or a conversation outcome belongs to: the same ticket number in two accounts is two tickets. */
export interface MapKey {
  helpdesk: string;
  /** Subdomain, workspace or portal id; '' for rows saved before accounts were told apart. */
  account: string;
  ticketId: string;
}

/** The primary key of `ticketMaps` and `ticketConversations`. */
export const ticketPrimaryKey = (key: MapKey): [string, string, string] => [key.helpdesk, key.account, key.ticketId];

export const MAP_FIELDS = ['concern', 'knownFacts', 'factsToVerify', 'boundaries', 'promises', 'nextStep', 'owner', 'dismissedSuggestions'] as const;
export type MapField = (typeof MAP_FIELDS)[number];

export interface DecisionMap extends MapKey {
  concern: string;
  knownFacts: string[];
  factsToVerify: string[];
  boundaries: string[];
  promises: string[];
  nextStep: string;
  owner: string;
  /** Ids of the pre-filled suggestions the agent dismissed on this ticket (absent on maps saved before suggestions; not indexed, so no schema version). */
  dismissedSuggestions?: string[];
  updatedAt: number;
  /** When each field was last edited: concurrent saves from two panels merge field by field, newest edit wins. */
  editedAt?: Partial<Record<MapField, number>>;
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

export interface ConversationOutcome extends MapKey {
  start: number;
  now: number;
  updatedAt: number;
}

export type SteadyDB = Dexie & {
  ticketMaps: Table<DecisionMap, [string, string, string]>;
  nudges: EntityTable<NudgeEvent, 'id'>;
  ticketConversations: Table<ConversationOutcome, [string, string, string]>;
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
  {
    version: 3,
    stores: { ticketMaps: '&[helpdesk+account+ticketId], updatedAt' },
    upgrade: async (tx: Transaction) => {
      const legacy = (await tx.table('decisionMaps').toArray()) as Omit<DecisionMap, 'account'>[];
      await tx.table('ticketMaps').bulkPut(legacy.map((map) => ({ ...map, account: '' })));
    },
  },
  { version: 4, stores: { decisionMaps: null } },
  {
    version: 5,
    stores: { ticketConversations: '&[helpdesk+account+ticketId], updatedAt' },
    upgrade: async (tx: Transaction) => {
      const legacy = (await tx.table('conversations').toArray()) as Omit<ConversationOutcome, 'account'>[];
      await tx.table('ticketConversations').bulkPut(legacy.map((outcome) => ({ ...outcome, account: '' })));
    },
  },
  { version: 6, stores: { conversations: null } },
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

/**
 * Tells the agent when the database cannot be used: a newer Steady (after an
 * update) needs this page's connection closed, or an older Steady page still
 * holds the database this one must upgrade. Dexie closes on `versionchange`
 * itself; this only adds the message. Edits not yet saved stay in the page.
 */
export function onDatabaseInterrupted(db: Dexie, report: (message: string) => void): void {
  db.on('versionchange', () => {
    report('Steady was updated in another window, so this panel stopped saving. Close and reopen the panel: your unsaved edits are kept and saved then.');
  });
  db.on('blocked', () => {
    report('Steady is waiting for another Steady window or tab (an older version) to close before it can open its storage. Close other Steady panels, then reopen this one.');
  });
}

/** ISO-8601 week label of a timestamp, e.g. "2026-W48". */
export function isoWeek(at: number): string {
  const d = new Date(at);
  const thursday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 4 - (d.getUTCDay() || 7)));
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((thursday.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
