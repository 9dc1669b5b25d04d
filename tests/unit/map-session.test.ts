import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openDatabase, type DecisionMap, type MapKey, type SteadyDB } from '../../lib/store/db';
import { emptyDecisionMap, loadDecisionMap } from '../../lib/store/decision-maps';
import { createMapSession, JOURNAL_KEY, type JournalStorage, type MapSession, type MapView, type PageLifecycle } from '../../lib/store/map-session';

const ACME_123: MapKey = { helpdesk: 'zendesk', account: 'acme.zendesk.com', ticketId: '123' };
const ACME_124: MapKey = { ...ACME_123, ticketId: '124' };
const GLOBEX_123: MapKey = { ...ACME_123, account: 'globex.zendesk.com' };

class MemoryStorage implements JournalStorage {
  items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
}

class FakePage implements PageLifecycle {
  window = new EventTarget();
  document = Object.assign(new EventTarget(), { visibilityState: 'visible' });
}

let cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

function database(factory = new IDBFactory()): SteadyDB {
  const db = openDatabase({ indexedDB: factory, IDBKeyRange });
  cleanup.push(() => db.close());
  return db;
}

/** A panel: its session and the latest view it was given. */
function panel(db: SteadyDB, options: { journal?: JournalStorage; page?: PageLifecycle; saveDelayMs?: number; retryDelayMs?: number; now?: () => number; keep?: boolean } = {}) {
  const views: MapView[] = [];
  const session: MapSession = createMapSession({ db, onView: (v) => views.push(v), saveDelayMs: 30, ...options });
  if (!options.keep) cleanup.push(() => session.close());
  const view = () => views.at(-1)!;
  const shown = async (key: MapKey) => {
    await expect.poll(() => view()?.map && view().key).toEqual(key);
    return view().map!;
  };
  /** Type into one field, the way the editor reports it: the whole shown map with that field changed. */
  const type = <F extends keyof DecisionMap>(field: F, value: DecisionMap[F]) => session.update({ ...view().map!, [field]: value });
  return { session, views, view, shown, type };
}

/** The next `count` reads of `key`'s map fail (UnknownError); other reads, and later ones, work. */
function failReads(db: SteadyDB, key: MapKey, count: number) {
  const get = db.ticketMaps.get.bind(db.ticketMaps);
  let failures = count;
  db.ticketMaps.get = ((primaryKey: unknown) => {
    if (JSON.stringify(primaryKey) !== JSON.stringify([key.helpdesk, key.account, key.ticketId]) || failures-- <= 0) return get(primaryKey as never);
    return Promise.reject(Object.assign(new Error('busy'), { name: 'UnknownError' }));
  }) as never;
}

