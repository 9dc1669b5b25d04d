/**
 * npm run eval -- rewrites: a seeded sample of real replies with findings (three per rule that
 * fires, rules and replies in a seeded order, at most 120), the first rewrite applied exactly as the card applies it, printed
 * before → after for a person to judge; then a mechanical check of the joins over every
 * applied first rewrite (several hundred).
 *   --rule <id>      only this rule, with more samples
 *   --per-rule <n>   samples per rule (default 3)
 *   --seed <n>       which sample (default 7); another seed is a held-out sample
 *   --pairs <file>   also write the shown pairs as JSONL (rule, before, after), ready to judge
 *   --handmade <sets> instead of real replies, every first rewrite on the hand-made sets named (e.g. BG,BH,BI,BJ:
 *                    agents' wordings of every category, where rules with few real hits rewrite most)
 * Pairs a person judged (tests/eval/judgements/rewrites.jsonl: rule, before, after, verdict, reason)
 * are tallied, so the judged figures are reproducible; a pair whose rewrite changed shows as unjudged.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadBuiltinPack } from '../../lib/node/rule-files';
import { createLinter, type Finding } from '../../lib/engine';
import { applyFirstRewrite, joinDefects } from '../support/rewrite-check';
import { readJsonl, seedFor, shuffle } from './corpus';
import { readHandmadeSet } from './handmade';

export default function evalRewrites(argv = process.argv.slice(2)): void {
  const { values } = parseArgs({
    args: argv,
    options: { rule: { type: 'string' }, 'per-rule': { type: 'string', default: '3' }, seed: { type: 'string', default: '7' }, pairs: { type: 'string' }, handmade: { type: 'string' } },
    strict: false,
  });
  const seed = Number(values.seed);
  if (values.handmade) return evalHandmadeRewrites(String(values.handmade).split(','), values.pairs === undefined ? undefined : String(values.pairs));
  const rows = readJsonl('agent-replies.jsonl');
  if (!rows) return;
  loadBuiltinPack();
  const linter = createLinter();
  const real = rows.filter((r) => r.source !== 'bitext-generated');
  const byRule = new Map<string, { text: string; finding: Finding }[]>();
  for (const r of real) {
    for (const f of linter.lint(r.text)) {
      if (f.category === 'draft' || f.rewrites.length === 0) continue;
      if (values.rule && f.ruleId !== values.rule) continue;
      let list = byRule.get(f.ruleId);
      if (!list) byRule.set(f.ruleId, (list = []));
      list.push({ text: r.text, finding: f });
    }
  }
  const perRule = values.rule ? 20 : Number(values['per-rule']);
  // Rules in a seeded order, so the 120 cap leaves out different rules on each seed, and each
  // rule's replies in their own seeded order, so a new seed draws new replies wherever a rule has more.
  const rules = shuffle([...byRule.keys()].sort(), seed);
  let shown = 0;
  let alwaysShown = 0;
  const pairs: Pair[] = [];
  for (const ruleId of rules) {
    if (shown >= 120 && !values.rule) break;
    const hits = byRule.get(ruleId)!;
    const picks = shuffle(hits, seedFor(seed, ruleId)).slice(0, Math.min(perRule, 120 - shown));
    if (hits.length <= perRule) alwaysShown += picks.length;
    console.log(`\n--- ${ruleId} (${hits.length} hits)`);
    for (const { text, finding } of picks) {
      shown++;
      const after = applyFirstRewrite(text, finding);
      pairs.push({ rule: ruleId, before: oneLine(text), after: oneLine(after) });
      console.log(`#${shown} [${text.slice(finding.start, finding.end)}]\n  before: ${oneLine(text)}\n  after:  ${oneLine(after)}`);
    }
  }
  if (values.pairs) writeFileSync(String(values.pairs), pairs.map((p) => JSON.stringify(p)).join('\n') + '\n');
  tallyJudgements(pairs, seed);
  // Mechanical defects over every applied first rewrite.
  let applied = 0;
  const defects: string[] = [];
  for (const [ruleId, list] of byRule) {
    for (const { text, finding } of list) {
      applied++;
      const problems = joinDefects(text, finding);
      if (problems.length) defects.push(`${ruleId}: ${problems.join(', ')}: ${oneLine(applyFirstRewrite(text, finding)).slice(0, 200)}`);
    }
  }
  console.log(`\nPairs shown: ${shown} from ${new Set(pairs.map((p) => p.rule)).size} of ${rules.length} rules (${alwaysShown} from rules with ${perRule} hits or fewer, the same on every seed)`);
  console.log(`Mechanical defects at the joins: ${defects.length} of ${applied} applied rewrites (${((100 * defects.length) / Math.max(1, applied)).toFixed(2)} %, target ≤ 1 %)`);
  for (const d of defects.slice(0, 30)) console.log(`  ${d}`);
}

/** Every first rewrite on the hand-made sets named, judged pairs tallied (they are few enough to show whole). */
function evalHandmadeRewrites(sets: readonly string[], pairsFile: string | undefined): void {
  loadBuiltinPack();
  const linter = createLinter();
  const pairs: Pair[] = [];
  let adviceOnly = 0;
  for (const set of sets) {
    for (const { text } of readHandmadeSet(set)) {
      for (const f of linter.lint(text)) {
        if (f.category === 'draft') continue;
        if (f.rewrites.length === 0) adviceOnly++;
        else pairs.push({ rule: f.ruleId, before: oneLine(text), after: oneLine(applyFirstRewrite(text, f)) });
      }
    }
  }
  console.log(`Hand-made sets ${sets.join(', ')}: ${pairs.length} findings with a one-key rewrite, ${adviceOnly} with advice only`);
  if (pairsFile) writeFileSync(pairsFile, pairs.map((p) => JSON.stringify(p)).join('\n') + '\n');
  tallyJudgements(pairs, `hand-made ${sets.join(',')}`);
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

interface Pair {
  rule: string;
  before: string;
  after: string;
}
type Verdict = 'good' | 'edit' | 'broken';
interface Judgement extends Pair {
  verdict: Verdict;
  reason: string;
}

const JUDGEMENTS = join(dirname(fileURLToPath(import.meta.url)), 'judgements/rewrites.jsonl');
const keyOf = (p: Pair) => `${p.rule}\u0000${p.before}\u0000${p.after}`;

/** The judged counts for the pairs shown, overall and per rule, from the judgement file. */
function tallyJudgements(pairs: readonly Pair[], sample: number | string): void {
  if (!existsSync(JUDGEMENTS)) return;
  const judged = new Map<string, Judgement>();
  for (const line of readFileSync(JUDGEMENTS, 'utf8').split('\n').filter(Boolean)) {
    const j = JSON.parse(line) as Judgement;
    judged.set(keyOf(j), j);
  }
  const found = pairs.map((p) => judged.get(keyOf(p))).filter((j): j is Judgement => j !== undefined);
  if (found.length === 0) return;
  const count = (list: readonly Judgement[], v: Verdict) => list.filter((j) => j.verdict === v).length;
  const pct = (n: number) => `${((100 * n) / found.length).toFixed(1)} %`;
  console.log(`\nJudged (${typeof sample === 'number' ? `seed ${sample}` : sample}, ${JUDGEMENTS.replace(/.*tests\//, 'tests/')}): ${found.length} of ${pairs.length} pairs`);
  console.log(`  good ${count(found, 'good')} (${pct(count(found, 'good'))}), edit ${count(found, 'edit')} (${pct(count(found, 'edit'))}), broken ${count(found, 'broken')} (${pct(count(found, 'broken'))})`);
  if (found.length < pairs.length) console.log(`  unjudged (new or changed since judging): ${pairs.filter((p) => !judged.has(keyOf(p))).map((p) => p.rule).join(', ')}`);
  const rules = [...new Set(found.map((j) => j.rule))];
  console.log('  rule                                   good edit broken');
  for (const rule of rules) {
    const list = found.filter((j) => j.rule === rule);
    console.log(`  ${rule.padEnd(38)} ${String(count(list, 'good')).padStart(4)} ${String(count(list, 'edit')).padStart(4)} ${String(count(list, 'broken')).padStart(6)}`);
  }
  for (const j of found.filter((x) => x.verdict === 'broken')) console.log(`  broken: ${j.rule}: ${j.after.slice(0, 160)} (${j.reason})`);
}
