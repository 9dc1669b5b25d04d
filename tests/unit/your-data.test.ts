import { expect, test } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openDatabase } from '../../lib/store/db';
import { saveMapFields } from '../../lib/store/decision-maps';
import { recordConversationOutcome, recordNudge } from '../../lib/store/stats';
import { deleteYourData, exportFileName, exportYourData } from '../../lib/store/your-data';

const seeded = async () => {
  const db = openDatabase({ indexedDB: new IDBFactory(), IDBKeyRange });
  await saveMapFields(db, { helpdesk: 'zendesk', account: 'acme.zendesk.com', ticketId: '123' }, [{ field: 'concern', value: 'Charged twice', at: 1 }]);
  await recordNudge(db, 'calm-down', 'shown', 'Calm down', Date.UTC(2026, 10, 30));
  await recordNudge(db, 'calm-down', 'accepted', '', Date.UTC(2026, 10, 30));
  await recordConversationOutcome(db, { helpdesk: 'zendesk', account: 'acme.zendesk.com', ticketId: '123', start: -0.6, now: 0.2, updatedAt: 1 });
  await recordConversationOutcome(db, { helpdesk: 'zendesk', account: 'globex.zendesk.com', ticketId: '123', start: 0.1, now: -0.3, updatedAt: 2 });
  return db;
};

test('the export holds the decision maps, the figures computed from the events, and the events', async () => {
  const db = await seeded();
  const data = await exportYourData(db, new Date(Date.UTC(2026, 11, 2)));
  expect(data.exportedAt).toBe('2026-12-02T00:00:00.000Z');
  expect(data.decisionMaps.map((map) => (map as { concern: string }).concern)).toEqual(['Charged twice']);
  expect(data.coachingFigures.total).toEqual({ shown: 1, accepted: 1, ignored: 0, adoption: 1 });
  expect(data.coachingFigures.topPhrases).toEqual([{ phrase: 'Calm down', count: 1 }]);
  expect(data.nudges).toHaveLength(2);
  // The same ticket number in two accounts is two conversations.
  expect(data.conversations.map(({ account, ticketId }) => `${account}#${ticketId}`)).toEqual(['acme.zendesk.com#123', 'globex.zendesk.com#123']);
  expect(data.coachingFigures).toMatchObject({ conversations: 2, deEscalations: 1 });
  expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  expect(exportFileName(new Date(Date.UTC(2026, 11, 2)))).toBe('steady-data-2026-12-02.json');
  db.close();
});

test('delete empties every table and every storage area given, and says how much went', async () => {
  const db = await seeded();
  const area = () => {
    const items: Record<string, unknown> = { settings: {} };
    return { items, clear: async () => Object.keys(items).forEach((key) => delete items[key]) };
  };
  const local = area();
  const sync = area();
  expect(await deleteYourData(db, [local, sync])).toEqual({ decisionMaps: 1, nudges: 2, conversations: 2 });
  expect([await db.ticketMaps.count(), await db.nudges.count(), await db.ticketConversations.count()]).toEqual([0, 0, 0]);
  expect([local.items, sync.items]).toEqual([{}, {}]);
  db.close();
});
