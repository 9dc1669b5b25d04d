/**
 * Rule engine speed: lint time for realistic support replies (250 and 2,000
 * words, with and without the sentence cache), re-lint after a one-character
 * edit, cold start (pack compile + first lint) in a fresh process, all against
 * write-good on the same drafts in the same run.
 *
 *   npx tsx tests/bench/run.ts engine
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createLinter, buildBuiltinPack, builtinPack, type BuiltinPack } from '../../lib/engine';
import { loadBuiltinPack, readRuleFiles } from '../../lib/node/rule-files';
import { median, row, timeRuns } from './measure';

type WriteGood = (text: string) => { index: number; offset: number; reason: string }[];
const writeGood = createRequire(import.meta.url)('write-good') as WriteGood;

const COLD_START_FLAG = '--engine-cold-start';

/** Neutral sentences an agent writes around the weak phrases; {n} slots keep every draft's sentences unique. */
const NEUTRAL = [
  'Thanks for sending the screenshots of order {n}, they show the problem clearly.',
  'I checked the account ending in {n} and the payment went through on the first attempt.',
  'The parcel left our warehouse on the {d}th and the carrier has it now under reference {n}.',
  'Your new login code is {n}, and it stays valid for the next thirty minutes.',
  'I have moved the delivery to the address you gave me, flat {d} at number {n}.',
  'The invoice for {n} now shows the corrected amount and the discount you were promised.',
  'When you open the app again, the sync should start on its own within a minute or two of version {d}.{n}.',
  'I added a note to case {n} so anyone who picks it up knows the whole story.',
  'Our billing team confirmed the refund of {d} euros went out this morning as reference {n}.',
  'If the page still shows an error, send me the exact wording and the time you saw it, roughly {d}:{n}.',
  'The replacement unit {n} ships from the nearest depot and tracking will follow by email.',
  'You can keep using the old plan until the {d}th, and nothing changes on your side before then.',
];

function randomInt(seed: { s: number }, max: number): number {
  seed.s = (seed.s * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed.s % max;
}

/** A support reply of about `words` words: three neutral sentences, then one weak phrase from the rule examples. */
function makeDraft(words: number, seed: number, weak: readonly string[]): string {
  const rng = { s: seed + 1 };
  const sentences: string[] = ['Hi Sam,'];
  let count = 2;
  let i = 0;
  while (count < words) {
    const sentence =
      i++ % 4 === 3 && weak.length
        ? weak[randomInt(rng, weak.length)]
        : NEUTRAL[randomInt(rng, NEUTRAL.length)].replace('{n}', String(10_000 + randomInt(rng, 89_999))).replace('{d}', String(1 + randomInt(rng, 28)));
    sentences.push(sentence);
    count += sentence.split(/\s+/).length;
  }
  // Paragraph breaks every few sentences, as agents write them.
  return sentences.map((s, k) => (k % 5 === 4 ? `${s}\n\n` : `${s} `)).join('').trim() + '\n\nBest,\nAlex';
}

function time(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function weakPhrases(): string[] {
  return builtinPack().pack.rules.flatMap((r) => r.examples.flag);
}

/**
 * Runs in a fresh child process (no warm JIT, no caches) and prints the time of one cold start:
 * "shipped": from the validated pack JSON the extension build ships, createLinter + first lint;
 * "yaml": from parsed rules/*.yaml, validate + compile + first lint (CLI, custom packs).
 */
function coldStartChild(): void {
  const [mode, draft] = process.argv.slice(process.argv.indexOf(COLD_START_FLAG) + 1);
  const shipped = mode === 'shipped' ? (JSON.parse(readFileSync(0, 'utf8')) as BuiltinPack) : undefined;
  const files = mode === 'yaml' ? readRuleFiles() : undefined;
  const t0 = performance.now();
  createLinter({ basePack: shipped ?? buildBuiltinPack(files!) }).lint(draft);
  process.stdout.write(String(performance.now() - t0));
}

function coldStartInChild(mode: 'shipped' | 'yaml', draft: string): number {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), COLD_START_FLAG, mode, draft], {
      encoding: 'utf8',
      input: JSON.stringify(builtinPack()),
    });
    if (child.status !== 0) throw new Error(`cold-start child failed: ${child.stderr}`);
    times.push(Number(child.stdout.trim().split('\n').pop()));
  }
  return median(times);
}

export default async function engineBench(): Promise<void> {
  loadBuiltinPack();
  const weak = weakPhrases();
  const linter = createLinter();
  console.log(`${builtinPack().pack.rules.length} rules, ${weak.length} weak example phrases\n`);

  const results: string[] = [];
  for (const words of [250, 2000]) {
    const runs = words === 250 ? 300 : 100;
    // Unique drafts per run: every sentence is new to the cache, as for a freshly pasted reply.
    const fresh = Array.from({ length: runs + 20 }, (_, i) => makeDraft(words, i * 7919, weak));
    for (const draft of fresh.slice(runs)) {
      linter.lint(draft);
      writeGood(draft);
    }
    // Alternating blocks of the same drafts, so load on the machine hits both sides alike
    // (per-call interleaving would charge write-good's garbage collection to the engine).
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let block = 0; block < runs; block += 20) {
      const drafts = fresh.slice(block, block + 20);
      for (const draft of drafts) ours.push(time(() => linter.lint(draft)));
      for (const draft of drafts) theirs.push(time(() => writeGood(draft)));
    }
    const baseline = median(theirs);
    const warmDraft = fresh[0];
    const warm = median(timeRuns(() => linter.lint(warmDraft), runs));
    results.push(row(`write-good, ${words}-word draft`, baseline));
    results.push(row(`lint ${words}-word draft, new sentences (cold cache)`, median(ours), words === 250 ? '≤ 1 ms' : '≤ 5 ms', baseline));
    results.push(row(`lint ${words}-word draft, unchanged (warm cache)`, warm, undefined, baseline));
  }

  // A keystroke: each run differs from the previous text by one character in one sentence.
  const base = makeDraft(2000, 42, weak);
  linter.lint(base);
  const edits = Array.from({ length: 300 }, (_, i) => {
    const at = Math.floor(((i * 7_919) % 997) / 997 * (base.length - 1));
    return base.slice(0, at) + 'x' + base.slice(at);
  });
  let e = 0;
  const keystroke = median(timeRuns(() => linter.lint(edits[e++ % edits.length]), 300));
  results.push(row('re-lint 2,000-word draft after a 1-char edit', keystroke, '≤ 0.5 ms'));

  // Cold start in-process, from raw YAML data each time (no compiled-pack or sentence caches survive).
  const files = readRuleFiles();
  const sample = makeDraft(250, 1, weak);
  const rebuild = median(
    timeRuns(() => {
      createLinter({ basePack: buildBuiltinPack(structuredClone(files)) }).lint(sample);
    }, 30, 3),
  );
  results.push(row('cold start in-process (YAML validate+compile+1st lint)', rebuild, '≤ 50 ms'));

  results.push(row('cold start, fresh process: shipped pack + 1st lint', coldStartInChild('shipped', sample), '≤ 50 ms'));
  results.push(row('cold start, fresh process: YAML validate+compile+lint', coldStartInChild('yaml', sample)));

  console.log(results.join('\n'));
}

if (process.argv.includes(COLD_START_FLAG)) coldStartChild();
