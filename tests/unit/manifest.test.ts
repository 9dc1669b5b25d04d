/**
 * The manifest's minimum_chrome_version is what the code needs: every API or
 * language feature below that the extension's source uses raises the minimum.
 * Adding a newer API without raising the version (or raising it for nothing)
 * fails here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import config from '../../wxt.config';

const ROOT = join(__dirname, '../..');
const SHIPPED = ['entrypoints', 'lib', 'components'];
/** Not part of the extension bundle: build-time and command-line code. */
const NOT_SHIPPED = /^lib\/(node|cli)\//;

/** First Chrome version of each API or feature, by how it appears in the source. */
const CHROME_MINIMUMS: { feature: string; pattern: RegExp; chrome: number }[] = [
  { feature: 'sidePanel.open()', pattern: /sidePanel\??\.open\(/, chrome: 116 },
  { feature: 'sidePanel.setPanelBehavior()', pattern: /sidePanel\??\.setPanelBehavior\(/, chrome: 114 },
  { feature: 'sidePanel.setOptions()', pattern: /sidePanel\??\.setOptions\(/, chrome: 114 },
  { feature: 'CSS Custom Highlight API', pattern: /CSS\.highlights|new \w*\.?Highlight\(/, chrome: 105 },
  { feature: 'scripting.registerContentScripts()', pattern: /registerContentScripts\(/, chrome: 96 },
  { feature: 'storage.session', pattern: /storage\.session/, chrome: 102 },
  { feature: 'action.setBadgeText()', pattern: /action\??\.setBadgeText\(/, chrome: 88 },
  { feature: 'Array.prototype.findLast()', pattern: /\.findLast(Index)?\(/, chrome: 97 },
  { feature: 'structuredClone()', pattern: /\bstructuredClone\(/, chrome: 98 },
  { feature: 'Array.prototype.toSorted() and friends', pattern: /\.(toSorted|toReversed|toSpliced)\(/, chrome: 110 },
  { feature: 'Object.groupBy()', pattern: /\b(Object|Map)\.groupBy\(/, chrome: 117 },
  { feature: 'Promise.withResolvers()', pattern: /Promise\.withResolvers\(/, chrome: 119 },
  { feature: 'AbortSignal.any()', pattern: /AbortSignal\.any\(/, chrome: 116 },
  { feature: 'Set methods (union, intersection…)', pattern: /(?<!\bz)\.(union|intersection|symmetricDifference|isSubsetOf|isSupersetOf)\(/, chrome: 122 },
  { feature: 'Array.fromAsync()', pattern: /Array\.fromAsync\(/, chrome: 121 },
  { feature: 'Element.checkVisibility()', pattern: /\.checkVisibility\(/, chrome: 105 },
  { feature: 'Intl.Segmenter', pattern: /Intl\.Segmenter/, chrome: 87 },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = `${dir}/${name}`;
    if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !NOT_SHIPPED.test(path) ? [path] : [];
  });
}

test('minimum_chrome_version is the newest Chrome any API in the extension needs', () => {
  const files = SHIPPED.flatMap(sourceFiles);
  expect(files.length).toBeGreaterThan(20);
  const used = CHROME_MINIMUMS.map((api) => ({ ...api, files: files.filter((file) => api.pattern.test(readFileSync(join(ROOT, file), 'utf8'))) })).filter(
    (api) => api.files.length > 0,
  );
  const needed = Math.max(...used.map((api) => api.chrome));
  const newest = used.filter((api) => api.chrome === needed).map((api) => `${api.feature} in ${api.files.join(', ')}`);
  const manifest = config.manifest as { minimum_chrome_version?: string; version?: string };
  expect({ minimum_chrome_version: manifest.minimum_chrome_version, because: newest }).toEqual({ minimum_chrome_version: String(needed), because: newest });
});

test('the version comes from package.json', () => {
  const manifest = config.manifest as { minimum_chrome_version?: string; version?: string };
  // WXT writes package.json's version into the manifest when the config sets none.
  expect(manifest.version).toBeUndefined();
  expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version).toMatch(/^\d+\.\d+\.\d+$/);
});
