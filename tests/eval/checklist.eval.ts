/**
 * npm run eval -- checklist [--show]: the pre-reply checklist on 100 real agent
 * replies, compared with hand judgements (reply ids and verdicts only — the
 * corpus text is never copied here). Four splits:
 *   dev      tests/eval/checklist-judgements.json, the 20 replies the patterns were tuned on;
 *   held-out tests/eval/checklist-judgements-heldout.json, 40 replies drawn with a fixed seed
 *            (real replies over 60 characters, not in dev; sample(…, 40, 20261202)) and judged
 *            by hand before looking at what the checklist says about them.
 *   dev-2    tests/eval/checklist-judgements-dev-2.json, 20 more drawn the same way from the replies
 *            in neither split (sample(…, 20, 20261203)); judged blind after tuning on dev (agreement
 *            then: opening 80%, next step 75%, boundary 90%), then tuned on;
 *   held-out-2 tests/eval/checklist-judgements-heldout-2.json, 20 drawn from the replies in none of
 *            the above (sample(…, 20, 20261204)), judged by hand before looking at the checklist.
 * The checklist sees the draft's findings, as in the panel.
 */
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBuiltinPack, readRuleFiles } from '../../lib/node/rule-files';
import { createChecklist, CHECKLIST_FILE } from '../../lib/checklist/checklist';
import { createLinter } from '../../lib/engine';
import { readJsonl } from './corpus';

type Verdicts = Record<string, Record<string, 'pass' | 'missing'>>;

const SPLITS = [
  { name: 'dev', file: 'checklist-judgements.json' },
  { name: 'held-out', file: 'checklist-judgements-heldout.json' },
  { name: 'dev-2', file: 'checklist-judgements-dev-2.json' },
  { name: 'held-out-2', file: 'checklist-judgements-heldout-2.json' },
] as const;

export default function evalChecklist(argv: string[] = []): void {
  const rows = readJsonl('agent-replies.jsonl');
  if (!rows) return;
  const { pack } = loadBuiltinPack();
  const checklist = createChecklist(readRuleFiles()[CHECKLIST_FILE], pack.macros);
  const linter = createLinter();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const dir = dirname(fileURLToPath(import.meta.url));
  const show = argv.includes('--show');
  const tally: Record<string, Record<string, { same: number; total: number }>> = {};
  for (const split of SPLITS) {
    const judged: Verdicts = JSON.parse(readFileSync(join(dir, split.file), 'utf8'));
    for (const [id, verdicts] of Object.entries(judged)) {
      const row = byId.get(id);
      if (!row) continue;
      const results = checklist.evaluate(row.text, { findings: linter.lint(row.text) });
      if (show) console.log(`\n[${split.name}] ${id}: ${row.text.replace(/\s+/g, ' ')}`);
      for (const r of results) {
        const human = verdicts[r.id];
        if (!human) continue;
        const mine = r.status === 'pass' ? 'pass' : 'missing';
        for (const name of [split.name, 'all']) {
          const a = ((tally[name] ??= {})[r.id] ??= { same: 0, total: 0 });
          a.total++;
          if (mine === human) a.same++;
        }
        if (show) console.log(`  ${mine === human ? ' ' : '≠'} ${r.id.padEnd(24)} steady=${mine.padEnd(8)} judged=${human}`);
      }
    }
  }
  const names = [...SPLITS.map((s) => s.name), 'all'];
  const count = (name: string) => Object.values(tally[name] ?? {})[0]?.total ?? 0;
  console.log(`\nChecklist vs hand judgement (agreement per item; target >= 90%):`);
  console.log(`${'item'.padEnd(26)} ${names.map((n) => `${n} (${count(n)})`.padStart(16)).join(' ')}`);
  for (const item of Object.keys(tally.all ?? {})) {
    const cells = names.map((n) => {
      const a = tally[n]?.[item];
      return (a ? `${a.same}/${a.total} ${Math.round((100 * a.same) / a.total)}%` : '-').padStart(16);
    });
    console.log(`${item.padEnd(26)} ${cells.join(' ')}`);
  }
}
