import { describe, expect, it } from 'vitest';
import { computeTrajectory } from '../../lib/analysis';

const points = (...scores: number[]) => scores.map((score, i) => ({ messageId: `m${i}`, score }));

describe('sentiment trajectory', () => {
  it('is unknown without at least two customer messages', () => {
    expect(computeTrajectory([])).toEqual({ points: [], start: null, now: null, trend: 'unknown' });
    expect(computeTrajectory(points(-0.5)).trend).toBe('unknown');
  });

  it('rises when the customer calms down and falls when they get angrier', () => {
    expect(computeTrajectory(points(-0.8, -0.6, -0.2, 0.1, 0.4, 0.6)).trend).toBe('rising');
    expect(computeTrajectory(points(0.2, 0, -0.3, -0.5, -0.7, -0.9)).trend).toBe('falling');
    expect(computeTrajectory(points(-0.2, 0.5)).trend).toBe('rising');
  });

  it('reports start and now as the means of the first and last third', () => {
    const t = computeTrajectory(points(-0.8, -0.6, 0, 0, 0.4, 0.6));
    expect(t.start).toBeCloseTo(-0.7);
    expect(t.now).toBeCloseTo(0.5);
    expect(t.points.map((p) => p.messageId)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5']);
  });

  it('is flat when one odd message sits in an otherwise steady conversation', () => {
    expect(computeTrajectory(points(-0.6, -0.5, 0.7, -0.6, -0.55, -0.5)).trend).toBe('flat');
    expect(computeTrajectory(points(0.1, 0.05, 0.1, 0.12)).trend).toBe('flat');
  });

  it('turns at a change of exactly 0.15 between the first and last third, and not below it', () => {
    expect(computeTrajectory(points(0, 0.15)).trend).toBe('rising');
    expect(computeTrajectory(points(0.15, 0)).trend).toBe('falling');
    expect(computeTrajectory(points(0, 0.14)).trend).toBe('flat');
    expect(computeTrajectory(points(0.14, 0)).trend).toBe('flat');
  });

  it('compares single messages while there are fewer than six, and rounds start and now to three places', () => {
    // Five messages: a third rounds down to one, so the last message alone is "now".
    const five = computeTrajectory(points(-0.9, 0.9, 0.9, 0.9, -0.1));
    expect([five.start, five.now, five.trend]).toEqual([-0.9, -0.1, 'rising']);
    const nine = computeTrajectory(points(0.1, 0.2, 0.3, 0, 0, 0, 0.1, 0.1, 0.2));
    expect([nine.start, nine.now, nine.trend]).toEqual([0.2, 0.133, 'flat']);
  });
});
