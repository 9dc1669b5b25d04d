import { describe, expect, it } from 'vitest';
import { weekLabel, weeklyNudges, adoptionByRule } from '../../lib/panel/figures';
import { summarise } from '../../lib/store/stats';
import { isoWeek } from '../../lib/store/db';

describe('stats for people', () => {
  it('names ISO weeks by their days', () => {
    expect(weekLabel('2026-W49')).toBe('Nov 30 – Dec 6');
    expect(weekLabel('2026-W50')).toBe('Dec 7 – 13');
    expect(weekLabel('2026-W01')).toBe('Dec 29 – Jan 4');
    expect(weekLabel('2027-W01')).toBe('Jan 4 – 10');
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
});
