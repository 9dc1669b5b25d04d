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

interface Halves {
  training: CorpusRow[];
  measuring: CorpusRow[];
}

/** `rows` in a seeded order, cut in two: the model trains on the first half, the second is kept for measuring it. */
function halves(rows: readonly CorpusRow[], part: string): Halves {
  const shuffled = shuffle(rows, seedFor(20261205, part));
  const half = Math.floor(shuffled.length / 2);
  return { training: shuffled.slice(0, half), measuring: shuffled.slice(half) };
}

/** The real agent replies in halves, leaving out the hand-labelled ones (the model's real hits are sampled from the measuring half). */
export function realHalf(corpus: readonly CorpusRow[], labelledIds: ReadonlySet<string>): Halves {
  return halves(corpus.filter((r) => r.source !== 'bitext-generated' && !labelledIds.has(r.id)), 'real');
}

/** The polite control replies in halves. */
export function controlHalf(corpus: readonly CorpusRow[]): Halves {
  return halves(corpus.filter((r) => r.source === 'bitext-generated'), 'control');
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
