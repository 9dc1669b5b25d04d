/**
 * The CLI installs and runs outside the repository: `npm pack`, install the
 * tarball into an empty folder, run its `steady` from there (as the README's
 * "Install the CLI" describes). Slow-ish (pack, install, first tsx compile),
 * so it runs once for the whole file.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');
const SLOW = 240_000;

/** The test runner's own npm settings (set by `npm test`) must not leak into the installs. */
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));

let dir: string;
let packed: string[];
let steady: (args: string[]) => SpawnSyncReturns<string>;

function npm(args: string[], cwd: string) {
  const result = spawnSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'steady-pack-'));
  // --ignore-scripts: `prepare` (wxt prepare) is for working in the repository, not for the tarball.
  const [info] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir], ROOT)) as { filename: string; files: { path: string }[] }[];
  packed = info.files.map((f) => f.path);
  const project = join(dir, 'elsewhere');
  mkdirSync(project);
  npm(['install', '--prefer-offline', '--no-package-lock', join(dir, info.filename)], project);
  copyFileSync(join(ROOT, 'tests/fixtures/cli/library/macros.json'), join(project, 'macros.json'));
  steady = (args) => spawnSync(join(project, 'node_modules/.bin/steady'), args, { cwd: project, env: { ...env, NO_COLOR: '1' }, encoding: 'utf8' });
}, SLOW);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the tarball holds the CLI, the engine and the rules, not the tests or the extension', () => {
  expect(packed).toContain('bin/steady.mjs');
  expect(packed).toContain('lib/cli/main.ts');
  expect(packed).toContain('rules/dismissive.yaml');
  expect(packed.filter((p) => /^(tests|entrypoints|components|node_modules)\//.test(p))).toEqual([]);
});

test('the installed `steady` prints its help from another folder', () => {
  const help = steady(['--help']);
  expect(help.stderr).toBe('');
  expect(help.status).toBe(0);
  expect(help.stdout).toContain('steady lint');
}, SLOW);

test('the installed `steady lint` reads a macros export and flags its weak phrases', () => {
  const run = steady(['lint', 'macros.json']);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(1);
  expect(run.stdout).toMatch(/^macros\.json#\S+:\d+:\d+ {2}problem {2}dismissive\/calm-down$/m);
  expect(run.stdout).toMatch(/\d+ findings? in \d+ texts?/);
}, SLOW);