describe('map session', () => {
  it('round-trips the whole map, and a second panel shows it exactly', async () => {
    const db = database();
    const a = panel(db);
    a.session.open(ACME_123);
    expect(await a.shown(ACME_123)).toEqual(emptyDecisionMap(ACME_123));
    a.type('concern', 'Parcel is a week late');
    a.type('knownFacts', ['Courier scan stopped Nov 14']);
    a.type('factsToVerify', ['Delivery address']);
    a.type('boundaries', ['No refund before the courier answers']);
    a.type('promises', ['Email by Friday']);
    a.type('nextStep', 'Call the depot');
    a.type('owner', 'Marco');
    expect(a.view().saveState).toEqual({ kind: 'saving' });
    const typed = a.view().map;
    await expect.poll(() => a.view().saveState).toEqual({ kind: 'saved' });

    const b = panel(db);
    b.session.open(ACME_123);
    const stored = await b.shown(ACME_123);
    expect(stored).toEqual({ ...typed, updatedAt: stored.updatedAt, editedAt: stored.editedAt });
    expect(stored).toEqual({
      ...ACME_123,
      concern: 'Parcel is a week late',
      knownFacts: ['Courier scan stopped Nov 14'],
      factsToVerify: ['Delivery address'],
      boundaries: ['No refund before the courier answers'],
      promises: ['Email by Friday'],
      nextStep: 'Call the depot',
      owner: 'Marco',
      updatedAt: expect.any(Number),
      editedAt: expect.objectContaining({ concern: expect.any(Number), owner: expect.any(Number) }),
    });
  });

  it('switching ticket mid-save files the edit under the ticket it was typed on and never shows it on the next', async () => {
    const db = database();
    const a = panel(db, { saveDelayMs: 10_000 });
    a.session.open(ACME_123);
    await a.shown(ACME_123);
    a.type('concern', 'Charged twice');
    const mapOf123 = a.view().map!;
    a.session.open(ACME_124);
    // From the moment of the switch, nothing of 123 is on screen.
    expect(a.views.slice(a.views.findIndex((v) => v.key === ACME_124)).every((v) => v.map === null || v.map.concern === '')).toBe(true);
    expect(await a.shown(ACME_124)).toEqual(emptyDecisionMap(ACME_124));
    // A late event from the editor still holding 123's map is refused, not written under 124.
    a.session.update({ ...mapOf123, concern: 'Charged twice!' });
    a.type('nextStep', 'Refund');
    await a.session.flush();
    expect(await loadDecisionMap(db, ACME_123)).toMatchObject({ concern: 'Charged twice', nextStep: '' });
    expect(await loadDecisionMap(db, ACME_124)).toMatchObject({ concern: '', nextStep: 'Refund' });
    expect(a.views.filter((v) => v.key === ACME_124).every((v) => !v.map || v.map.concern === '')).toBe(true);
  });

  it('two panels typing at once keep both edits, and each shows the other one', async () => {
    const factory = new IDBFactory();
    const a = panel(database(factory), { saveDelayMs: 10_000 });
    const b = panel(database(factory), { saveDelayMs: 10_000 });
    a.session.open(ACME_123);
    b.session.open(ACME_123);
    await a.shown(ACME_123);
    await b.shown(ACME_123);
    a.type('concern', 'Wants a refund');
    b.type('nextStep', 'Check the invoice');
    await Promise.all([a.session.flush(), b.session.flush()]);
    await expect.poll(() => [a.view().map?.concern, a.view().map?.nextStep]).toEqual(['Wants a refund', 'Check the invoice']);
    await expect.poll(() => [b.view().map?.concern, b.view().map?.nextStep]).toEqual(['Wants a refund', 'Check the invoice']);
    // A field this panel has not saved yet is not overwritten on screen by the other panel's save…
    b.type('owner', 'Priya');
    a.type('owner', 'Marco');
    a.type('boundaries', ['No discount']);
    const seenByA = a.views.length;
    await b.session.flush();
    // A hears of B's save (a live update)…
    await expect.poll(() => a.views.length).toBeGreaterThan(seenByA);
    await expect.poll(async () => (await loadDecisionMap(database(factory), ACME_123)).owner).toBe('Priya');
    expect(a.view().map?.owner).toBe('Marco');
    // …and when it is saved, the later edit wins everywhere, the other fields stay.
    await a.session.flush();
    await expect.poll(() => b.view().map).toMatchObject({ owner: 'Marco', boundaries: ['No discount'], concern: 'Wants a refund', nextStep: 'Check the invoice' });
    expect(await loadDecisionMap(database(factory), ACME_123)).toMatchObject({ owner: 'Marco', boundaries: ['No discount'], concern: 'Wants a refund', nextStep: 'Check the invoice' });
  });

  it('a reload right after a keystroke loses nothing: the journal is saved by the next panel', async () => {
    const factory = new IDBFactory();
    const journal = new MemoryStorage();
    const a = panel(database(factory), { journal, saveDelayMs: 10_000, keep: true });
    a.session.open(ACME_123);
    await a.shown(ACME_123);
    a.type('concern', 'Locked out after the setup guide');
    // The page is gone before any save ran (no flush, no close).
    expect(JSON.parse(journal.getItem(JOURNAL_KEY)!)).toHaveLength(1);
    const b = panel(database(factory), { journal });
    b.session.open(ACME_123);
    expect((await b.shown(ACME_123)).concern).toBe('Locked out after the setup guide');
    await b.session.ready;
    expect(JSON.parse(journal.getItem(JOURNAL_KEY)!)).toEqual([]);
  });

  it('a suggestion dismissed just before a reload stays dismissed', async () => {
    const factory = new IDBFactory();
    const journal = new MemoryStorage();
    const a = panel(database(factory), { journal, saveDelayMs: 10_000, keep: true });
    a.session.open(ACME_123);
    await a.shown(ACME_123);
    a.type('dismissedSuggestions', ['knownFacts:Waiting: “It’s been two weeks”']);
    const b = panel(database(factory), { journal });
    b.session.open(ACME_123);
    await expect.poll(async () => (await b.shown(ACME_123)).dismissedSuggestions).toEqual(['knownFacts:Waiting: “It’s been two weeks”']);
  });

  it('an older journal entry does not undo a newer saved edit', async () => {
    const factory = new IDBFactory();
    const journal = new MemoryStorage();
    const db = database(factory);
    let clock = 1_000;
    const a = panel(db, { journal, saveDelayMs: 10_000, keep: true, now: () => clock });
    a.session.open(ACME_123);
    await a.shown(ACME_123);
    a.type('owner', 'Old');
    clock = 2_000;
    const b = panel(db);
    b.session.open(ACME_123);
    await b.shown(ACME_123);
    b.type('owner', 'New');
    await b.session.flush();
    const c = panel(db, { journal });
    await c.session.ready;
    expect((await loadDecisionMap(db, ACME_123)).owner).toBe('New');
  });

  it('pagehide and a hidden page save at once', async () => {
    const db = database();
    const page = new FakePage();
    const a = panel(db, { page, saveDelayMs: 60_000 });
    a.session.open(ACME_123);
    await a.shown(ACME_123);
    a.type('concern', 'First');
    page.window.dispatchEvent(new Event('pagehide'));
    await expect.poll(async () => (await loadDecisionMap(db, ACME_123)).concern).toBe('First');
    a.type('concern', 'Second');
    page.document.visibilityState = 'hidden';
    page.document.dispatchEvent(new Event('visibilitychange'));
    await expect.poll(async () => (await loadDecisionMap(db, ACME_123)).concern).toBe('Second');
  });

  it('the same ticket number in two accounts is two maps', async () => {
    const db = database();
    const a = panel(db);
    a.session.open(ACME_123);
    await a.shown(ACME_123);
    a.type('concern', 'Acme customer');
    a.session.open(GLOBEX_123);
    expect(await a.shown(GLOBEX_123)).toEqual(emptyDecisionMap(GLOBEX_123));
    a.type('concern', 'Globex customer');
    await a.session.flush();
    expect((await loadDecisionMap(db, ACME_123)).concern).toBe('Acme customer');
    expect((await loadDecisionMap(db, GLOBEX_123)).concern).toBe('Globex customer');
    a.session.open(ACME_123);
    expect((await a.shown(ACME_123)).concern).toBe('Acme customer');
  });

  it('a failed save says why, keeps the text on screen and succeeds on retry', async () => {
    const db = database();
    // Long enough for the poll below to see the error before the retry, on a loaded machine.
    const a = panel(db, { retryDelayMs: 1_500 });
    a.session.open(ACME_123);
    await a.shown(ACME_123);
    const put = db.ticketMaps.put.bind(db.ticketMaps);
    let failures = 1;
    db.ticketMaps.put = ((...args: Parameters<typeof put>) => (failures-- > 0 ? Promise.reject(Object.assign(new Error('full'), { name: 'QuotaExceededError' })) : put(...args))) as never;
    a.type('concern', 'Keep me');
    await expect.poll(() => a.view().saveState.kind).toBe('error');
    expect(a.view().saveState.message).toMatch(/storage is full/);
    expect(a.view().map?.concern).toBe('Keep me');
    await expect.poll(() => a.view().saveState, { timeout: 10_000 }).toEqual({ kind: 'saved' });
    expect((await loadDecisionMap(db, ACME_123)).concern).toBe('Keep me');
  });

  it('ignores a damaged journal', async () => {
    const journal = new MemoryStorage();
    journal.setItem(JOURNAL_KEY, '[{"session":"x","key":{"helpdesk":"zendesk"},"field":"concern","value":1,"at":1}, "junk"');
    const a = panel(database(), { journal });
    await a.session.ready;
    a.session.open(ACME_123);
    expect(await a.shown(ACME_123)).toEqual(emptyDecisionMap(ACME_123));
    journal.setItem(JOURNAL_KEY, JSON.stringify([{ session: 'x', key: ACME_123, field: 'knownFacts', value: 'not a list', at: 1 }]));
    const b = panel(database(), { journal });
    await b.session.ready;
    b.session.open(ACME_123);
    expect((await b.shown(ACME_123)).knownFacts).toEqual([]);
  });

  it('a journal that is not a list is ignored, and this panel journals only its own edits', async () => {
    const journal = new MemoryStorage();
    journal.setItem(JOURNAL_KEY, '{"concern":"not a list"}');
    const a = panel(database(), { journal, saveDelayMs: 10_000 });
    await a.session.ready;
    a.session.open(ACME_123);
    await a.shown(ACME_123);
    a.type('concern', 'Refund asked');
    expect(JSON.parse(journal.getItem(JOURNAL_KEY)!)).toEqual([expect.objectContaining({ key: ACME_123, field: 'concern', value: 'Refund asked' })]);
  });

  it('two panels sharing a journal each rewrite only their own entries, the latest per field', async () => {
    const journal = new MemoryStorage();
    const db = database();
    const a = panel(db, { journal, saveDelayMs: 10_000 });
    const b = panel(db, { journal, saveDelayMs: 10_000 });
    await Promise.all([a.session.ready, b.session.ready]);
    a.session.open(ACME_123);
    b.session.open(ACME_124);
    await a.shown(ACME_123);
    await b.shown(ACME_124);
    a.type('concern', 'From A');
    b.type('concern', 'From B');
    b.type('concern', 'From B, corrected');
    const entries = JSON.parse(journal.getItem(JOURNAL_KEY)!) as { key: MapKey; value: unknown }[];
    expect(entries.map((e) => [e.key.ticketId, e.value])).toEqual([
      ['123', 'From A'],
      ['124', 'From B, corrected'],
    ]);
  });

  it('shows idle before anything is saved, saved after, and idle again on the next ticket', async () => {
    const db = database();
    const a = panel(db);
    a.session.open(ACME_123);
    expect(a.view()).toEqual({ key: ACME_123, map: null, saveState: { kind: 'idle' } });
    await a.shown(ACME_123);
    expect(a.view().saveState).toEqual({ kind: 'idle' });
    a.type('concern', 'Late parcel');
    expect(a.view().saveState).toEqual({ kind: 'saving' });
    await a.session.flush();
    expect(a.view().saveState).toEqual({ kind: 'saved' });
    a.session.open(ACME_124);
    expect(a.view()).toEqual({ key: ACME_124, map: null, saveState: { kind: 'idle' } });
  });

  it('switching ticket while the previous one is still being saved keeps showing "saving"', async () => {
    const a = panel(database(), { saveDelayMs: 10_000 });
    a.session.open(ACME_123);
    await a.shown(ACME_123);
    a.type('concern', 'Not saved yet');
    a.session.open(ACME_124);
    expect(a.view()).toMatchObject({ key: ACME_124, saveState: { kind: 'saving' } });
  });

  it('an edit typed while a save runs is saved next, whether in the same field or another', async () => {
    const db = database();
    const a = panel(db, { saveDelayMs: 10_000 });
    a.session.open(ACME_123);
    await a.shown(ACME_123);
    const put = db.ticketMaps.put.bind(db.ticketMaps);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let putStarted!: () => void;
    const started = new Promise<void>((resolve) => (putStarted = resolve));
    db.ticketMaps.put = ((...args: Parameters<typeof put>) => (putStarted(), gate.then(() => put(...args)))) as never;
    a.type('concern', 'Charged');
    const firstSave = a.session.flush();
    await started;
    a.type('concern', 'Charged twice');
    a.type('owner', 'Priya');
    release();
    await firstSave;
    // The first save is done, the later edits are not: still "saving", never "saved" too early.
    expect(a.view().saveState).toEqual({ kind: 'saving' });
    expect(await loadDecisionMap(db, ACME_123)).toMatchObject({ concern: 'Charged', owner: '' });
    await a.session.flush();
    expect(a.view().saveState).toEqual({ kind: 'saved' });
    expect(await loadDecisionMap(db, ACME_123)).toMatchObject({ concern: 'Charged twice', owner: 'Priya' });
    expect(a.views.every((v) => ['idle', 'saving', 'saved'].includes(v.saveState.kind))).toBe(true);
  });

  it('after a failed save the error stays on screen while typing, until a save succeeds', async () => {
    const db = database();
    const a = panel(db, { saveDelayMs: 10_000, retryDelayMs: 60_000 });
    a.session.open(ACME_123);
    await a.shown(ACME_123);
    const put = db.ticketMaps.put.bind(db.ticketMaps);
    let failures = 1;
    db.ticketMaps.put = ((...args: Parameters<typeof put>) => (failures-- > 0 ? Promise.reject(Object.assign(new Error('gone'), { name: 'InvalidStateError' })) : put(...args))) as never;
    a.type('concern', 'First');
    await a.session.flush();
    const failed = { kind: 'error', message: expect.stringContaining('could not be saved (InvalidStateError)') };
    expect(a.view().saveState).toEqual(failed);
    a.type('owner', 'Marco');
    expect(a.view().saveState).toEqual(failed);
    await a.session.flush();
    expect(a.view().saveState).toEqual({ kind: 'saved' });
    expect(await loadDecisionMap(db, ACME_123)).toMatchObject({ concern: 'First', owner: 'Marco' });
  });

  it('a save that throws shows an error and is retried; later saves still run', async () => {
    const db = database();
    let clockFails = false;
    const now = () => {
      if (clockFails) {
        clockFails = false;
        throw new Error('clock');
      }
      return 1_000;
    };
    const a = panel(db, { saveDelayMs: 10_000, retryDelayMs: 20, now });
    a.session.open(ACME_123);
    await a.shown(ACME_123);
    a.type('concern', 'Kept');
    clockFails = true;
    await expect(a.session.flush()).resolves.toBeUndefined();
    expect(a.view().saveState).toEqual({ kind: 'error', message: expect.stringContaining('could not be saved (Error)') });
    await expect.poll(() => a.view().saveState).toEqual({ kind: 'saved' });
    expect((await loadDecisionMap(db, ACME_123)).concern).toBe('Kept');
  });

  it('a map that cannot be read says so, naming the cause', async () => {
    const db = database();
    const a = panel(db);
    db.ticketMaps.get = (() => Promise.reject(Object.assign(new Error('unreadable'), { name: 'NotReadableError' }))) as never;
    a.session.open(ACME_123);
    await expect.poll(() => a.view().readError).toBe('Could not read the decision map (NotReadableError). Steady tries again in a moment.');
    expect(a.view()).toMatchObject({ key: ACME_123, map: null, saveState: { kind: 'idle' } });
  });

  it('a read failure without a name is reported as a storage error', async () => {
    const db = database();
    const a = panel(db);
    db.ticketMaps.get = (() => Promise.reject(null)) as never;
    a.session.open(ACME_123);
    await expect.poll(() => a.view().readError).toBe('Could not read the decision map (storage error). Steady tries again in a moment.');
  });

  it('a closed database is named, not left loading, and the map shows as soon as the database opens again', async () => {
    const db = database();
    await db.open();
    const a = panel(db, { retryDelayMs: 60_000 });
    db.close();
    a.session.open(ACME_123);
    await expect.poll(() => a.view().readError).toBe('Could not read the decision map (DatabaseClosedError). Steady tries again in a moment.');
    expect(a.view().map).toBeNull();
    await db.open();
    expect(await a.shown(ACME_123)).toEqual(emptyDecisionMap(ACME_123));
    expect(a.view().readError).toBeUndefined();
    a.type('concern', 'After reopening');
    await a.session.flush();
    expect((await loadDecisionMap(db, ACME_123)).concern).toBe('After reopening');
  });

  it('retry() reads a map that could not be read again at once, showing it loading meanwhile', async () => {
    const db = database();
    const a = panel(db, { retryDelayMs: 60_000 });
    failReads(db, ACME_123, 1);
    a.session.open(ACME_123);
    await expect.poll(() => a.view().readError).toContain('(UnknownError)');
    a.session.retry();
    expect(a.view()).toMatchObject({ key: ACME_123, map: null });
    expect(a.view().readError).toBeUndefined();
    expect(await a.shown(ACME_123)).toEqual(emptyDecisionMap(ACME_123));
  });

  it('a map that could not be read is read again by itself after the retry delay', async () => {
    const db = database();
    const a = panel(db, { retryDelayMs: 20 });
    failReads(db, ACME_123, 2);
    a.session.open(ACME_123);
    expect(await a.shown(ACME_123)).toEqual(emptyDecisionMap(ACME_123));
    expect(a.views.filter((v) => v.readError)).toHaveLength(2);
  });

  it('retry() without a read failure changes nothing', async () => {
    const db = database();
    const a = panel(db);
    a.session.open(ACME_123);
    await a.shown(ACME_123);
    const seen = a.views.length;
    a.session.retry();
    expect(a.views.length).toBe(seen);
  });

  it('a read failing for a ticket the agent has left shows no error on the ticket now open', async () => {
    const db = database();
    const a = panel(db);
    const get = db.ticketMaps.get.bind(db.ticketMaps);
    let fail!: () => void;
    let readStarted!: () => void;
    const reading = new Promise<void>((resolve) => (readStarted = resolve));
    db.ticketMaps.get = ((primaryKey: unknown) => {
      if (JSON.stringify(primaryKey) !== JSON.stringify(['zendesk', 'acme.zendesk.com', '123'])) return get(primaryKey as never);
      readStarted();
      return new Promise((_, reject) => (fail = () => reject(Object.assign(new Error('unreadable'), { name: 'NotReadableError' }))));
    }) as never;
    a.session.open(ACME_123);
    await reading;
    a.session.open(ACME_124);
    fail();
    await a.shown(ACME_124);
    a.type('concern', 'On 124');
    await a.session.flush();
    expect(a.view().saveState).toEqual({ kind: 'saved' });
    expect(a.views.some((v) => v.saveState.kind === 'error' || v.readError)).toBe(false);
  });

  it('no ticket shows no map, and the previous ticket\'s edits are still saved', async () => {
    const db = database();
    const a = panel(db, { saveDelayMs: 10_000 });
    a.session.open(ACME_123);
    await a.shown(ACME_123);
    a.type('concern', 'Before leaving');
    a.session.open(null);
    expect(a.view()).toMatchObject({ key: null, map: null });
    a.session.update({ ...emptyDecisionMap(ACME_123), concern: 'After leaving' });
    await a.session.flush();
    expect((await loadDecisionMap(db, ACME_123)).concern).toBe('Before leaving');
  });

  it('switching or closing before the map has loaded is fine, and an edit before it loaded is refused', async () => {
    const db = database();
    const a = panel(db, { saveDelayMs: 10, keep: true });
    a.session.open(ACME_123);
    a.session.update({ ...emptyDecisionMap(ACME_123), concern: 'Too early' });
    a.session.open(ACME_124);
    expect(await a.shown(ACME_124)).toEqual(emptyDecisionMap(ACME_124));
    a.session.open(ACME_123);
    await expect(a.session.close()).resolves.toBeUndefined();
    expect(await loadDecisionMap(db, ACME_123)).toEqual(emptyDecisionMap(ACME_123));
  });

  it('opening the ticket already shown changes nothing', async () => {
    const db = database();
    const a = panel(db, { saveDelayMs: 10_000 });
    a.session.open(ACME_123);
    await a.shown(ACME_123);
    a.type('concern', 'Typing');
    const seen = a.views.length;
    a.session.open({ ...ACME_123 });
    expect(a.views.length).toBe(seen);
    expect(a.view().map?.concern).toBe('Typing');
  });

  it('an update that changes nothing neither saves nor changes the save state', async () => {
    const a = panel(database());
    a.session.open(ACME_123);
    await a.shown(ACME_123);
    a.type('concern', 'Once');
    await a.session.flush();
    const seen = a.views.length;
    a.session.update({ ...a.view().map! });
    expect(a.views.length).toBe(seen);
    expect(a.view().saveState).toEqual({ kind: 'saved' });
  });

  it('a map saved before accounts were told apart is shown for its ticket', async () => {
    const db = database();
    await db.ticketMaps.put({ ...emptyDecisionMap({ ...ACME_123, account: '' }), concern: 'From the old version' });
    const a = panel(db);
    a.session.open(ACME_123);
    await expect.poll(() => a.view().map?.concern).toBe('From the old version');
  });

  it('a journal entry whose save fails stays for the next panel', async () => {
    const factory = new IDBFactory();
    const journal = new MemoryStorage();
    journal.setItem(JOURNAL_KEY, JSON.stringify([{ session: 'gone', key: ACME_123, field: 'concern', value: 'Unsaved', at: 1 }]));
    const failing = database(factory);
    failing.ticketMaps.put = (() => Promise.reject(Object.assign(new Error('full'), { name: 'QuotaExceededError' }))) as never;
    await panel(failing, { journal }).session.ready;
    expect(JSON.parse(journal.getItem(JOURNAL_KEY)!)).toHaveLength(1);
    const db = database(factory);
    await panel(db, { journal }).session.ready;
    expect((await loadDecisionMap(db, ACME_123)).concern).toBe('Unsaved');
    expect(JSON.parse(journal.getItem(JOURNAL_KEY)!)).toEqual([]);
  });

  it('saving a left journal removes exactly the saved entries, not ones written meanwhile', async () => {
    const saved = [
      { session: 'gone', key: ACME_123, field: 'concern', value: 'Saved', at: 1 },
      { session: 'gone', key: ACME_123, field: 'owner', value: 'Marco', at: 1 },
    ];
    // Written by other panels while the left entries were being saved.
    const meanwhile = [
      { session: 'other', key: ACME_123, field: 'concern', value: 'Other panel', at: 1 },
      { session: 'gone', key: ACME_123, field: 'nextStep', value: 'Other field', at: 1 },
      { session: 'gone', key: ACME_123, field: 'concern', value: 'Newer edit', at: 2 },
      { session: 'gone', key: ACME_124, field: 'concern', value: 'Other ticket', at: 1 },
    ];
    const journal = new MemoryStorage();
    journal.setItem(JOURNAL_KEY, JSON.stringify(saved));
    let reads = 0;
    const getItem = journal.getItem;
    journal.getItem = (key: string) => {
      if (++reads === 2) journal.setItem(JOURNAL_KEY, JSON.stringify([...saved, ...meanwhile]));
      return getItem(key);
    };
    const db = database();
    await panel(db, { journal }).session.ready;
    expect(JSON.parse(journal.items.get(JOURNAL_KEY)!)).toEqual(meanwhile);
    expect(await loadDecisionMap(db, ACME_123)).toMatchObject({ concern: 'Saved', owner: 'Marco' });
  });

  it('close() saves unsaved edits and stops listening to the page', async () => {
    const db = database();
    const page = new FakePage();
    const listening = new Set<string>();
    for (const target of [page.window, page.document]) {
      const add = target.addEventListener.bind(target);
      const remove = target.removeEventListener.bind(target);
      target.addEventListener = (type: string, listener: EventListenerOrEventListenerObject | null) => (listening.add(type), add(type, listener));
      target.removeEventListener = (type: string, listener: EventListenerOrEventListenerObject | null) => (listening.delete(type), remove(type, listener));
    }
    const a = panel(db, { page, saveDelayMs: 10_000, keep: true });
    expect([...listening].sort()).toEqual(['pagehide', 'visibilitychange']);
    a.session.open(ACME_123);
    await a.shown(ACME_123);
    a.type('concern', 'Saved on close');
    await a.session.close();
    expect((await loadDecisionMap(db, ACME_123)).concern).toBe('Saved on close');
    expect(listening.size).toBe(0);
  });
});
