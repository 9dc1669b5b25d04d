/** Locating and reading ../shared/corpus (evaluation data; never copied into the project). */
import { existsSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// ../shared/corpus next to the checkout (or next to the folder of worktrees holding it).
export const CORPUS_DIR =
  process.env.STEADY_CORPUS ?? [join(here, '../../../shared/corpus'), join(here, '../../../../shared/corpus')].find((dir) => existsSync(dir)) ?? join(here, '../../../shared/corpus');

export interface CorpusRow {
  id: string;
  source: string;
  text: string;
}

/** Rows of a JSONL corpus file, or null (with a message) when the corpus is absent. */
export function readJsonl(name: string): CorpusRow[] | null {
  const path = join(CORPUS_DIR, name);
  if (!existsSync(path)) {
    console.log(`skipped: ${path} not found (set STEADY_CORPUS to the corpus folder to run this evaluation)`);
    return null;
  }
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as CorpusRow);
}

/** Deterministic sample of `n` items (same picks every run). */
export function sample<T>(items: readonly T[], n: number, seed = 7): T[] {
  if (items.length <= n) return [...items];
  let state = seed;
  const rand = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  const picked = new Set<number>();
  while (picked.size < n) picked.add(Math.floor(rand() * items.length));
  return [...picked].sort((a, b) => a - b).map((i) => items[i]);
}

/** A seeded shuffle (Fisher–Yates over mulberry32): the same order for the same seed, an unrelated one for another. */
export function shuffle<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const rand = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** A seed for one part of a sample (one rule's replies), so each part's order is independent of the others. */
export function seedFor(seed: number, part: string): number {
  let h = seed >>> 0;
  for (let i = 0; i < part.length; i++) h = Math.imul(h ^ part.charCodeAt(i), 16777619) >>> 0;
  return h;
}
