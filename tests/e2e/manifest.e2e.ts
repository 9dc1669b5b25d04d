/**
 * The built manifest (.output/chrome-mv3, as loaded by every other e2e test):
 * its permissions are exactly the ones the README's Privacy section documents,
 * it carries package.json's version and a minimum Chrome version, and it names
 * an icon at every size Chrome uses, each a PNG of that size. Its
 * web-accessible modules are exposed only to the helpdesks the content script
 * runs on, through a per-session URL.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { documentedPermissions, manifestPermissions } from '../../lib/node/package-check';
import { ensureExtensionBuilt } from '../support/extension-build';
import { ROOT } from '../support/paths';

const dir = ensureExtensionBuilt();
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));

test("the manifest asks for exactly the permissions the README's Privacy section documents", () => {
  const documented = documentedPermissions(readFileSync(join(ROOT, 'README.md'), 'utf8'));
  expect(documented.length).toBeGreaterThan(0);
  expect(manifestPermissions(manifest).sort()).toEqual([...documented].sort());
});

test('version from package.json, and a minimum Chrome version', () => {
  expect(manifest.version).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  expect(Number(manifest.minimum_chrome_version)).toBeGreaterThanOrEqual(116);
});

test('an icon at 16, 32, 48 and 128 px, each a PNG of its size', () => {
  expect(Object.keys(manifest.icons).sort()).toEqual(['128', '16', '32', '48']);
  for (const [size, path] of Object.entries<string>(manifest.icons)) {
    const png = readFileSync(join(dir, path));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // IHDR: width and height, big-endian, at bytes 16 and 20.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([Number(size), Number(size)]);
  }
});

test('the modules the content script imports are web-accessible only to its helpdesks, and only at a per-session URL', () => {
  const helpdesks: string[] = manifest.content_scripts.flatMap((script: { matches: string[] }) => script.matches).sort();
  expect(helpdesks).not.toContain('https://*/*');
  expect(manifest.web_accessible_resources).toEqual([
    { resources: ['coach.js', 'conversation-reader.js', 'rules-pack.js'], matches: expect.any(Array), use_dynamic_url: true },
  ]);
  expect([...manifest.web_accessible_resources[0].matches].sort()).toEqual(helpdesks);
});

test('sites the agent enables get a self-contained content script that the manifest does not inject anywhere', () => {
  const injected = manifest.content_scripts.flatMap((script: { js: string[] }) => script.js);
  expect(injected).toEqual(['content-scripts/content.js']);
  expect(existsSync(join(dir, 'content-scripts/generic.js'))).toBe(true);
  // It carries the modules itself: nothing is imported at run time (the helpdesks' script does import them).
  expect(readFileSync(join(dir, 'content-scripts/generic.js'), 'utf8')).not.toMatch(/\bimport\(/);
  expect(readFileSync(join(dir, 'content-scripts/content.js'), 'utf8')).toMatch(/\bimport\(/);
});
