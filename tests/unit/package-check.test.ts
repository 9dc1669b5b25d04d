import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkExtensionZip, checkSourcesZip, documentedPermissions, referencedFiles } from '../../lib/node/package-check';

const bytes = (text: string) => new TextEncoder().encode(text);
const MANIFEST = {
  manifest_version: 3,
  version: '1.2.3',
  icons: { 16: 'icon/16.png', 128: 'icon/128.png' },
  background: { service_worker: 'background.js' },
  side_panel: { default_path: 'sidepanel.html' },
  content_scripts: [{ js: ['content-scripts/content.js'] }],
  web_accessible_resources: [{ resources: ['coach.js', 'assets/*'] }],
  storage: { managed_schema: 'managed-schema.json' },
};
const goodZip = (): Record<string, Uint8Array> => ({
  'manifest.json': bytes(JSON.stringify(MANIFEST)),
  'icon/16.png': bytes('png'),
  'icon/128.png': bytes('png'),
  'background.js': bytes('console.log(1)'),
  'sidepanel.html': bytes('<script type="module" src="/chunks/sidepanel.js"></script><link rel="stylesheet" href="/assets/panel.css">'),
  'chunks/sidepanel.js': bytes('export {}'),
  'assets/panel.css': bytes('body{}'),
  'content-scripts/content.js': bytes('x'.repeat(5000)),
  'coach.js': bytes('export {}'),
  'managed-schema.json': bytes('{}'),
});
const options = { version: '1.2.3', zipBytes: 1000, budgetBytes: 1500 };

describe('release zip check', () => {
  test('a complete package passes and lists its largest file first', () => {
    const check = checkExtensionZip(goodZip(), options);
    expect(check.problems).toEqual([]);
    expect(check.largest[0]).toEqual({ path: 'content-scripts/content.js', bytes: 5000 });
  });

  test('a file named by the manifest or by a page it names must be in the zip', () => {
    const zip = goodZip();
    delete zip['icon/128.png'];
    delete zip['assets/panel.css'];
    expect(checkExtensionZip(zip, options).problems).toEqual([
      'icons.128 names icon/128.png, which is not in the zip',
      'sidepanel.html names assets/panel.css, which is not in the zip',
    ]);
  });

  test('source maps, map comments and test files are refused', () => {
    const zip = { ...goodZip(), 'background.js.map': bytes('{}'), 'coach.js': bytes('x\n//# sourceMappingURL=coach.js.map'), 'tests/e2e/a.e2e.js': bytes('') };
    expect(checkExtensionZip(zip, options).problems).toEqual([
      'coach.js: points to a source map',
      'background.js.map: source map in the package',
      'tests/e2e/a.e2e.js: test file in the package',
    ]);
  });

  test('over budget, a manifest that does not parse, or the wrong version are reported', () => {
    expect(checkExtensionZip(goodZip(), { ...options, zipBytes: 2048 }).problems).toEqual(['the zip is 2.0 KB, over its budget of 1.5 KB']);
    expect(checkExtensionZip(goodZip(), { ...options, version: '1.2.4' }).problems).toEqual(['manifest.json has version 1.2.3, package.json 1.2.4']);
    expect(checkExtensionZip({ ...goodZip(), 'manifest.json': bytes('{"version": ') }, options).problems[0]).toMatch(/^manifest.json does not parse/);
  });

  test('wildcard resources are not taken for file names', () => {
    expect(referencedFiles(MANIFEST).map(([, path]) => path)).not.toContain('assets/*');
  });

  test('the sources zip needs the build inputs and no installed or generated folders', () => {
    expect(checkSourcesZip(['package.json', 'package-lock.json', 'wxt.config.ts', 'README.md', 'lib/a.ts'])).toEqual([]);
    expect(checkSourcesZip(['package.json', 'wxt.config.ts', 'README.md', 'node_modules/x/index.js'])).toEqual([
      'sources zip: package-lock.json is missing',
      'sources zip: node_modules should not be in it',
    ]);
  });
});

describe("the README's documented permissions", () => {
  test('are the backticked names in its Minimum permissions item', () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    expect(documentedPermissions(readme)).toEqual(['storage', 'sidePanel', 'scripting', 'activeTab', 'https://*/*']);
  });

  test('come from the Privacy section only', () => {
    const readme = '## Other\n- **Minimum permissions.** `tabs`\n\n## Privacy\n\n- **Minimum permissions.** `storage` and\n  `alarms`.\n- Other `thing`.\n';
    expect(documentedPermissions(readme)).toEqual(['storage', 'alarms']);
  });
});
