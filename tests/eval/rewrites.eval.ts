/**
 * npm run eval -- rewrites: a seeded sample of real replies with findings (three per rule that
 * fires, at most 120), the first rewrite applied exactly as the card applies it, printed
 * before → after for a person to judge; then a mechanical check of the joins over every
 * applied first rewrite (several hundred).
 *   --rule <id>      only this rule, with more samples
 *   --per-rule <n>   samples per rule (default 3)
 */
import { parseArgs } from 'node:util';
import { loadBuiltinPack } from '../../lib/node/rule-files';
import { createLinter, type Finding } from '../../lib/engine';
import { applyFirstRewrite, joinDefects } from '../support/rewrite-check';
import { readJsonl, sample } from './corpus';

export default function evalRewrites(argv = process.argv.slice(2)): void {
  const { values } = parseArgs({ args: argv, options: { rule: { type: 'string' }, 'per-rule': { type: 'string', default: '3' } }, strict: false });
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
  const rules = [...byRule.keys()].sort();
  let shown = 0;
  for (const ruleId of rules) {
    if (shown >= 120 && !values.rule) break;
    const picks = sample(byRule.get(ruleId)!, Math.min(perRule, 120 - shown));
    console.log(`\n--- ${ruleId} (${byRule.get(ruleId)!.length} hits)`);
    for (const { text, finding } of picks) {
      shown++;
      const after = applyFirstRewrite(text, finding);
      console.log(`#${shown} [${text.slice(finding.start, finding.end)}]\n  before: ${oneLine(text)}\n  after:  ${oneLine(after)}`);
    }
  }
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
  console.log(`\nPairs shown: ${shown} from ${rules.length} rules`);
  console.log(`Mechanical defects at the joins: ${defects.length} of ${applied} applied rewrites (${((100 * defects.length) / Math.max(1, applied)).toFixed(2)} %, target ≤ 1 %)`);
  for (const d of defects.slice(0, 30)) console.log(`  ${d}`);
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
