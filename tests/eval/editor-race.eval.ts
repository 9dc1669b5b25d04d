/**
 * npm run eval -- editor-race [--runs 100] [--rate 5] [--editors a,b]: the
 * apply race (tests/editor-pages/race.ts) in every editor of the matrix, with
 * the CPU throttled through CDP. Prints, per editor, the runs, how many lost
 * or doubled characters, and how the coach reported them. Exit 1 on any loss.
 */
import { startEditorBrowser } from '../editor-pages/session';
import { drawRun, raceOnce, throttle, type RaceOutcome } from '../editor-pages/race';
import type { EditorKind } from '../editor-pages/editors';

const ALL: EditorKind[] = ['ckeditor', 'prosemirror', 'quill', 'froala', 'plain', 'textarea', 'tinymce-inline', 'tinymce', 'ckeditor4', 'summernote', 'lexical', 'trix', 'slate', 'draftjs', 'tiptap', 'jodit', 'shadow-plain', 'shadow-textarea'];

function option(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 ? argv[at + 1] : undefined;
}

export default async function editorRace(argv: string[]): Promise<void> {
  const runs = Number(option(argv, 'runs') ?? 100);
  const rate = Number(option(argv, 'rate') ?? 5);
  // Throttled pages mostly wait (the throttle pauses their main thread), so several editors run side by side.
  const parallel = Number(option(argv, 'parallel') ?? 5);
  const kinds = (option(argv, 'editors')?.split(',') as EditorKind[] | undefined) ?? ALL;
  const browser = await startEditorBrowser();
  let failed = 0;
  console.log(`CPU throttled ${rate}x; ${runs} seeded runs per editor (typing 0/5/20 ms after the rewrite click, Enter, or Ctrl+End).`);
  console.log(`${'editor'.padEnd(16)} ${'runs'.padStart(5)} ${'ok'.padStart(5)} ${'lost'.padStart(6)} ${'doubled'.padStart(8)} ${'applied'.padStart(8)} ${'aborted'.padStart(8)}`);
  // Pages load one at a time (loading is the CPU-heavy part).
  let opening = Promise.resolve();
  const raceEditor = async (kind: EditorKind) => {
    const opened = opening.then(() => browser.openEditor(kind));
    opening = opened.then(() => undefined, () => undefined);
    const s = await opened;
    await throttle(s, rate);
    const outcomes: RaceOutcome[] = [];
    for (let seed = 1; seed <= runs; seed++) {
      if (seed % 10 === 0) process.stderr.write(`${kind}: ${seed - 1} runs done\n`);
      try {
        outcomes.push(await raceOnce(s, drawRun(seed)));
      } catch (e) {
        outcomes.push({ ...drawRun(seed), ok: false, lost: 0, doubled: 0, applied: false, result: '', why: `run failed: ${(e as Error).message.split('\n')[0]}` });
      }
    }
    const bad = outcomes.filter((o) => !o.ok);
    const sum = (f: (o: RaceOutcome) => number) => outcomes.reduce((n, o) => n + f(o), 0);
    const lines = [
      `${kind.padEnd(16)} ${String(outcomes.length).padStart(5)} ${String(outcomes.length - bad.length).padStart(5)} ${String(sum((o) => o.lost)).padStart(6)} ${String(sum((o) => o.doubled)).padStart(8)} ${String(sum((o) => (o.applied ? 1 : 0))).padStart(8)} ${String(sum((o) => (o.applied ? 0 : 1))).padStart(8)}`,
      ...bad.slice(0, 5).map((o) => `  seed ${o.seed} ${o.action} +${o.delayMs}ms caret ${o.caretInPhrase} typed ${o.typed}: ${o.why} -> ${JSON.stringify(o.result)}`),
      ...(s.errors.length ? [`  page errors: ${s.errors.slice(0, 3).join(' | ')}`] : []),
    ];
    console.log(lines.join('\n'));
    failed += bad.length;
    await s.page.close();
  };
  try {
    const queue = [...kinds];
    await Promise.all(Array.from({ length: Math.min(parallel, queue.length) }, async () => {
      for (let kind = queue.shift(); kind; kind = queue.shift()) await raceEditor(kind);
    }));
  } finally {
    await browser.close();
  }
  if (failed) process.exitCode = 1;
}
