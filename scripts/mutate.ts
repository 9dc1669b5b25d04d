/**
 * Mutation testing by module: `npm run mutate -- lib/checklist lib/editor/apply.ts`.
 * `--concurrency 1` runs one test process (the config's default is 2) when other work shares the cores.
 * With no argument, every core module in turn. Each scope keeps its own
 * incremental file, so a rerun only tests mutants whose code or tests changed.
 */
import { existsSync, statSync } from 'node:fs';
import { Stryker } from '@stryker-mutator/core';

const CORE = ['lib/engine', 'lib/editor/apply.ts', 'lib/editor/text-map.ts', 'lib/checklist', 'lib/panel', 'lib/store', 'lib/analysis'];

function globOf(scope: string): string {
  if (/[*?{]/.test(scope)) return scope;
  if (!existsSync(scope)) throw new Error(`mutate: ${scope} does not exist (give a folder or file under lib/, or a glob)`);
  return statSync(scope).isDirectory() ? `${scope.replace(/\/$/, '')}/**/*.ts` : scope;
}

const slug = (scope: string) => scope.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '');

const args = process.argv.slice(2);
const concurrencyAt = args.indexOf('--concurrency');
const concurrency = concurrencyAt >= 0 ? Number(args.splice(concurrencyAt, 2)[1]) : undefined;
if (concurrency !== undefined && !(concurrency >= 1)) throw new Error('mutate: --concurrency needs a number of processes, at least 1');
const scopes = args.filter((a) => !a.startsWith('-'));
const summary: string[] = [];
for (const scope of scopes.length ? scopes : CORE) {
  const mutate = [globOf(scope), '!**/*.d.ts'];
  const dir = `reports/mutation/${slug(scope)}`;
  const results = await new Stryker({
    configFile: 'stryker.config.mjs',
    ...(concurrency ? { concurrency } : {}),
    mutate,
    incrementalFile: `${dir}/incremental.json`,
    htmlReporter: { fileName: `${dir}/index.html` },
    jsonReporter: { fileName: `${dir}/report.json` },
  }).runMutationTest();
  const count = (status: string) => results.filter((r) => r.status === status).length;
  const killed = count('Killed') + count('Timeout');
  const valid = killed + count('Survived') + count('NoCoverage');
  summary.push(`${scope}: ${valid ? ((100 * killed) / valid).toFixed(1) : '—'}% killed (${killed}/${valid}; ${count('Survived')} survived, ${count('NoCoverage')} uncovered, ${count('Ignored')} ignored)`);
}
console.log(`\nMutation score by module\n${summary.join('\n')}`);
