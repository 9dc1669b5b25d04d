/**
 * npm run bench -- packs: a 5,000-rule team pack (JSON, as a policy or an
 * export gives it) parsed, validated and compiled into a linter with a first
 * lint, target < 300 ms; the reload after a storage change that left the pack
 * text alone; and the 607-byte doubling-macro pack rejected at validation.
 * Baseline: the built-in rules alone (createLinter + first lint), same run.
 */
import { performance } from 'node:perf_hooks';
import { createLinter, type RulePack } from '../../lib/engine';
import { loadBuiltinPack } from '../../lib/node/rule-files';
import { parsePackText } from '../../lib/settings/packs';
import { median, row } from './measure';

const WORDS = ['account', 'billing', 'cancel', 'delivery', 'export', 'feature', 'gateway', 'invoice', 'login', 'mobile', 'order', 'plan', 'renewal', 'seat', 'ticket', 'upgrade'];
const DRAFT = 'Hi Sam, thanks for waiting. Your order left today and the invoice is fixed. Please calm down, we will sort the renewal ASAP.';

function bigPack(rules: number, salt: number): string {
  return JSON.stringify({
    rules: Array.from({ length: rules }, (_, i) => ({
      id: `team-rule-${salt}-${i}`,
      category: 'jargon',
      severity: 'suggestion',
      message: 'Say it in the words the customer uses.',
      match: [`(the|our)? ${WORDS[i % 16]} ${WORDS[(i >> 4) % 16]} code${i}`, `internal ${WORDS[(i >> 8) % 16]} ref${i}`],
      rewrites: ['the part of your account that handles this'],
      examples: { flag: ['a b c', 'd e f', 'g h i'], pass: ['j k l', 'm n o', 'p q r'] },
    })),
  });
}

const time = (fn: () => unknown) => {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
};
/** CPU time of `fn` (this process): on a shared machine, closer to what an idle laptop sees than wall time. */
const cpuTime = (fn: () => unknown) => {
  const c0 = process.cpuUsage();
  fn();
  const { user, system } = process.cpuUsage(c0);
  return (user + system) / 1000;
};

export default function run(): void {
  const builtin = loadBuiltinPack().pack;
  const load = (text: string): RulePack => {
    const parsed = parsePackText(text, 'team pack 1', builtin);
    if (!parsed.ok) throw new Error(parsed.error);
    createLinter({ packs: [parsed.pack] }).lint(DRAFT);
    return parsed.pack;
  };
  const baseline: number[] = [];
  const first: number[] = [];
  const firstCpu: number[] = [];
  const reload: number[] = [];
  for (let r = 0; r < 7; r++) {
    baseline.push(time(() => createLinter({ disabledRules: [`x${r}`] }).lint(DRAFT)));
    // New rule ids each run, so nothing is cached; every other run measures CPU time instead of wall time.
    const text = bigPack(5_000, r);
    if (r % 2) firstCpu.push(cpuTime(() => load(text)));
    else first.push(time(() => load(text)));
    reload.push(time(() => load(text)));
  }
  const doubling = JSON.stringify({
    macros: Object.fromEntries([['m0', '(refund|return)'], ...Array.from({ length: 26 }, (_, i) => [`m${i + 1}`, `@m${i} @m${i}`])]),
    rules: [{ id: 'boom', category: 'jargon', severity: 'warning', message: 'x', match: ['@m26'], rewrites: ['y'], examples: { flag: ['a', 'b', 'c'], pass: ['d', 'e', 'f'] } }],
  });
  let message = '';
  const rejected = time(() => {
    const parsed = parsePackText(doubling, 'doubling.json', builtin);
    message = parsed.ok ? 'ACCEPTED (should not be)' : parsed.error;
  });
  const base = median(baseline);
  console.log(row('built-in rules: new linter + first lint (baseline)', base));
  console.log(row('5,000-rule pack: parse+validate+compile+1st lint', median(first), '< 300 ms', base));
  console.log(row('  (same, CPU time)', median(firstCpu), '< 300 ms'));
  console.log(row('same pack, reload with unchanged text', median(reload), undefined, base));
  console.log(row(`doubling macros (${doubling.length} bytes) rejected`, rejected));
  console.log(`  ${message}`);
}
