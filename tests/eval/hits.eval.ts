/**
 * npm run eval -- hits [--seed <n>] [--draw <dir>]: precision of the phrase rules as judged hit by hit, on
 * real replies that no labelled set holds (labelled-replies.jsonl and tests/eval/real-labelled). Judges'
 * verdicts (tests/eval/judgements/hits.jsonl: id, start, end, rule, category, verdict weak | other | clean;
 * offsets only, never corpus text) are tallied for every finding the rules still make. The findings were drawn
 * at random, 40 per category (60 of corporate-filler, the most common), so the tally estimates each category's
 * precision. A labelled set counts a finding wrong whenever its reader left the phrase out; here each underline
 * is judged on its own, so the two figures differ by the weak phrases readers skip.
 *   --draw <dir>  writes the unjudged findings of the sample drawn with --seed as judge input (input.jsonl: n,
 *                 category, phrase, and the reply with the phrase marked [[like this]]) and key.jsonl to match
 *                 the verdicts back
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadBuiltinPack } from '../../lib/node/rule-files';
import { createLinter } from '../../lib/engine';
import { readJsonl, seedFor, shuffle } from './corpus';

const HERE = dirname(fileURLToPath(import.meta.url));
const JUDGEMENTS = join(HERE, 'judgements/hits.jsonl');
const PER_CATEGORY = 40;
const MORE: Record<string, number> = { 'corporate-filler': 60 };

interface Hit {
  id: string;
  start: number;
  end: number;
  rule: string;
  category: string;
}
type Verdict = 'weak' | 'other' | 'clean';
interface Judgement extends Hit {
  verdict: Verdict;
  /** With `other`: the category the judge gave it. */
  judgedCategory?: string;
}

const keyOf = (h: Hit) => `${h.id}\u0000${h.start}\u0000${h.end}\u0000${h.rule}`;

/** Ids of every reply some labelled set holds: those measure recall, and are left out here. */
function labelledIds(): Set<string> {
  const ids = new Set((readJsonl('labelled-replies.jsonl') ?? []).map((r) => r.id));
  const dir = join(HERE, 'real-labelled');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl'))) for (const line of readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean)) ids.add((JSON.parse(line) as { id: string }).id);
  return ids;
}

export default function evalHits(argv = process.argv.slice(2)): void {
  const { values } = parseArgs({ args: argv, options: { seed: { type: 'string', default: '20261206' }, draw: { type: 'string' } }, strict: false });
  const seed = Number(values.seed);
  const rows = readJsonl('agent-replies.jsonl');
  if (!rows) return;
  loadBuiltinPack();
  const linter = createLinter();
  const skip = labelledIds();
  const texts = new Map<string, string>();
  const byCategory = new Map<string, Hit[]>();
  for (const r of rows) {
    if (r.source === 'bitext-generated' || skip.has(r.id)) continue;
    texts.set(r.id, r.text);
    for (const f of linter.lint(r.text)) {
      if (f.category === 'draft') continue;
      const list = byCategory.get(f.category) ?? byCategory.set(f.category, []).get(f.category)!;
      list.push({ id: r.id, start: f.start, end: f.end, rule: f.ruleId, category: f.category });
    }
  }
  const judged = new Map<string, Judgement>();
  if (existsSync(JUDGEMENTS)) {
    for (const line of readFileSync(JUDGEMENTS, 'utf8').split('\n').filter(Boolean)) {
      const judgement = JSON.parse(line) as Judgement;
      judged.set(keyOf(judgement), judgement);
    }
  }
  const current = [...byCategory.values()].flat();
  const still = current.filter((h) => judged.has(keyOf(h)));

  console.log(`Findings on ${texts.size.toLocaleString('en')} real replies in no labelled set: ${current.length.toLocaleString('en')}; judged: ${still.length} (${judged.size - still.length} judged findings no longer made)`);
  console.log('category               findings judged  weak other clean  precision (weak or other)');
  const perCategory = [...byCategory.keys()].sort().map((category) => {
    const verdicts = still.filter((h) => h.category === category).map((h) => judged.get(keyOf(h))!.verdict);
    const n = (v: Verdict) => verdicts.filter((x) => x === v).length;
    return { category, findings: byCategory.get(category)!.length, judged: verdicts.length, weak: n('weak'), other: n('other'), clean: n('clean') };
  });
  const totals = { findings: 0, judged: 0, weak: 0, other: 0, clean: 0 };
  for (const row of perCategory) {
    for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += row[k];
    console.log(`${row.category.padEnd(22)} ${cells(row)}`);
  }
  console.log(`${'overall'.padEnd(22)} ${cells(totals)}`);
  // The sample is drawn per category, so the overall row over-weights the rare ones; this weights each by its findings.
  const judgedRows = perCategory.filter((r) => r.judged > 0);
  const weighted = judgedRows.reduce((sum, r) => sum + (r.findings * (r.weak + r.other)) / r.judged, 0) / Math.max(1, judgedRows.reduce((n, r) => n + r.findings, 0));
  console.log(`precision weighted by each category's findings: ${weighted.toFixed(2)}`);
  for (const h of still.filter((x) => judged.get(keyOf(x))!.verdict === 'clean')) console.log(`  clean: ${h.rule} [${texts.get(h.id)!.slice(h.start, h.end)}] (${h.id})`);

  const picked = [...byCategory.keys()].sort().flatMap((c) => shuffle(byCategory.get(c)!, seedFor(seed, c)).slice(0, MORE[c] ?? PER_CATEGORY));
  const unjudged = picked.filter((h) => !judged.has(keyOf(h)));
  console.log(`\nSample of seed ${seed}: ${picked.length} findings, ${unjudged.length} unjudged${unjudged.length ? ' (--draw <dir> writes them for a judge)' : ''}`);
  if (values.draw && unjudged.length) {
    const dir = String(values.draw);
    mkdirSync(dir, { recursive: true });
    const marked = (h: Hit) => {
      const text = texts.get(h.id)!;
      return `${text.slice(0, h.start)}[[${text.slice(h.start, h.end)}]]${text.slice(h.end)}`;
    };
    const order = shuffle(unjudged, seed);
    writeFileSync(join(dir, 'input.jsonl'), order.map((h, n) => JSON.stringify({ n, category: h.category, phrase: texts.get(h.id)!.slice(h.start, h.end), text: marked(h) })).join('\n') + '\n');
    writeFileSync(join(dir, 'key.jsonl'), order.map((h, n) => JSON.stringify({ n, ...h })).join('\n') + '\n');
    console.log(`wrote ${order.length} to ${dir}/input.jsonl (and key.jsonl)`);
  }
}

function cells(r: { findings: number; judged: number; weak: number; other: number; clean: number }): string {
  const precision = r.judged ? ((r.weak + r.other) / r.judged).toFixed(2) : '  - ';
  return `${String(r.findings).padStart(8)} ${String(r.judged).padStart(6)} ${String(r.weak).padStart(5)} ${String(r.other).padStart(5)} ${String(r.clean).padStart(5)}  ${precision}`;
}
