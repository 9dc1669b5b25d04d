/**
 * npm run eval -- replies: lint the real agent replies and the polite generated
 * control set; print flags per 1,000 replies per rule with sampled hits, and the
 * control rate of phrase rules apart from whole-draft checks.
 *   --rule <id>      only this rule, with more samples
 *   --samples <n>    samples per rule (default 3)
 */
import { parseArgs } from 'node:util';
import { loadBuiltinPack } from '../../lib/node/rule-files';
import { createLinter, type Finding } from '../../lib/engine';
import { readJsonl, sample } from './corpus';

export default function evalReplies(argv = process.argv.slice(2)): void {
  const { values } = parseArgs({ args: argv, options: { rule: { type: 'string' }, samples: { type: 'string', default: '3' } }, strict: false });
  const rows = readJsonl('agent-replies.jsonl');
  if (!rows) return;
  loadBuiltinPack();
  const linter = createLinter();
  const control = rows.filter((r) => r.source === 'bitext-generated');
  const real = rows.filter((r) => r.source !== 'bitext-generated');
  const hits = new Map<string, { real: { text: string; phrase: string }[]; control: number }>();
  const record = (f: Finding, text: string, isControl: boolean) => {
    if (values.rule && f.ruleId !== values.rule) return;
    let entry = hits.get(f.ruleId);
    if (!entry) hits.set(f.ruleId, (entry = { real: [], control: 0 }));
    if (isControl) entry.control++;
    else entry.real.push({ text, phrase: text.slice(f.start, f.end) });
  };
  // The target is about phrase rules; whole-draft checks (a placeholder such as the control set's "{{Order Number}}") are counted apart.
  let controlOutsideFiller = 0;
  let controlDraftChecks = 0;
  for (const r of real) for (const f of linter.lint(r.text)) record(f, r.text, false);
  for (const r of control) {
    for (const f of linter.lint(r.text)) {
      record(f, r.text, true);
      if (f.category === 'draft') controlDraftChecks++;
      else if (f.category !== 'corporate-filler') controlOutsideFiller++;
    }
  }
  const per1000 = (n: number, total: number) => ((n * 1000) / total).toFixed(1).padStart(7);
  console.log(`\nReal replies: ${real.length}; control (bitext-generated): ${control.length}\n`);
  console.log(`${'rule'.padEnd(34)} ${'real/1k'.padStart(7)} ${'ctrl/1k'.padStart(7)}`);
  const sorted = [...hits.entries()].sort((a, b) => b[1].real.length - a[1].real.length);
  for (const [ruleId, h] of sorted) console.log(`${ruleId.padEnd(34)} ${per1000(h.real.length, real.length)} ${per1000(h.control, control.length)}`);
  console.log(`\nControl flags of phrase rules outside corporate-filler: ${per1000(controlOutsideFiller, control.length).trim()} per 1,000 replies (target < 5)`);
  console.log(`Control flags of whole-draft checks: ${per1000(controlDraftChecks, control.length).trim()} per 1,000 replies (reported apart)\n`);
  const n = Number(values.samples);
  for (const [ruleId, h] of sorted) {
    console.log(`--- ${ruleId} (${h.real.length} real hits)`);
    for (const s of sample(h.real, values.rule ? Math.max(n, 20) : n)) console.log(`  [${s.phrase}]  ${s.text.replace(/\s+/g, ' ').slice(0, 220)}`);
  }
}

