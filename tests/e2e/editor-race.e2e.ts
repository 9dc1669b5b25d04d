/**
 * A seeded slice of the apply race (the full matrix: `npm run eval --
 * editor-race`): in every editor, with the CPU throttled 4x, the agent picks a
 * rewrite and types on at once (0, 5, 20 ms), or presses Ctrl+End and types.
 * Nothing the agent wrote is lost or doubled, and the coach says truthfully
 * whether the rewrite landed.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { EditorKind } from '../editor-pages/editors';
import { startEditorBrowser, type EditorBrowser } from '../editor-pages/session';
import { raceOnce, throttle, type RaceRun } from '../editor-pages/race';

const EDITORS: EditorKind[] = ['ckeditor', 'prosemirror', 'quill', 'froala', 'plain', 'textarea', 'tinymce-inline', 'tinymce', 'ckeditor4', 'summernote', 'lexical', 'trix', 'slate', 'draftjs', 'tiptap', 'jodit'];
/** Each action, delay and caret place (the phrase's start, middle, end) shows up across the matrix; two runs per editor keep the suite short. */
const RUNS: Omit<RaceRun, 'seed'>[] = [
  { action: 'enter', delayMs: 0, caretInPhrase: 16, typed: 'QXZ' },
  { action: 'click', delayMs: 5, caretInPhrase: 7, typed: 'JKV' },
  { action: 'click-then-ctrl-end', delayMs: 20, caretInPhrase: 0, typed: 'WQZ' },
];
const runsFor = (i: number) => [RUNS[i % RUNS.length], RUNS[(i + 1) % RUNS.length]];
const THROTTLE = 4;

let editors: EditorBrowser;

beforeAll(async () => {
  editors = await startEditorBrowser();
});

afterAll(async () => {
  await editors?.close();
});

test.each(EDITORS.map((kind, i) => [kind, i] as const))('%s: typing right after a rewrite, CPU throttled, loses and doubles nothing', async (kind, i) => {
  const s = await editors.openEditor(kind);
  try {
    await throttle(s, THROTTLE);
    for (const [n, run] of runsFor(i).entries()) {
      const outcome = await raceOnce(s, { seed: n, ...run });
      expect({ ...run, result: outcome.result, lost: outcome.lost, doubled: outcome.doubled, why: outcome.why }).toEqual({ ...run, result: outcome.result, lost: 0, doubled: 0, why: undefined });
    }
    expect(s.errors).toEqual([]);
  } finally {
    await s.page.close();
  }
}, 120_000);
