/** Timing helpers for benchmarks: medians and percentiles over repeated runs. */
import { performance } from 'node:perf_hooks';

export function timeRuns(fn: () => void, runs: number, warmup = Math.min(20, runs)): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return times;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const median = (values: readonly number[]) => percentile(values, 50);

export function row(label: string, ms: number, target?: string, baselineMs?: number, note?: string): string {
  const ratio = baselineMs ? `  ${(baselineMs / ms).toFixed(1)}x faster than baseline` : '';
  return `${label.padEnd(48)} ${ms.toFixed(3).padStart(9)} ms${target ? `  (target ${target})` : ''}${ratio}${note ? `  [${note}]` : ''}`;
}
