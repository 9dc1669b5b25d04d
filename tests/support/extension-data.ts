/** What the extension has stored, read from one of its own pages: every IndexedDB store's row count and every storage area's keys. */
import type { Page, Worker } from 'playwright-core';

export interface StoredData {
  /** "database.store" → number of rows. */
  indexedDB: Record<string, number>;
  local: string[];
  sync: string[];
  session: string[];
}

/** `page` must be an extension page (options, side panel). */
export function storedData(page: Page): Promise<StoredData> {
  return page.evaluate(async () => {
    const request = <T,>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error))));
    const indexedDB: Record<string, number> = {};
    for (const { name } of await window.indexedDB.databases()) {
      if (!name) continue;
      const db = await request(window.indexedDB.open(name));
      for (const store of Array.from(db.objectStoreNames)) indexedDB[`${name}.${store}`] = await request(db.transaction(store).objectStore(store).count());
      db.close();
    }
    const { chrome } = globalThis as unknown as { chrome: { storage: Record<'local' | 'sync' | 'session', { get(keys: null): Promise<Record<string, unknown>> }> } };
    const keys = async (area: 'local' | 'sync' | 'session') => Object.keys(await chrome.storage[area].get(null)).sort();
    return { indexedDB, local: await keys('local'), sync: await keys('sync'), session: await keys('session') };
  });
}

/** How many coaching events of `kind` the extension has recorded (the Stats figures' source), read in its service worker. */
export function nudgeCount(serviceWorker: Worker, kind: 'shown' | 'accepted' | 'ignored'): Promise<number> {
  return serviceWorker.evaluate(async (wanted) => {
    const request = <T,>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error))));
    // Opening a database that does not exist would create an empty one under the extension's feet.
    if (!(await indexedDB.databases()).some((d) => d.name === 'steady')) return 0;
    const db = await request(indexedDB.open('steady'));
    try {
      return await request(db.transaction('nudges').objectStore('nudges').index('kind').count(wanted));
    } finally {
      db.close();
    }
  }, kind);
}
