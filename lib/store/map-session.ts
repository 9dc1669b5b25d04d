/**
 * The decision map of the ticket in view, as one panel edits it.
 *
 * - Each map is shown and saved under its own helpdesk + account + ticket: an
 *   edit is filed under the ticket it was typed on, even when the agent has
 *   switched ticket before it was saved.
 * - Saves carry only the fields the agent changed, so two panels editing one
 *   map merge field by field; another panel's saved edits show live, except on
 *   fields this panel has not saved yet.
 * - A map that cannot be read (a closed database, a storage error) is named as
 *   such, never left loading: it is read again after a while, when the agent
 *   asks, and as soon as the database opens again.
 * - Unsaved edits are written synchronously to a journal (the panel's
 *   localStorage) and saved at once when the panel is hidden, closed, reloaded
 *   or switches ticket; a journal left by a page that could not finish is saved
 *   when the next panel starts.
 *
 * DOM-free: storage and page events are injected.
 */
import { z } from 'zod';
import { MAP_FIELDS, type DecisionMap, type MapField, type MapKey, type SteadyDB } from './db';
import { claimLegacyMap, MapReadError, saveMapFields, storageErrorMessage, watchDecisionMap, type FieldEdit } from './decision-maps';

/** 'idle' until this panel saved something: nothing is claimed saved before anything was written. */
export type SaveState = { kind: 'idle' | 'saved' | 'saving' | 'error'; message?: string };

export interface MapView {
  key: MapKey | null;
  /** The stored map with this panel's unsaved edits on top; null while loading or with no ticket. */
  map: DecisionMap | null;
  saveState: SaveState;
  /** Why the map in view could not be read; it is read again after a while, on retry() and when the database opens again. */
  readError?: string;
}

/** Synchronous storage that outlives the page (the panel's localStorage). */
export type JournalStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** Where "the page is going away" is heard: `pagehide` on the window, `visibilitychange` on the document. */
export interface PageLifecycle {
  window: EventTarget;
  document: EventTarget & { readonly visibilityState: string };
}

export interface MapSessionOptions {
  db: SteadyDB;
  onView(view: MapView): void;
  journal?: JournalStorage;
  page?: PageLifecycle;
  saveDelayMs?: number;
  retryDelayMs?: number;
  now?: () => number;
}

export interface MapSession {
  /** Show this ticket's map (null: no ticket). Unsaved edits of the previous ticket are saved under it. */
  open(key: MapKey | null): void;
  /** The agent changed the shown map: the fields that differ are saved. A map of another ticket is refused. */
  update(next: DecisionMap): void;
  /** Save every unsaved edit now. */
  flush(): Promise<void>;
  /** Read the map in view again now, after a read failed. */
  retry(): void;
  /** Settles once edits journalled by an earlier page are saved. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

export const JOURNAL_KEY = 'steady:unsaved-map-edits';

const text = z.string();
const list = z.array(z.string());
const FIELD_VALUE: Record<MapField, z.ZodType> = { concern: text, nextStep: text, owner: text, knownFacts: list, factsToVerify: list, boundaries: list, promises: list, dismissedSuggestions: list };
const journalEntry = z
  .object({
    session: z.string(),
    key: z.object({ helpdesk: z.string(), account: z.string(), ticketId: z.string() }),
    field: z.enum(MAP_FIELDS),
    value: z.unknown(),
    at: z.number(),
  })
  .refine((e) => FIELD_VALUE[e.field].safeParse(e.value).success);
type JournalEntry = FieldEdit & { session: string; key: MapKey };

const idOf = (key: MapKey) => JSON.stringify([key.helpdesk, key.account, key.ticketId]);
const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function createMapSession(options: MapSessionOptions): MapSession {
  const { db, onView, journal, page, saveDelayMs = 400, retryDelayMs = 5_000, now = Date.now } = options;
  const session = `${now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  /** Unsaved edits per map, the latest per field. */
  const pending = new Map<string, { key: MapKey; edits: Map<MapField, FieldEdit> }>();
  let current: { key: MapKey; id: string; stored: DecisionMap | null; readError?: string; unsubscribe?: () => void } | null = null;
  let saveState: SaveState = { kind: 'idle' };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let rereadTimer: ReturnType<typeof setTimeout> | undefined;
  let saving: Promise<void> = Promise.resolve();

  const shownMap = (): DecisionMap | null => {
    if (!current?.stored) return null;
    const edits = pending.get(current.id)?.edits;
    return edits ? Object.assign({ ...current.stored }, ...[...edits.values()].map((e) => ({ [e.field]: e.value }))) : current.stored;
  };
  const emit = () => onView({ key: current?.key ?? null, map: shownMap(), saveState, ...(current?.readError ? { readError: current.readError } : {}) });

  const readJournal = (): JournalEntry[] => {
    try {
      const parsed: unknown = JSON.parse(journal?.getItem(JOURNAL_KEY) ?? '[]');
      return Array.isArray(parsed) ? parsed.flatMap((e) => (journalEntry.safeParse(e).success ? [e as JournalEntry] : [])) : [];
    } catch {
      return [];
    }
  };
  const writeJournal = (entries: JournalEntry[]) => {
    try {
      journal?.setItem(JOURNAL_KEY, JSON.stringify(entries));
    } catch {
      // A full localStorage only loses the reload safety net; the IndexedDB save still runs.
    }
  };
  /** This panel's unsaved edits replace its earlier journal entries; other panels' entries stay. */
  const journalPending = () => {
    if (!journal) return;
    const mine = [...pending.values()].flatMap(({ key, edits }) => [...edits.values()].map((e) => ({ ...e, key, session })));
    writeJournal([...readJournal().filter((e) => e.session !== session), ...mine]);
  };

