/**
 * npm run eval -- checklist [--show]: the pre-reply checklist on 20 real agent
 * replies, compared with hand judgements (tests/eval/checklist-judgements.json,
 * reply ids and verdicts only — the corpus text is never copied here).
 */
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBuiltinPack, readRuleFiles } from '../../lib/node/rule-files';
import { createChecklist, CHECKLIST_FILE } from '../../lib/checklist/checklist';
import { createLinter } from '../../lib/engine';
import { readJsonl } from './corpus';

type Verdicts = Record<string, Record<string, 'pass' | 'missing'>>;

export default function evalChecklist(argv: string[] = []): void {
  const rows = readJsonl('agent-replies.jsonl');
  if (!rows) return;
  const { pack } = loadBuiltinPack();
  const checklist = createChecklist(readRuleFiles()[CHECKLIST_FILE], pack.macros);
  const linter = createLinter();
  const judged: Verdicts = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'checklist-judgements.json'), 'utf8'));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const agree: Record<string, { same: number; total: number }> = {};
  for (const [id, verdicts] of Object.entries(judged)) {
    const row = byId.get(id);
    if (!row) continue;
    const results = checklist.evaluate(row.text, { findings: linter.lint(row.text) });
    if (argv.includes('--show')) console.log(`\n${id}: ${row.text.replace(/\s+/g, ' ')}`);
    for (const r of results) {
      const mine = r.status === 'pass' ? 'pass' : 'missing';
      const human = verdicts[r.id];
      if (!human) continue;
      const a = (agree[r.id] ??= { same: 0, total: 0 });
      a.total++;
      if (mine === human) a.same++;
      if (argv.includes('--show')) console.log(`  ${mine === human ? ' ' : '≠'} ${r.id.padEnd(24)} steady=${mine.padEnd(8)} judged=${human}`);
    }
  }
  console.log(`\nChecklist vs hand judgement on ${Object.keys(judged).length} real replies:`);
  for (const [item, a] of Object.entries(agree)) console.log(`  ${item.padEnd(26)} ${a.same}/${a.total} agree (${Math.round((100 * a.same) / a.total)}%)`);
}
