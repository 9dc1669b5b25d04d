/**
 * npm run eval -- labelled [--quiet] [--labels <file>]: recall and precision of the phrase rules on
 * the hand-labelled real replies (../shared/corpus/labelled-replies.jsonl, or another file of labels in
 * its format; texts read from agent-replies.jsonl by id, never copied here). A finding is a hit when
 * it overlaps a labelled phrase; replies marked `unsure` are left out. Draft-level
 * findings are counted apart (they are not phrase judgements). Lists every miss
 * and false flag unless --quiet.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBuiltinPack } from '../../lib/node/rule-files';
import { createLinter, type Finding } from '../../lib/engine';
import { CORPUS_DIR, readJsonl } from './corpus';

interface Label {
  id: string;
  /** A phrase as its text, or (in the project's own sets, which copy no corpus text) as offsets into the reply. */
  flags: ({ category: string; phrase: string } | { category: string; start: number; end: number })[];
  unsure: boolean;
}

interface Span {
  start: number;
  end: number;
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/** Every occurrence of a labelled phrase (a phrase may appear more than once; any occurrence counts). */
function spansOf(text: string, phrase: string): Span[] {
  const spans: Span[] = [];
  for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) spans.push({ start: at, end: at + phrase.length });
  return spans;
}

export default function evalLabelled(argv: string[] = []): void {
  const given = argv.indexOf('--labels');
  const path = given >= 0 && argv[given + 1] ? argv[given + 1] : join(CORPUS_DIR, 'labelled-replies.jsonl');
  if (!existsSync(path)) {
    console.log(`skipped: ${path} not found (set STEADY_CORPUS to the corpus folder to run this evaluation)`);
    return;
  }
  const rows = readJsonl('agent-replies.jsonl');
  if (!rows) return;
  const labels = readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Label);
  loadBuiltinPack();
  const linter = createLinter();
  const texts = new Map(rows.map((r) => [r.id, r.text]));

  type Tally = { labels: number; found: number; flags: number; right: number };
  const perCategory = new Map<string, Tally>();
  const tally = (category: string) => perCategory.get(category) ?? perCategory.set(category, { labels: 0, found: 0, flags: 0, right: 0 }).get(category)!;
  const misses: string[] = [];
  const falseFlags: string[] = [];
  const draft = { flags: 0, onLabelledSentence: 0 };
  let scored = 0;
  let skipped = 0;

  for (const label of labels) {
    if (label.unsure) {
      skipped++;
      continue;
    }
    const text = texts.get(label.id);
    if (text === undefined) {
      console.log(`warning: ${label.id} is not in agent-replies.jsonl`);
      continue;
    }
    scored++;
    const findings = linter.lint(text);
    const phraseFindings = findings.filter((f) => f.category !== 'draft');
    const labelled = label.flags.map((flag) =>
      'phrase' in flag
        ? { category: flag.category, phrase: flag.phrase, spans: spansOf(text, flag.phrase) }
        : { category: flag.category, phrase: text.slice(flag.start, flag.end), spans: [{ start: flag.start, end: flag.end }] },
    );
    const oneLine = text.replace(/\s+/g, ' ');
    for (const flag of labelled) {
      const t = tally(flag.category);
      t.labels++;
      const hit = phraseFindings.find((f) => flag.spans.some((s) => overlaps(s, f)));
      if (hit) t.found++;
      else misses.push(`  ${label.id} ${flag.category}: [${flag.phrase}]\n      ${oneLine.slice(0, 240)}`);
    }
    for (const f of findings) {
      if (f.category === 'draft') {
        draft.flags++;
        if (labelled.some((flag) => flag.spans.some((s) => overlaps(s, f)))) draft.onLabelledSentence++;
        continue;
      }
      const t = tally(f.category);
      t.flags++;
      const right = labelled.find((flag) => flag.spans.some((s) => overlaps(s, f)));
      if (right) t.right++;
      else falseFlags.push(`  ${label.id} ${f.ruleId}: [${text.slice(f.start, f.end)}]\n      ${oneLine.slice(0, 240)}`);
      if (right && right.category !== f.category) falseFlags.push(`  (category differs) ${label.id} ${f.ruleId} as ${f.category}, labelled ${right.category}: [${text.slice(f.start, f.end)}]`);
    }
  }

  const ratio = (a: number, b: number) => (b === 0 ? '   -' : (a / b).toFixed(2));
  const all = [...perCategory.values()].reduce((s, t) => ({ labels: s.labels + t.labels, found: s.found + t.found, flags: s.flags + t.flags, right: s.right + t.right }), { labels: 0, found: 0, flags: 0, right: 0 });
  console.log(`\nLabelled real replies (${path}): ${scored} scored, ${skipped} unsure left out. Phrase rules only (draft-level findings apart).\n`);
  console.log(`${'category'.padEnd(22)} ${'labels'.padStart(6)} ${'found'.padStart(6)} ${'recall'.padStart(6)} ${'flags'.padStart(6)} ${'right'.padStart(6)} ${'prec.'.padStart(6)}`);
  const row = (name: string, t: Tally) =>
    console.log(`${name.padEnd(22)} ${String(t.labels).padStart(6)} ${String(t.found).padStart(6)} ${ratio(t.found, t.labels).padStart(6)} ${String(t.flags).padStart(6)} ${String(t.right).padStart(6)} ${ratio(t.right, t.flags).padStart(6)}`);
  for (const [name, t] of [...perCategory.entries()].sort((a, b) => b[1].labels - a[1].labels || a[0].localeCompare(b[0]))) row(name, t);
  row('overall', all);
  console.log(`\nDraft-level findings (apart): ${draft.flags}, of which ${draft.onLabelledSentence} overlap a labelled phrase.`);
  console.log(`Targets: recall >= 0.80, precision >= 0.90.`);
  if (argv.includes('--quiet')) return;
  console.log(`\nMisses (${misses.length}):\n${misses.join('\n')}`);
  console.log(`\nFalse flags (${falseFlags.length}):\n${falseFlags.join('\n')}`);
}
