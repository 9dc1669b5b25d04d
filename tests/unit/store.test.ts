import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { DB_NAME, openDatabase, onDatabaseInterrupted, isoWeek, type MapField, type SteadyDB } from '../../lib/store/db';
import { claimLegacyMap, emptyDecisionMap, storageErrorMessage, loadDecisionMap, saveMapFields, watchDecisionMap } from '../../lib/store/decision-maps';
import { recordNudge, recordConversationOutcome, loadFigures, deleteAllData, nudgesToCsv, summarise } from '../../lib/store/stats';

let opened: SteadyDB[] = [];
const open = (factory: IDBFactory, upTo?: number) => {
  const db = openDatabase({ indexedDB: factory, IDBKeyRange, upTo });
  opened.push(db);
  return db;
};
afterEach(() => {
  opened.forEach((db) => db.close());
  opened = [];
});

const ACME = { helpdesk: 'zendesk', account: 'acme.zendesk.com', ticketId: '123' };
const GLOBEX = { ...ACME, account: 'globex.zendesk.com' };

describe('decision maps', () => {
  it('start empty in every field', () => {
    expect(emptyDecisionMap(ACME)).toEqual({
      ...ACME,
      concern: '',
      knownFacts: [],
      factsToVerify: [],
      boundaries: [],
      promises: [],
      nextStep: '',
      owner: '',
      updatedAt: 0,
    });
  });

  it('say why a save failed: a full disk (also when Dexie wraps it) or the error name', () => {
    expect(storageErrorMessage({ name: 'QuotaExceededError' })).toMatch(/^Your browser storage is full/);
    expect(storageErrorMessage({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toMatch(/^Your browser storage is full/);
    expect(storageErrorMessage({ name: 'InvalidStateError' })).toBe(
      'This change could not be saved (InvalidStateError). Your text is kept here; Steady will try again on your next edit.',
    );
    expect(storageErrorMessage(undefined)).toBe('This change could not be saved (storage error). Your text is kept here; Steady will try again on your next edit.');
    expect(storageErrorMessage({ name: 'AbortError', inner: { name: 'ConstraintError' } })).toMatch(/\(AbortError\)/);
  });

  it('round-trip per helpdesk + account + ticket id and keep tickets and accounts apart', async () => {
    const db = open(new IDBFactory());
    const fields = { concern: 'Charged twice', knownFacts: ['Invoice INV-9', 'Card ending 4242'], nextStep: 'Refund the second charge' };
    expect(await saveMapFields(db, ACME, Object.entries(fields).map(([field, value]) => ({ field: field as MapField, value, at: 5 })), 10)).toEqual({ ok: true });
    expect(await loadDecisionMap(db, ACME)).toEqual({
      ...emptyDecisionMap(ACME),
      ...fields,
      updatedAt: 10,
      editedAt: { concern: 5, knownFacts: 5, nextStep: 5 },
    });
    expect(await loadDecisionMap(db, GLOBEX)).toEqual(emptyDecisionMap(GLOBEX));
    expect(await loadDecisionMap(db, { ...ACME, ticketId: '124' })).toEqual(emptyDecisionMap({ ...ACME, ticketId: '124' }));
    expect(await loadDecisionMap(db, { ...ACME, helpdesk: 'intercom' })).toEqual(emptyDecisionMap({ ...ACME, helpdesk: 'intercom' }));
  });

  it('merge saves field by field: other fields are kept, and an older edit never overwrites a newer one', async () => {
    const db = open(new IDBFactory());
    await saveMapFields(db, ACME, [{ field: 'concern', value: 'Late parcel', at: 100 }], 100);
    await saveMapFields(db, ACME, [{ field: 'nextStep', value: 'Call courier', at: 101 }], 101);
    await saveMapFields(db, ACME, [{ field: 'concern', value: 'stale text', at: 50 }, { field: 'owner', value: 'Marco', at: 50 }], 102);
    expect(await loadDecisionMap(db, ACME)).toEqual({
      ...emptyDecisionMap(ACME),
      concern: 'Late parcel',
      nextStep: 'Call courier',
      owner: 'Marco',
      updatedAt: 102,
      editedAt: { concern: 100, nextStep: 101, owner: 50 },
    });
  });

  it('let the later of two saves win a field edited at the same moment (two keystrokes in one millisecond)', async () => {
    const db = open(new IDBFactory());
    await saveMapFields(db, ACME, [{ field: 'concern', value: 'Late parce', at: 100 }], 100);
    await saveMapFields(db, ACME, [{ field: 'concern', value: 'Late parcel', at: 100 }], 101);
    expect(await loadDecisionMap(db, ACME)).toEqual({ ...emptyDecisionMap(ACME), concern: 'Late parcel', updatedAt: 101, editedAt: { concern: 100 } });
  });

  it('never let a map saved before accounts were told apart replace the map an account already has for its ticket', async () => {
    const db = open(new IDBFactory());
    const legacy = { ...emptyDecisionMap({ ...ACME, account: '' }), concern: 'Old concern', updatedAt: 1 };
    await db.ticketMaps.put(legacy);
    await saveMapFields(db, ACME, [{ field: 'concern', value: 'Wants a refund', at: 5 }], 5);
    await claimLegacyMap(db, ACME);
    expect(await loadDecisionMap(db, ACME)).toEqual({ ...emptyDecisionMap(ACME), concern: 'Wants a refund', updatedAt: 5, editedAt: { concern: 5 } });
    // The old map stays for an account that has none yet.
    await claimLegacyMap(db, GLOBEX);
    expect(await loadDecisionMap(db, GLOBEX)).toEqual({ ...legacy, account: GLOBEX.account });
    expect(await db.ticketMaps.count()).toBe(2);
  });

  it('keep the suggestions dismissed on a map, and a map saved before suggestions existed has none dismissed', async () => {
    const db = open(new IDBFactory());
    await db.ticketMaps.put({ ...ACME, concern: 'Late order', knownFacts: [], factsToVerify: [], boundaries: [], promises: [], nextStep: '', owner: '', updatedAt: 1 });
    expect((await loadDecisionMap(db, ACME)).dismissedSuggestions).toBeUndefined();
    await saveMapFields(db, ACME, [{ field: 'dismissedSuggestions', value: ['knownFacts:Waiting: “It’s been four days”'], at: 2 }], 2);
    const map = await loadDecisionMap(db, ACME);
    expect(map.dismissedSuggestions).toEqual(['knownFacts:Waiting: “It’s been four days”']);
    expect(map.concern).toBe('Late order');
  });

  it('notify live watchers when another writer saves', async () => {
    const factory = new IDBFactory();
    const writer = open(factory);
    const reader = open(factory);
    const seen: string[] = [];
    const sub = watchDecisionMap(reader, ACME).subscribe((m) => seen.push(m.concern));
    await saveMapFields(writer, ACME, [{ field: 'concern', value: 'Refund', at: 1 }]);
    await expect.poll(() => seen.at(-1)).toBe('Refund');
    sub.unsubscribe();
  });

  it('end a live watch with a named read error when the database is closed, instead of waiting in silence', async () => {
    const db = open(new IDBFactory());
    await db.open();
    db.close();
    const failure = await new Promise<unknown>((resolve) => watchDecisionMap(db, ACME).subscribe({ error: resolve }));
    expect(failure).toBeInstanceOf(Error);
    expect(String(failure)).toBe('MapReadError: Could not read the decision map (DatabaseClosedError).');
  });

  it('report a full disk as a message instead of throwing', async () => {
    const db = open(new IDBFactory());
    const quota = Object.assign(new Error('full'), { name: 'QuotaExceededError' });
    db.ticketMaps.put = () => Promise.reject(quota) as never;
    const result = await saveMapFields(db, ACME, [{ field: 'concern', value: 'x', at: 1 }]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/storage is full.*kept here/);
  });
});

describe('schema upgrade', () => {
  const legacyMap = { helpdesk: 'zendesk', ticketId: '123', concern: 'Late order', knownFacts: ['Shipped Nov 14'], factsToVerify: [], boundaries: ['No refund before the courier answers'], promises: ['Call back Friday'], nextStep: 'Check carrier', owner: 'Sam', updatedAt: 1 };

  it('from version 2 (the previous schema) keeps every map, and the first account to open its ticket claims it', async () => {
    const factory = new IDBFactory();
    const v2 = open(factory, 2);
    await v2.table('decisionMaps').bulkPut([legacyMap, { ...legacyMap, ticketId: '9', concern: 'Other' }]);
    v2.close();
    const db = open(factory);
    expect(db.verno).toBe(6);
    expect(db.tables.map((t) => t.name).sort()).toEqual(['nudges', 'ticketConversations', 'ticketMaps']);
    expect(await db.ticketMaps.toArray()).toEqual([
      { ...legacyMap, account: '' },
      { ...legacyMap, ticketId: '9', concern: 'Other', account: '' },
    ]);
    await claimLegacyMap(db, ACME);
    expect(await loadDecisionMap(db, ACME)).toEqual({ ...legacyMap, account: ACME.account });
    // Claimed once: the same ticket number in another account starts empty.
    await claimLegacyMap(db, GLOBEX);
    expect(await loadDecisionMap(db, GLOBEX)).toEqual(emptyDecisionMap(GLOBEX));
    expect(await db.ticketMaps.count()).toBe(2);
  });

  it('from version 1 keeps the data and fills the fields added since', async () => {
    const factory = new IDBFactory();
    const v1 = open(factory, 1);
    const { owner: _owner, ...v1Map } = legacyMap;
    await v1.table('decisionMaps').put(v1Map);
    await v1.table('nudges').add({ ruleId: 'calm-down', kind: 'shown', phrase: 'calm down', at: Date.UTC(2026, 10, 23) });
    v1.close();
    const db = open(factory);
    await claimLegacyMap(db, ACME);
    expect(await loadDecisionMap(db, ACME)).toEqual({ ...v1Map, owner: '', account: ACME.account });
    expect((await db.nudges.toArray())[0].week).toBe('2026-W48');
  });

  const legacyOutcome = { helpdesk: 'zendesk', ticketId: '123', start: -0.6, now: 0.2, updatedAt: 1 };

  it('from version 4 (the previous schema) keeps every conversation outcome, and the first account to record its ticket replaces it', async () => {
    const factory = new IDBFactory();
    const v4 = open(factory, 4);
    await v4.table('conversations').bulkPut([legacyOutcome, { ...legacyOutcome, helpdesk: 'intercom', ticketId: '9', now: -0.8 }]);
    v4.close();
    const db = open(factory);
    expect(db.verno).toBe(6);
    expect(db.tables.map((t) => t.name).sort()).toEqual(['nudges', 'ticketConversations', 'ticketMaps']);
    expect(await db.ticketConversations.toArray()).toEqual([
      { ...legacyOutcome, helpdesk: 'intercom', ticketId: '9', now: -0.8, account: '' },
      { ...legacyOutcome, account: '' },
    ]);
    expect((await loadFigures(db)).conversations).toBe(2);
    // The ticket's next outcome in an account takes the old row's place: still one conversation, not two.
    await recordConversationOutcome(db, { ...ACME, start: -0.6, now: 0.5, updatedAt: 2 });
    expect(await db.ticketConversations.toArray()).toEqual([
      { ...legacyOutcome, helpdesk: 'intercom', ticketId: '9', now: -0.8, account: '' },
      { ...ACME, start: -0.6, now: 0.5, updatedAt: 2 },
    ]);
    expect(await loadFigures(db)).toMatchObject({ conversations: 2, deEscalations: 1 });
  });

  it('opens the latest schema of the default database when given no options (as the extension does)', async () => {
    const db = openDatabase();
    opened.push(db);
    await db.open();
    expect([db.name, db.verno]).toEqual([DB_NAME, 6]);
  });

  it('from version 2 keeps conversation outcomes through both migrations', async () => {
    const factory = new IDBFactory();
    const v2 = open(factory, 2);
    await v2.table('conversations').put(legacyOutcome);
    v2.close();
    const db = open(factory);
    expect(await db.ticketConversations.toArray()).toEqual([{ ...legacyOutcome, account: '' }]);
  });

  it('says so when a newer Steady needs the database, and when an older page blocks the upgrade', async () => {
    const factory = new IDBFactory();
    const older = open(factory, 2);
    const olderMessages: string[] = [];
    onDatabaseInterrupted(older, (m) => olderMessages.push(m));
    await older.open();
    const newer = open(factory);
    await newer.open();
    expect(olderMessages).toEqual([expect.stringMatching(/updated in another window.*reopen the panel.*unsaved edits are kept/i)]);
    newer.close();

    // An old page that does not let go (a raw connection here) blocks the upgrade: the newer page says why it waits.
    const other = new IDBFactory();
    const raw = await new Promise<IDBDatabase>((resolve) => {
      const request = other.open(DB_NAME, 20);
      request.onsuccess = () => resolve(request.result);
    });
    const waiting = open(other);
    const waitingMessages: string[] = [];
    onDatabaseInterrupted(waiting, (m) => waitingMessages.push(m));
    const opening = waiting.open();
    await expect.poll(() => waitingMessages).toEqual([expect.stringMatching(/waiting for another Steady window.*Close other Steady panels/)]);
    raw.close();
    await opening;
    expect(waiting.verno).toBe(6);
  });
});

describe('coaching figures', () => {
  it('count nudges per rule and week, adoption and top phrases; delete all', async () => {
    const db = open(new IDBFactory());
    const at = Date.UTC(2026, 10, 23);
    await recordNudge(db, 'calm-down', 'shown', 'Calm down', at);
    await recordNudge(db, 'calm-down', 'accepted', 'Calm down', at);
    await recordNudge(db, 'calm-down', 'shown', 'calm down', at);
    await recordNudge(db, 'our-policy', 'shown', 'that is our policy', at);
    await recordNudge(db, 'our-policy', 'ignored', 'that is our policy', at);
    await recordConversationOutcome(db, { ...ACME, ticketId: '1', start: -0.6, now: 0.2, updatedAt: at });
    await recordConversationOutcome(db, { ...ACME, ticketId: '2', start: 0.1, now: -0.4, updatedAt: at });
    const figures = await loadFigures(db);
    expect(figures.byRule['calm-down']).toEqual({ shown: 2, accepted: 1, ignored: 0, adoption: 0.5 });
    expect(figures.byWeek['2026-W48'].shown).toBe(3);
    // Counted together whatever the case, shown as the agent wrote it.
    expect(figures.topPhrases[0]).toEqual({ phrase: 'Calm down', count: 2 });
    expect(figures.deEscalations).toBe(1);
    expect(nudgesToCsv(await db.nudges.toArray()).split('\n')).toHaveLength(6);
    await deleteAllData(db);
    expect((await loadFigures(db)).total.shown).toBe(0);
  });

  it('keep the conversation outcomes of the same ticket number in two accounts apart', async () => {
    const db = open(new IDBFactory());
    await recordConversationOutcome(db, { ...ACME, start: -0.6, now: 0.3, updatedAt: 1 });
    await recordConversationOutcome(db, { ...GLOBEX, start: 0.2, now: -0.5, updatedAt: 2 });
    // A later reading of Acme's ticket updates Acme's row only.
    await recordConversationOutcome(db, { ...ACME, start: -0.6, now: 0.4, updatedAt: 3 });
    expect(await db.ticketConversations.get(['zendesk', 'acme.zendesk.com', '123'])).toEqual({ ...ACME, start: -0.6, now: 0.4, updatedAt: 3 });
    expect(await db.ticketConversations.get(['zendesk', 'globex.zendesk.com', '123'])).toEqual({ ...GLOBEX, start: 0.2, now: -0.5, updatedAt: 2 });
    expect(await loadFigures(db)).toMatchObject({ conversations: 2, deEscalations: 1 });
  });

  it('rank the weak phrases by how often they were shown, ties alphabetically, each in the form the agent wrote most', () => {
    const at = Date.UTC(2026, 10, 23);
    const shown = (phrase: string, ruleId = 'r') => ({ ruleId, kind: 'shown' as const, phrase, at, week: isoWeek(at) });
    const nudges = [
      shown('per our records'),
      shown('Calm down'),
      shown('calm down'),
      shown('calm down'),
      shown('as per'),
      shown('As per'),
      shown('As per'),
      shown(''),
      { ...shown('Calm down'), kind: 'accepted' as const },
      shown('kindly'),
    ];
    expect(summarise(nudges, []).topPhrases).toEqual([
      { phrase: 'As per', count: 3 },
      { phrase: 'calm down', count: 3 },
      { phrase: 'kindly', count: 1 },
      { phrase: 'per our records', count: 1 },
    ]);
    expect(summarise(nudges, [], 2).topPhrases.map((p) => p.phrase)).toEqual(['As per', 'calm down']);
  });

  it('show no adoption, rather than a broken figure, before any suggestion was shown', () => {
    const at = Date.UTC(2026, 10, 23);
    expect(summarise([], [])).toEqual({ total: { shown: 0, accepted: 0, ignored: 0, adoption: 0 }, byRule: {}, byWeek: {}, topPhrases: [], deEscalations: 0, conversations: 0 });
    const accepted = { ruleId: 'calm-down', kind: 'accepted' as const, phrase: 'calm down', at, week: isoWeek(at) };
    expect(summarise([accepted], []).byRule).toEqual({ 'calm-down': { shown: 0, accepted: 1, ignored: 0, adoption: 0 } });
  });

  it('count a conversation as de-escalated only when the customer ended calmer than they started', () => {
    const outcome = (start: number, now: number) => ({ ...ACME, start, now, updatedAt: 1 });
    const figures = summarise([], [outcome(-0.6, 0.2), outcome(-0.3, -0.3), outcome(0.4, -0.1), outcome(-0.2, -0.1), outcome(0.1, 0.6)]);
    expect(figures).toMatchObject({ conversations: 5, deEscalations: 3 });
  });

  it('store the phrase as the agent wrote it, trimmed', async () => {
    const db = open(new IDBFactory());
    await recordNudge(db, 'calm-down', 'shown', '  Calm down \n', Date.UTC(2026, 10, 23));
    expect((await db.nudges.toArray()).map((n) => n.phrase)).toEqual(['Calm down']);
  });

  it('keep an outcome recorded before accounts were told apart (no account) when it is recorded again', async () => {
    const db = open(new IDBFactory());
    const legacy = { ...ACME, account: '', start: -0.5, now: 0.1, updatedAt: 1 };
    await recordConversationOutcome(db, legacy);
    await recordConversationOutcome(db, { ...legacy, now: 0.3, updatedAt: 2 });
    expect(await db.ticketConversations.toArray()).toEqual([{ ...legacy, now: 0.3, updatedAt: 2 }]);
  });

  it('export nudges as CSV a spreadsheet reads: a header, one row each, quotes around commas, quotes and line breaks', () => {
    const at = Date.UTC(2026, 10, 23, 9, 30);
    const row = (phrase: string) => ({ ruleId: 'our-policy', kind: 'shown' as const, phrase, at, week: '2026-W48' });
    expect(nudgesToCsv([row('that is our policy'), row('sorry, "policy"'), row('line\nbreak')])).toBe(
      [
        'at,week,ruleId,kind,phrase',
        '2026-11-23T09:30:00.000Z,2026-W48,our-policy,shown,that is our policy',
        '2026-11-23T09:30:00.000Z,2026-W48,our-policy,shown,"sorry, ""policy"""',
        '2026-11-23T09:30:00.000Z,2026-W48,our-policy,shown,"line\nbreak"',
      ].join('\n'),
    );
    expect(nudgesToCsv([])).toBe('at,week,ruleId,kind,phrase');
  });

  it('labels ISO weeks across the year boundary', () => {
    // A week runs Monday to Sunday: the Sunday belongs to the week that began on the Monday before.
    expect(isoWeek(Date.UTC(2026, 10, 23))).toBe('2026-W48');
    expect(isoWeek(Date.UTC(2026, 10, 29, 23, 59))).toBe('2026-W48');
    expect(isoWeek(Date.UTC(2026, 10, 30))).toBe('2026-W49');
    expect(isoWeek(Date.UTC(2026, 0, 1))).toBe('2026-W01');
    expect(isoWeek(Date.UTC(2027, 0, 1))).toBe('2026-W53');
  });
});