  const saveAll = async () => {
    let failure: string | undefined;
    for (const [id, entry] of [...pending]) {
      const edits = [...entry.edits.values()];
      const result = await saveMapFields(db, entry.key, edits, now());
      if (!result.ok) {
        failure = result.message;
        continue;
      }
      // Edits typed while this save ran stay pending.
      for (const e of edits) if (entry.edits.get(e.field) === e) entry.edits.delete(e.field);
      if (entry.edits.size === 0 && pending.get(id) === entry) pending.delete(id);
    }
    journalPending();
    saveState = failure ? { kind: 'error', message: failure } : pending.size ? { kind: 'saving' } : { kind: 'saved' };
    if (failure) schedule(retryDelayMs);
    emit();
  };

  function schedule(delay: number) {
    clearTimeout(timer);
    timer = setTimeout(() => void flush(), delay);
  }

  function flush(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    if (pending.size) {
      saving = saving.then(saveAll).catch((e: unknown) => {
        // Never leave the chain rejected: later saves must still run.
        saveState = { kind: 'error', message: storageErrorMessage(e) };
        schedule(retryDelayMs);
        emit();
      });
    }
    return saving;
  }

  /** Edits a closed or reloaded panel could not save. */
  const ready = (async () => {
    const left = readJournal();
    if (!left.length) return;
    const byMap = new Map<string, JournalEntry[]>();
    for (const e of left) byMap.set(idOf(e.key), [...(byMap.get(idOf(e.key)) ?? []), e]);
    const saved = new Set<JournalEntry>();
    for (const entries of byMap.values()) {
      const result = await saveMapFields(db, entries[0].key, entries, now());
      if (result.ok) entries.forEach((e) => saved.add(e));
    }
    const done = (e: JournalEntry) => [...saved].some((s) => s.session === e.session && s.field === e.field && s.at === e.at && idOf(s.key) === idOf(e.key));
    writeJournal(readJournal().filter((e) => !done(e)));
  })();

  const onPageHidden = () => {
    if (!pending.size) return;
    journalPending();
    void flush();
  };
  const onVisibility = () => {
    if (page?.document.visibilityState === 'hidden') onPageHidden();
  };
  page?.window.addEventListener('pagehide', onPageHidden);
  page?.document.addEventListener('visibilitychange', onVisibility);

  /** Show the stored map of the ticket in view, live, until it is left; a failed read is shown and read again later. */
  const watch = (opened: NonNullable<typeof current>) => {
    const subscription = watchDecisionMap(db, opened.key).subscribe({
      next: (stored) => {
        if (current !== opened) return;
        opened.stored = stored;
        opened.readError = undefined;
        emit();
      },
      error: (e: unknown) => {
        if (current !== opened) return;
        opened.unsubscribe = undefined;
        opened.readError = `${(e instanceof MapReadError ? e : new MapReadError(e)).message} Steady tries again in a moment.`;
        clearTimeout(rereadTimer);
        rereadTimer = setTimeout(retry, retryDelayMs);
        emit();
      },
    });
    opened.unsubscribe = () => subscription.unsubscribe();
  };
  function retry() {
    clearTimeout(rereadTimer);
    if (!current?.readError) return;
    // Loading again, until the read answers.
    current.readError = undefined;
    emit();
    watch(current);
  }
  // A database closed under the panel (another Steady window upgrading it, an explicit close) opens again: read at once.
  const onDatabaseOpened = () => void setTimeout(retry);
  db.on('ready', onDatabaseOpened, true);

  return {
    ready,
    open(key) {
      if (key && current?.id === idOf(key)) return;
      void flush();
      current?.unsubscribe?.();
      if (!key) {
        current = null;
        emit();
        return;
      }
      const opened: NonNullable<typeof current> = { key, id: idOf(key), stored: null };
      current = opened;
      if (saveState.kind === 'saved') saveState = { kind: 'idle' };
      emit();
      void ready
        .then(() => claimLegacyMap(db, key))
        .catch(() => {
          // An unclaimed old map only stays hidden; the ticket still gets its own.
        })
        .then(() => {
          if (current === opened) watch(opened);
        });
    },
    update(next) {
      const shown = shownMap();
      if (!current || !shown || idOf(next) !== current.id) return;
      let entry = pending.get(current.id);
      const at = now();
      let changed = false;
      for (const field of MAP_FIELDS) {
        if (sameValue(next[field], shown[field])) continue;
        if (!entry) pending.set(current.id, (entry = { key: current.key, edits: new Map() }));
        entry.edits.set(field, { field, value: next[field], at });
        changed = true;
      }
      if (!changed) return;
      journalPending();
      if (saveState.kind !== 'error') saveState = { kind: 'saving' };
      emit();
      schedule(saveDelayMs);
    },
    flush,
    retry,
    async close() {
      page?.window.removeEventListener('pagehide', onPageHidden);
      page?.document.removeEventListener('visibilitychange', onVisibility);
      db.on.ready.unsubscribe(onDatabaseOpened);
      clearTimeout(rereadTimer);
      current?.unsubscribe?.();
      current = null;
      await flush();
    },
  };
}
