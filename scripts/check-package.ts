/**
 * Validates the release zips `npm run package` wrote to .output/ (see
 * lib/node/package-check.ts for what is checked), then runs Mozilla's linter
 * (`web-ext lint`) on the Firefox package. Exits non-zero on any problem.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { checkExtensionZip, checkSourcesZip, documentedPermissions, kb, manifestPermissions } from '../lib/node/package-check';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
const documented = documentedPermissions(readFileSync(join(root, 'README.md'), 'utf8'));
// Most of the zip is the rule pack with its start table (which keeps a new tab's first lint from parsing
// patterns). Raised from 1.5 MB when the pack grew from 736 to 1,187 patterns, to 2 MB at 1,365, to 2.5 MB at
// 1,513, to 2.75 MB with the sentence model (about 125 KB zipped per copy) and to 3 MB when the table gained,
// per word, the patterns that start with it and the required sets it is in (about 60 KB zipped per copy;
// working them out in a new tab cost 15 to 25 ms of its cold start). The options page ships the pack without
// the table or the model. The coach and the side panel once had a copy each; they now share one module
// (rules-pack.js), which took the zip from 3.2 MB to 2.5 MB; the content script for sites the agent enables
// still carries its own.
const BUDGETS = { chrome: 3 * 1024 * 1024, firefox: 3 * 1024 * 1024 };
const problems: string[] = [];

const zipPath = (kind: string) => join(root, '.output', `${name}-${version}-${kind}.zip`);
const open = (kind: string) => {
  const path = zipPath(kind);
  if (!existsSync(path)) {
    problems.push(`${path} is missing: run npm run package first`);
    return undefined;
  }
  return { path, bytes: statSync(path).size, files: unzipSync(readFileSync(path)) };
};

for (const browser of ['chrome', 'firefox'] as const) {
  const zip = open(browser);
  if (!zip) continue;
  const check = checkExtensionZip(zip.files, { version, zipBytes: zip.bytes, budgetBytes: BUDGETS[browser] });
  problems.push(...check.problems.map((problem) => `${browser}: ${problem}`));
  console.log(`${browser}: ${kb(zip.bytes)} zipped (budget ${kb(BUDGETS[browser])}), ${kb(check.totalBytes)} unpacked; largest files:`);
  for (const file of check.largest.slice(0, 5)) console.log(`  ${kb(file.bytes).padStart(10)}  ${file.path}`);

  const manifest = zip.files['manifest.json'] && JSON.parse(new TextDecoder().decode(zip.files['manifest.json']));
  if (manifest) {
    const asked = manifestPermissions(manifest);
    const undocumented = asked.filter((permission) => !documented.includes(permission));
    if (undocumented.length) problems.push(`${browser}: the README's Privacy section does not document ${undocumented.join(', ')}`);
    // Chrome's manifest must use every documented permission; Firefox needs no sidePanel.
    const unused = documented.filter((permission) => !asked.includes(permission));
    if (browser === 'chrome' && unused.length) problems.push(`chrome: the README documents ${unused.join(', ')}, which the manifest does not ask for`);
  }
  if (browser === 'firefox') lintFirefox(zip.files);
}

const sources = open('sources');
if (sources) {
  problems.push(...checkSourcesZip(Object.keys(sources.files)));
  console.log(`sources: ${kb(sources.bytes)} zipped, ${Object.keys(sources.files).length} files`);
}

if (problems.length) {
  console.error(`\nPackage check failed:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  process.exit(1);
}
console.log('\nPackage check passed.');

/** web-ext lint on the unpacked Firefox zip: errors fail the check; warnings are listed. */
function lintFirefox(files: Record<string, Uint8Array>) {
  const dir = mkdtempSync(join(tmpdir(), 'steady-firefox-'));
  try {
    for (const [path, bytes] of Object.entries(files)) {
      if (path.endsWith('/')) continue;
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), bytes);
    }
    const lint = spawnSync(join(root, 'node_modules/.bin/web-ext'), ['lint', '--source-dir', dir, '--output', 'json', '--no-config-discovery'], { encoding: 'utf8' });
    type Message = { code: string; file?: string; message: string };
    let report: { errors: Message[]; warnings: Message[]; notices: Message[] };
    try {
      report = JSON.parse(lint.stdout.slice(lint.stdout.indexOf('{')));
    } catch {
      problems.push(`firefox: web-ext lint gave no report (exit ${lint.status}): ${lint.stderr.trim().slice(0, 500)}`);
      return;
    }
    console.log(`firefox: web-ext lint: ${report.errors.length} errors, ${report.warnings.length} warnings, ${report.notices.length} notices`);
    for (const warning of report.warnings) console.log(`  warning ${warning.code} ${warning.file ?? ''}: ${warning.message}`);
    problems.push(...report.errors.map((error) => `firefox: web-ext lint error ${error.code} ${error.file ?? ''}: ${error.message}`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
