/**
 * npm run bench -- hostile: 100,000 characters of a single repeated character
 * (every printable ASCII one, and others), or of "1.1.1…", linted and
 * analysed (a message is analysed up to its first 20,000 characters, the
 * adapters' cap). Baseline: the same work on 100,000 characters of ordinary support
 * prose, in the same run.
 *   first lint (cold cache)                         target < 50 ms
 *   keystroke at the end after that                 target < 5 ms
 *   customer analysis (sentiment, triggers, facts)  target < 50 ms
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createLinter } from '../../lib/engine';
import { loadBuiltinPack, RULES_DIR } from '../../lib/node/rule-files';
import { createConversationAnalyzer, loadDateParser } from '../../lib/analysis';
import { parseTriggerFile } from '../../lib/analysis/trigger-file';
import { median, row } from './measure';

const LENGTH = 100_000;
const RUNS = 5;
const UNITS = [
  ...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)),
  '…', '\n', '\u00a0', '\u200b', '😡', '1.', '1,', '$1,', 'INV1-', 'love how ', 'great service ', 'thanks a lot ',
];
const PROSE =
  'Thanks for your patience while I looked into order 48213. The parcel left our warehouse on Monday and the carrier has it now. ' +
  'I am sorry it is taking longer than we said; I will check again tomorrow morning and write to you by noon. ';

const repeat = (unit: string) => unit.repeat(Math.ceil(LENGTH / unit.length)).slice(0, LENGTH);
const time = (fn: () => unknown) => {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
};

interface Figures {
  lint: number;
  keystroke: number;
  analysis: number;
}

export default async function run(): Promise<void> {
  loadBuiltinPack();
  const triggers = parseTriggerFile(readFileSync(join(RULES_DIR, 'triggers.yaml'), 'utf8'));
  await loadDateParser();

  async function measure(text: string): Promise<Figures> {
    const lints: number[] = [];
    const keys: number[] = [];
    const analyses: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const linter = createLinter();
      lints.push(time(() => linter.lint(text)));
      let typed = text;
      for (let k = 0; k < 20; k++) keys.push(time(() => linter.lint((typed += 'x'))));
      // As the service worker does it: sentiment, triggers and trajectory, then facts.
      const analyzer = createConversationAnalyzer({ triggers });
      const t0 = performance.now();
      await analyzer.analyse([{ id: 'c1', role: 'customer', text }]);
      analyses.push(performance.now() - t0);
    }
    return { lint: median(lints), keystroke: median(keys), analysis: median(analyses) };
  }

  await measure(repeat(PROSE)); // warm-up: JIT and compromise's first parse
  const baseline = await measure(repeat(PROSE));
  const worst: Record<keyof Figures, { ms: number; unit: string }> = {
    lint: { ms: 0, unit: '' },
    keystroke: { ms: 0, unit: '' },
    analysis: { ms: 0, unit: '' },
  };
  for (const unit of UNITS) {
    const figures = await measure(repeat(unit));
    for (const key of Object.keys(worst) as (keyof Figures)[]) if (figures[key] > worst[key].ms) worst[key] = { ms: figures[key], unit };
  }
  const name = (unit: string) => JSON.stringify(unit);
  console.log(`${UNITS.length} hostile inputs of ${LENGTH.toLocaleString('en')} characters; worst median of ${RUNS} runs each`);
  console.log(row('lint 100k chars of ordinary prose (baseline)', baseline.lint));
  console.log(row(`lint 100k hostile chars (worst: ${name(worst.lint.unit)})`, worst.lint.ms, '< 50 ms', baseline.lint));
  console.log(row('keystroke after 100k chars of prose (baseline)', baseline.keystroke));
  console.log(row(`keystroke after 100k hostile (worst: ${name(worst.keystroke.unit)})`, worst.keystroke.ms, '< 5 ms', baseline.keystroke));
  console.log(row('analyse 100k-char prose message (baseline)', baseline.analysis));
  console.log(row(`analyse 100k hostile (worst: ${name(worst.analysis.unit)})`, worst.analysis.ms, '< 50 ms', baseline.analysis));
}
