import { describe, expect, it } from 'vitest';
import { weekLabel, weeklyNudges, adoptionByRule } from '../../lib/panel/figures';
import { summarise } from '../../lib/store/stats';
import { isoWeek } from '../../lib/store/db';
import { moodOf, trendText } from '../../lib/panel/words';

describe('stats for people', () => {
  it('names ISO weeks by their days', () => {
    expect(weekLabel('2026-W49')).toBe('Nov 30 – Dec 6');
    expect(weekLabel('2026-W50')).toBe('Dec 7 – 13');
    expect(weekLabel('2026-W01')).toBe('Dec 29 – Jan 4');
    expect(weekLabel('2027-W01')).toBe('Jan 4 – 10');
  });

  it('shows a week it cannot read as it is stored, not as a made-up date', () => {
    for (const odd of ['2026-W4', 'x2026-W49', '2026-W49x', '2026-49', '']) expect(weekLabel(odd)).toBe(odd);
  });

  it('lists the recent weeks, oldest first, keeping weeks without nudges as zero', () => {
    const now = Date.UTC(2026, 11, 2, 12);
    const weeks = weeklyNudges({ [isoWeek(now)]: { shown: 4, accepted: 1, ignored: 0, adoption: 0.25 } }, now, 3);
    expect(weeks).toEqual([
      { label: 'Nov 16 – 22', value: 0 },
      { label: 'Nov 23 – 29', value: 0 },
      { label: 'Nov 30 – Dec 6', value: 4 },
    ]);
  });

  it('labels adoption by the rule name', () => {
    const at = Date.UTC(2026, 11, 2);
    const figures = summarise([
      { ruleId: 'calm-down', kind: 'shown', phrase: 'Calm down', at, week: isoWeek(at) },
      { ruleId: 'calm-down', kind: 'accepted', phrase: '', at, week: isoWeek(at) },
    ], []);
    expect(adoptionByRule(figures, (id) => `name of ${id}`)).toEqual([{ label: 'name of calm-down', value: 1 }]);
  });

  it('ranks rules by how often they were shown, keeps the top ones, and leaves out rules never shown', () => {
    const counts = (shown: number, accepted: number) => ({ shown, accepted, ignored: 0, adoption: shown ? accepted / shown : 0 });
    const figures = { ...summarise([], []), byRule: { a: counts(2, 1), b: counts(9, 3), c: counts(0, 0), d: counts(5, 5), e: counts(1, 0) } };
    expect(adoptionByRule(figures, (id) => id.toUpperCase(), 3)).toEqual([
      { label: 'B', value: 1 / 3 },
      { label: 'D', value: 1 },
      { label: 'A', value: 0.5 },
    ]);
    expect(adoptionByRule(figures, (id) => id).map((bar) => bar.label)).toEqual(['b', 'd', 'a', 'e']);
  });
});

describe('the customer\'s mood in words', () => {
  it('names each band of the score, with its edges where an agent would put them', () => {
    const said = [-1, -0.5, -0.49, -0.11, -0.1, 0, 0.1, 0.11, 0.49, 0.5, 1].map(moodOf);
    expect(said).toEqual(['very upset', 'very upset', 'upset', 'upset', 'neutral', 'neutral', 'neutral', 'positive', 'positive', 'pleased', 'pleased']);
  });

  it('says how the mood moves', () => {
    expect((['rising', 'falling', 'flat', 'unknown'] as const).map(trendText)).toEqual(['getting calmer', 'getting more frustrated', 'about the same', 'not enough messages yet']);
  });
});
