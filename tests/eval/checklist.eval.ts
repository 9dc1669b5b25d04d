/**
 * npm run eval -- checklist [--show]: the pre-reply checklist on 920 real agent
 * replies, compared with hand judgements (reply ids and verdicts only — the
 * corpus text is never copied here). The splits:
 *   dev      tests/eval/checklist-judgements.json, the 20 replies the patterns were tuned on;
 *   held-out tests/eval/checklist-judgements-heldout.json, 40 replies drawn with a fixed seed
 *            (real replies over 60 characters, not in dev; sample(…, 40, 20261202)) and judged
 *            by hand before looking at what the checklist says about them.
 *   dev-2    tests/eval/checklist-judgements-dev-2.json, 20 more drawn the same way from the replies
 *            in neither split (sample(…, 20, 20261203)); judged blind after tuning on dev (agreement
 *            then: opening 80%, next step 75%, boundary 90%), then tuned on;
 *   held-out-2 tests/eval/checklist-judgements-heldout-2.json, 20 drawn from the replies in none of
 *            the above (sample(…, 20, 20261204)), judged by hand before looking at the checklist.
 *   held-out-3 tests/eval/checklist-judgements-heldout-3.json, 60 drawn from the replies in none of
 *            the above (--draw 60 --seed 20261205), judged by hand before looking at the checklist
 *            (agreement then: opening 88%, boundary 82%, next step 93%, the rest 95-98%), then tuned on;
 *   held-out-4 tests/eval/checklist-judgements-heldout-4.json, 40 more (--draw 40 --seed 20261206), judged
 *            by hand before looking at the checklist (agreement then: opening 80%, boundary 68%, next step
 *            88%, the rest 95-98%), then tuned on;
 *   held-out-5 tests/eval/checklist-judgements-heldout-5.json, 40 more (--draw 40 --seed 20261207), judged
 *            by hand before looking at the checklist (agreement then: opening 88%, summary 90%, boundary 85%,
 *            next step 90%, the rest 98-100%), then tuned on;
 *   held-out-6 tests/eval/checklist-judgements-heldout-6.json, 40 more (--draw 40 --seed 20261208), judged
 *            by hand before looking at the checklist (agreement then: opening 83%, boundary 75%, closing 90%,
 *            next step 95%, the rest 98%), then tuned on;
 *   held-out-7 tests/eval/checklist-judgements-heldout-7.json, 40 more (--draw 40 --seed 20261209), judged
 *            by hand before looking at the checklist (agreement then: opening 85%, summary 83%, boundary 80%,
 *            next step 83%, question and closing 98%), then tuned on.
 *   held-out-8 … held-out-12 tests/eval/checklist-judgements-heldout-{8..12}.json, 40 each (--draw 40 --seed 20261210 …
 *            20261214), each judged by hand before looking at the checklist, then tuned on before the next was drawn.
 *            Agreement when judged (opening, summary, question, boundary, next step, closing):
 *              held-out-8  78 98 100 70 75 100      held-out-9  88 93 100 85 85 93     held-out-10 90 93 98 73 88 100
 *              held-out-11 88 100 100 85 98 100     held-out-12 88 90 100 93 85 93
 *   held-out-13 tests/eval/checklist-judgements-heldout-13.json, 40 (--draw 40 --seed 20261215), judged by hand and
 *            committed before any pattern change, and never tuned on. Agreement of the patterns of main dc6457b
 *            when judged: 75 95 95 80 83 93; after checklist9e's tuning on the earlier splits and on unjudged
 *            replies (held-out-13's errors unseen while tuning): 75 95 95 80 85 93.
 *   held-out-14 tests/eval/checklist-judgements-heldout-14.json, 40 (--draw 40 --seed 20261216), judged by hand and
 *            committed before any pattern change, and never tuned on (held-out-13 became dev for that round).
 *            Agreement of the patterns of main d60deea when judged: 83 95 98 68 93 98; after checklist9f's tuning on
 *            the earlier splits and on unjudged replies (held-out-14's verdicts unseen while tuning): 83 95 98 68 93 98.
 *   held-out-15 tests/eval/checklist-judgements-heldout-15.json, 40 (--draw 40 --seed 20261217), judged by hand and
 *            committed before any pattern change, and never tuned on (held-out-14 became dev for that round).
 *            Agreement of the patterns of main d4f71e2 when judged: 90 88 98 78 90 100; after checklist10's tuning on
 *            the earlier splits (held-out-14 as dev) and on unjudged replies, measured once: 90 88 98 80 93 100.
 *   held-out-16 tests/eval/checklist-judgements-heldout-16.json, 40 (--draw 40 --seed 20261218), judged by hand and
 *            committed before any pattern change, and never tuned on (held-out-15 became dev for that round).
 *            Agreement of the patterns of main 57690ba when judged: 70 93 100 73 93 98; after checklist16's tuning on
 *            the earlier splits (held-out-15 as dev), measured once: 70 93 100 73 93 98. One verdict was corrected
 *            after that (airlines:36965, "please contact our Sales team": boundary passes, as in every other split),
 *            which makes boundary 75.
 *   held-out-17 tests/eval/checklist-judgements-heldout-17.json, 40 (--draw 40 --seed 20261219), judged blind by a judge
 *            who did not tune patterns, and committed before any pattern change and before anyone looked at what the
 *            checklist says about them. Never tuned on.
 *   held-out-18 tests/eval/checklist-judgements-heldout-18.json, 40 (--draw 40 --seed 20261220), judged blind by a judge
 *            who did not tune patterns (calibrated on held-out-15 to 17's verdicts), and committed before anyone looked at
 *            what the checklist says about them (held-out-16 and 17 were dev for that stop's few patterns). Agreement of the
 *            patterns when judged: 73 85 98 93 85 100; after opening patterns for warmth met in kind ("Awesome to hear",
 *            "it's our pleasure", "fingers crossed"), from its disagreements, no longer blind: 83 85 98 93 85 100.
 *   held-out-19 tests/eval/checklist-judgements-heldout-19.json, 40 (--draw 40 --seed 20261221), judged blind by a judge
 *            who did not tune patterns (calibrated on held-out-15 to 18), and committed before anyone looked at what the
 *            checklist says about them. Agreement of the patterns of 53bb58f when judged: 68 88 98 75 88 90; the boundary
 *            patterns added next (from held-out-16 to 18's disagreements) left it unchanged. Most opening disagreements are
 *            warm replies to pleased customers, which this judge passes and earlier judges mostly did not (the panel marks
 *            the item not applicable when the ticket shows a calm customer; these replies come without their ticket).
 *   held-out-20 tests/eval/checklist-judgements-heldout-20.json, 40 (--draw 40 --seed 20261222), judged blind the same way
 *            (calibrated on held-out-15 to 19) while the patterns were tuned on held-out-16 to 19, and measured once after:
 *            83 93 98 75 88 95, the same as the patterns of 53bb58f before that tuning. Then tuned on (boundary, with
 *            held-out-19), so no longer blind.
 *   held-out-21 tests/eval/checklist-judgements-heldout-21.json, 40 (--draw 40 --seed 20261223), judged blind the same way
 *            (calibrated on held-out-16 to 20) and never tuned on. Agreement of the patterns of main 317c6fd: 75 88 95 78 80 98.
 *            Draw a fresh sample after tuning on it.
 *   held-out-22 tests/eval/checklist-judgements-heldout-22.json, 40 (--draw 40 --seed 20261224), judged blind by a judge who
 *            did not tune patterns (calibrated on 120 verdicts of dev, held-out, held-out-3, 12 and 21, and told to follow
 *            content.md where earlier judges differ), and committed before anyone looked at what the checklist says about them.
 *            Agreement of the patterns when judged: 78 98 98 93 83 98 (the same with the patterns this stop began with);
 *            then tuned on (opening, next step), so no longer blind. Draw a fresh sample after tuning on it.
 * The checklist sees the draft's findings, as in the panel.
 *
 * npm run eval -- checklist --draw <n> --seed <s>: prints the next sample to judge (real replies over
 * 60 characters in no split yet, sample(…, n, s)), one JSON line per reply, without the checklist's verdicts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBuiltinPack, readRuleFiles } from '../../lib/node/rule-files';
import { createChecklist, CHECKLIST_FILE } from '../../lib/checklist/checklist';
import { createLinter } from '../../lib/engine';
import { readJsonl, sample } from './corpus';

type Verdicts = Record<string, Record<string, 'pass' | 'missing'>>;

const SPLITS = [
  { name: 'dev', file: 'checklist-judgements.json' },
  { name: 'held-out', file: 'checklist-judgements-heldout.json' },
  { name: 'dev-2', file: 'checklist-judgements-dev-2.json' },
  { name: 'held-out-2', file: 'checklist-judgements-heldout-2.json' },
  { name: 'held-out-3', file: 'checklist-judgements-heldout-3.json' },
  { name: 'held-out-4', file: 'checklist-judgements-heldout-4.json' },
  { name: 'held-out-5', file: 'checklist-judgements-heldout-5.json' },
  { name: 'held-out-6', file: 'checklist-judgements-heldout-6.json' },
  { name: 'held-out-7', file: 'checklist-judgements-heldout-7.json' },
  { name: 'held-out-8', file: 'checklist-judgements-heldout-8.json' },
  { name: 'held-out-9', file: 'checklist-judgements-heldout-9.json' },
  { name: 'held-out-10', file: 'checklist-judgements-heldout-10.json' },
  { name: 'held-out-11', file: 'checklist-judgements-heldout-11.json' },
  { name: 'held-out-12', file: 'checklist-judgements-heldout-12.json' },
  { name: 'held-out-13', file: 'checklist-judgements-heldout-13.json' },
  { name: 'held-out-14', file: 'checklist-judgements-heldout-14.json' },
  { name: 'held-out-15', file: 'checklist-judgements-heldout-15.json' },
  { name: 'held-out-16', file: 'checklist-judgements-heldout-16.json' },
  { name: 'held-out-17', file: 'checklist-judgements-heldout-17.json' },
  { name: 'held-out-18', file: 'checklist-judgements-heldout-18.json' },
  { name: 'held-out-19', file: 'checklist-judgements-heldout-19.json' },
  { name: 'held-out-20', file: 'checklist-judgements-heldout-20.json' },
  { name: 'held-out-21', file: 'checklist-judgements-heldout-21.json' },
  { name: 'held-out-22', file: 'checklist-judgements-heldout-22.json' },
] as const;

const judgedIn = (dir: string, file: string): Verdicts => JSON.parse(readFileSync(join(dir, file), 'utf8'));

function optionValue(argv: string[], name: string): number | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : undefined;
}

export default function evalChecklist(argv: string[] = []): void {
  const rows = readJsonl('agent-replies.jsonl');
  if (!rows) return;
  const { pack } = loadBuiltinPack();
  const checklist = createChecklist(readRuleFiles()[CHECKLIST_FILE], pack.macros);
  const linter = createLinter();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const dir = dirname(fileURLToPath(import.meta.url));
  const draw = optionValue(argv, '--draw');
  if (draw !== undefined) {
    const judged = new Set(SPLITS.flatMap((s) => (existsSync(join(dir, s.file)) ? Object.keys(judgedIn(dir, s.file)) : [])));
    const unjudged = rows.filter((r) => r.text.length > 60 && !judged.has(r.id));
    for (const r of sample(unjudged, draw, optionValue(argv, '--seed') ?? 7)) console.log(JSON.stringify({ id: r.id, text: r.text }));
    return;
  }
  const show = argv.includes('--show');
  const tally: Record<string, Record<string, { same: number; total: number }>> = {};
  for (const split of SPLITS) {
    const judged = judgedIn(dir, split.file);
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
