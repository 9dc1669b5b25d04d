import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openDatabase, isoWeek, type SteadyDB } from '../../lib/store/db';
import { emptyDecisionMap, loadDecisionMap, saveDecisionMap, watchDecisionMap } from '../../lib/store/decision-maps';
import { recordNudge, loadFigures, deleteAllData, nudgesToCsv } from '../../lib/store/stats';

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

describe('decision maps', () => {
  it('round-trip per helpdesk + ticket id and keep tickets apart', async () => {
    const db = open(new IDBFactory());
    const map = { ...emptyDecisionMap('zendesk', '123'), concern: 'Charged twice', knownFacts: ['Invoice INV-9'] };
    expect(await saveDecisionMap(db, map)).toEqual({ ok: true });
    expect((await loadDecisionMap(db, 'zendesk', '123')).knownFacts).toEqual(['Invoice INV-9']);
    expect((await loadDecisionMap(db, 'zendesk', '124')).concern).toBe('');
    expect((await loadDecisionMap(db, 'intercom', '123')).concern).toBe('');
  });

  it('notify live watchers when another writer saves', async () => {
    const factory = new IDBFactory();
    const writer = open(factory);
    const reader = open(factory);
    const seen: string[] = [];
    const sub = watchDecisionMap(reader, 'zendesk', '9').subscribe((m) => seen.push(m.concern));
    await saveDecisionMap(writer, { ...emptyDecisionMap('zendesk', '9'), concern: 'Refund' });
    await new Promise((r) => setTimeout(r, 150));
    sub.unsubscribe();
    expect(seen.at(-1)).toBe('Refund');
  });

  it('report a full disk as a message instead of throwing', async () => {
    const db = open(new IDBFactory());
    const quota = Object.assign(new Error('full'), { name: 'QuotaExceededError' });
    db.decisionMaps.put = () => Promise.reject(quota) as never;
    const result = await saveDecisionMap(db, emptyDecisionMap('zendesk', '1'));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/storage is full.*kept here/);
  });
});

describe('schema upgrade', () => {
  it('keeps version 1 data and fills the fields added in version 2', async () => {
    const factory = new IDBFactory();
    const v1 = open(factory, 1);
    await v1.table('decisionMaps').put({ helpdesk: 'intercom', ticketId: '77', concern: 'Late order', knownFacts: [], factsToVerify: [], boundaries: [], promises: ['Call back Friday'], nextStep: 'Check carrier', updatedAt: 1 });
    await v1.table('nudges').add({ ruleId: 'calm-down', kind: 'shown', phrase: 'calm down', at: Date.UTC(2026, 10, 23) });
    v1.close();
    const v2 = open(factory);
    const map = await loadDecisionMap(v2, 'intercom', '77');
    expect(map).toMatchObject({ concern: 'Late order', promises: ['Call back Friday'], owner: '' });
    expect((await v2.nudges.toArray())[0].week).toBe('2026-W48');
    expect(v2.verno).toBe(2);
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
    await db.conversations.bulkPut([
      { helpdesk: 'zendesk', ticketId: '1', start: -0.6, now: 0.2, updatedAt: at },
      { helpdesk: 'zendesk', ticketId: '2', start: 0.1, now: -0.4, updatedAt: at },
    ]);
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

  it('labels ISO weeks across the year boundary', () => {
    expect(isoWeek(Date.UTC(2026, 0, 1))).toBe('2026-W01');
    expect(isoWeek(Date.UTC(2027, 0, 1))).toBe('2026-W53');
  });
});
