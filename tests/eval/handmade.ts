/**
 * The hand-labelled sets in tests/eval/handmade: constructed agent replies, each set written blind
 * (by a writer who saw content.md §1 and neither the rules nor the other sets), 240 replies with 17
 * labelled weak phrases per category and 60 clean look-alikes. They train the sentence model
 * (scripts/train-sentence-model.ts) and measure recall on wordings nobody wrote rules against.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { shuffle, seedFor, type CorpusRow } from './corpus';

const JUDGED_FILE = join(dirname(fileURLToPath(import.meta.url)), 'real-judged.jsonl');

export const HANDMADE_DIR = join(dirname(fileURLToPath(import.meta.url)), 'handmade');

export interface HandmadeReply {
  id: string;
  text: string;
  labels: { start: number; end: number; category: string; phrase: string }[];
}

export function readHandmadeSet(set: string): HandmadeReply[] {
  return readFileSync(join(HANDMADE_DIR, `${set}.jsonl`), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const row = JSON.parse(line) as { id: string; text: string; flags: { phrase: string; category: string }[] };
      const labels = row.flags.map((f) => {
        const start = row.text.indexOf(f.phrase);
        if (start < 0) throw new Error(`${set}.jsonl ${row.id}: phrase "${f.phrase}" is not in the text`);
        return { start, end: start + f.phrase.length, category: f.category, phrase: f.phrase };
      });
      return { id: row.id, text: row.text, labels };
    });
}

/**
 * The real agent replies split in two by seed, leaving out the hand-labelled ones: the model trains on
 * one half's sentences as negatives; its real hits are sampled from the other.
 */
export function realHalf(corpus: readonly CorpusRow[], labelledIds: ReadonlySet<string>): { training: CorpusRow[]; measuring: CorpusRow[] } {
  const real = shuffle(corpus.filter((r) => r.source !== 'bitext-generated' && !labelledIds.has(r.id)), seedFor(20261205, 'real'));
  const half = Math.floor(real.length / 2);
  return { training: real.slice(0, half), measuring: real.slice(half) };
}

/** The polite control replies split in two by seed: the model trains on one half, the control rate is also reported on the other. */
export function controlHalf(corpus: readonly CorpusRow[]): { training: CorpusRow[]; measuring: CorpusRow[] } {
  const control = shuffle(corpus.filter((r) => r.source === 'bitext-generated'), seedFor(20261205, 'control'));
  const half = Math.floor(control.length / 2);
  return { training: control.slice(0, half), measuring: control.slice(half) };
}

/**
 * Real agent sentences the model once took for weak, judged by hand against content.md §1: the
 * category of the sentence starting at `start` in reply `id` ("none": not weak), keyed "id start".
 * Offsets only: corpus text is never copied into the project.
 */
export function readJudged(): Map<string, string> {
  const judged = new Map<string, string>();
  for (const line of readFileSync(JUDGED_FILE, 'utf8').split('\n').filter(Boolean)) {
    const row = JSON.parse(line) as { id: string; start: number; category: string };
    judged.set(`${row.id} ${row.start}`, row.category);
  }
  return judged;
}
