/** Words for numbers the panel shows: the customer's mood and how it moves. Pure. */
import type { Trajectory } from '../ticket';

/** A sentiment score in [-1, 1] as an agent would say it. */
export function moodOf(score: number): string {
  if (score <= -0.5) return 'very upset';
  if (score < -0.1) return 'upset';
  if (score <= 0.1) return 'neutral';
  if (score < 0.5) return 'positive';
  return 'pleased';
}

export function trendText(trend: Trajectory['trend']): string {
  return { rising: 'getting calmer', falling: 'getting more frustrated', flat: 'about the same', unknown: 'not enough messages yet' }[trend];
}
