/**
 * Sentiment trajectory across the customer's messages. Start and now are
 * means over the first and last third, so one odd message does not flip the
 * trend.
 */
import type { Trajectory } from '../ticket';

/** A change smaller than this between the first and last third reads as flat. */
export const TREND_THRESHOLD = 0.15;

export function computeTrajectory(points: readonly { messageId: string; score: number }[]): Trajectory {
  if (points.length === 0) return { points: [], start: null, now: null, trend: 'unknown' };
  const window = Math.max(1, Math.floor(points.length / 3));
  const start = mean(points.slice(0, window));
  const now = mean(points.slice(-window));
  const change = now - start;
  const trend = points.length < 2 ? 'unknown' : change >= TREND_THRESHOLD ? 'rising' : change <= -TREND_THRESHOLD ? 'falling' : 'flat';
  return { points: [...points], start: round(start), now: round(now), trend };
}

function mean(points: readonly { score: number }[]): number {
  let sum = 0;
  for (const p of points) sum += p.score;
  return sum / points.length;
}

const round = (n: number) => Math.round(n * 1000) / 1000;
