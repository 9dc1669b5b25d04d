/**
 * npm run eval -- handmade [--set S] [--show]: recall and precision of the phrase findings on the
 * hand-labelled sets (tests/eval/handmade; see handmade.ts), per set and per category, with the
 * sentence model's share apart. A finding is a hit when it overlaps a labelled phrase. Sets the
 * model trained on (its file's "Trained on" line) are marked: only the others are blind.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadBuiltinPack, RULES_DIR } from '../../lib/node/rule-files';
import { createLinter } from '../../lib/engine';
import { MODEL_FILE, MODEL_RULE_ID } from '../../lib/engine/sentence-model';
import { HANDMADE_DIR, readHandmadeSet } from './handmade';

export default function evalHandmade(argv: string[] = []): void {
  const { values } = parseArgs({ args: argv, options: { set: { type: 'string' }, show: { type: 'boolean', default: false } }, strict: false });
  loadBuiltinPack();
  const linter = createLinter();
  const trainedOn = /^# Trained on: ([^(]*)/m.exec(readFileSync(join(RULES_DIR, MODEL_FILE), 'utf8'))?.[1].split(',').map((s) => s.trim()) ?? [];
  const sets = readdirSync(HANDMADE_DIR).filter((f) => f.endsWith('.jsonl')).map((f) => f.replace('.jsonl', '')).filter((s) => !values.set || s === values.set).sort();
  console.log('set  labels  recall  (rules only)  precision  model flags (right)  clean replies flagged');
  for (const set of sets) {
    const perCategory = new Map<string, { labels: number; found: number }>();
    let labels = 0, found = 0, foundByRules = 0, flags = 0, right = 0, modelFlags = 0, modelRight = 0, clean = 0, cleanFlagged = 0;
    const lines: string[] = [];
    for (const reply of readHandmadeSet(set)) {
      const findings = linter.lint(reply.text).filter((f) => f.category !== 'draft');
      const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
      for (const label of reply.labels) {
        const entry = perCategory.get(label.category) ?? { labels: 0, found: 0 };
        perCategory.set(label.category, entry);
        entry.labels++;
        labels++;
        const hits = findings.filter((f) => overlaps(f, label));
        if (hits.length) (entry.found++, found++);
        else lines.push(`  miss ${reply.id} ${label.category}: [${label.phrase}]  ${reply.text}`);
        if (hits.some((f) => f.ruleId !== MODEL_RULE_ID)) foundByRules++;
      }
      if (!reply.labels.length) clean++;
      if (!reply.labels.length && findings.length) cleanFlagged++;
      for (const f of findings) {
        const ok = reply.labels.some((l) => overlaps(f, l));
        flags++;
        if (ok) right++;
        if (f.ruleId === MODEL_RULE_ID) (modelFlags++, ok && modelRight++);
        if (!ok) lines.push(`  false ${reply.id} ${f.ruleId}: [${reply.text.slice(f.start, f.end)}]  ${reply.text}`);
      }
    }
    const mark = trainedOn.includes(set) ? ' (model trained on it)' : ' (blind)';
    console.log(
      `${set.padEnd(4)} ${String(labels).padStart(6)}  ${(found / labels).toFixed(3)}   ${(foundByRules / labels).toFixed(3)}        ${(right / Math.max(flags, 1)).toFixed(3)}      ${String(modelFlags).padStart(4)} (${modelRight})             ${cleanFlagged} of ${clean}${mark}`,
    );
    if (values.set) for (const [category, e] of [...perCategory].sort()) console.log(`     ${category.padEnd(20)} ${String(e.found).padStart(3)}/${e.labels}  ${(e.found / e.labels).toFixed(2)}`);
    if (values.show) lines.forEach((l) => console.log(l));
  }
}
