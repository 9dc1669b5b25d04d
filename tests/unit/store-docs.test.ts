/**
 * docs/store/ says what the code does: the privacy policy lists exactly the
 * IndexedDB tables of the current Dexie schema, the storage keys the code
 * writes (found by scanning it) and the managed policy keys; the listing's
 * short description fits the store's limit and its permission table covers
 * the manifest's permissions.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { DB_NAME, openDatabase } from '../../lib/store/db';
import { MANAGED_SCHEMA } from '../../lib/settings/managed-schema';
import config from '../../wxt.config';

const ROOT = join(__dirname, '../..');
const policy = readFileSync(join(ROOT, 'docs/store/privacy-policy.md'), 'utf8');
const listing = readFileSync(join(ROOT, 'docs/store/listing.md'), 'utf8');

/** Rows of the policy's "What Steady stores" table: [where, name]. */
function documentedStores(): { where: string; name: string }[] {
  const section = /^## What Steady stores, and where$([\s\S]*?)^## /m.exec(policy)?.[1] ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|\s*(What|---)/.test(line))
    .map((line) => line.split('|').map((cell) => cell.trim()))
    .map(([, , where, name]) => ({ where: where!, name: name!.replace(/`/g, '') }));
}

function shippedSources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((entry) => {
    const path = `${dir}/${entry}`;
    if (statSync(join(ROOT, path)).isDirectory()) return /^lib\/(node|cli)$/.test(path) ? [] : shippedSources(path);
    return /\.tsx?$/.test(entry) ? [path] : [];
  });
}

/** "area:key" for every storage.<area>.set({ key: … }) in the extension's code, with constant keys resolved. */
function storageKeysWritten(): string[] {
  const files = ['entrypoints', 'lib', 'components'].flatMap(shippedSources).map((path) => readFileSync(join(ROOT, path), 'utf8'));
  const constants = new Map<string, string>();
  for (const source of files) for (const [, name, value] of source.matchAll(/(?:export )?const (\w+) = '([^']+)'/g)) constants.set(name!, value!);
  const keys = new Set<string>();
  for (const source of files) {
    const calls = source.match(/(?:storage|areas)\.(sync|local|session)\.set(?:\?\.)?\(/g)?.length ?? 0;
    const literal = source.match(/(?:storage|areas)\.(sync|local|session)\.set(?:\?\.)?\(\{/g)?.length ?? 0;
    if (calls !== literal) throw new Error('a storage.<area>.set() call passes a variable: write its keys as an object literal so this test sees them');
    for (const [call, area, body] of source.matchAll(/(?:storage|areas)\.(sync|local|session)\.set(?:\?\.)?\(\{([^}]*)\}/g)) {
      for (const [, computed, plain] of body!.matchAll(/(?:\[(\w+)\]|(\w+))\s*:/g)) {
        const key = computed ? constants.get(computed) : plain;
        if (!key) throw new Error(`cannot tell which key ${call} writes`);
        keys.add(`${area}:${key}`);
      }
    }
  }
  return [...keys].sort();
}

test('the privacy policy lists exactly the tables of the current database schema', () => {
  const tables = openDatabase({ indexedDB: new IDBFactory(), IDBKeyRange }).tables.map((table) => table.name);
  const documented = documentedStores().filter((row) => row.where.startsWith('IndexedDB'));
  expect(documented.every((row) => row.where === `IndexedDB, database \`${DB_NAME}\``)).toBe(true);
  expect(documented.map((row) => row.name).sort()).toEqual(tables.sort());
});

test('the privacy policy lists exactly the storage keys the code writes', () => {
  const written = storageKeysWritten();
  expect(written.length).toBeGreaterThan(0);
  const documented = documentedStores()
    .filter((row) => /^`storage\.(sync|local|session)`$/.test(row.where))
    .map((row) => `${row.where.replace(/`storage\.(\w+)`/, '$1')}:${row.name}`);
  expect(documented.sort()).toEqual(written);
});

test('the privacy policy lists exactly the keys of the administrator policy', () => {
  const documented = documentedStores().filter((row) => row.where === '`storage.managed`').map((row) => row.name);
  expect(documented.sort()).toEqual(Object.keys(MANAGED_SCHEMA.properties).sort());
});

test('the privacy policy points to export and delete, and says nothing is sent', () => {
  expect(policy).toContain('Export my data (JSON)');
  expect(policy).toContain('Delete all Steady data');
  expect(policy).toMatch(/no network requests at all/);
});

test('the listing fits the store: short description of 132 characters at most, every permission justified', () => {
  const short = /^## Short description.*\n\n(.+)\n/m.exec(listing)?.[1] ?? '';
  expect(short.length).toBeGreaterThan(40);
  expect(short.length).toBeLessThanOrEqual(132);
  const manifest = config.manifest as { permissions: string[]; optional_host_permissions: string[] };
  const justified = [...listing.matchAll(/^\| `([^`]+)` \|/gm)].map((match) => match[1]);
  expect(justified.sort()).toEqual([...manifest.permissions].sort());
  for (const host of manifest.optional_host_permissions) expect(listing).toContain(`\`${host}\``);
});

test('the store screenshots (npm run store:screenshots) are 1280 × 800 PNGs', () => {
  const dir = join(ROOT, 'docs/store/screenshots');
  const shots = readdirSync(dir).filter((name) => name.endsWith('.png'));
  expect(shots.length).toBeGreaterThanOrEqual(3);
  for (const name of shots) {
    const png = readFileSync(join(dir, name));
    expect([name, png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([name, 1280, 800]);
  }
});
