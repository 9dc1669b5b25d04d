/** The Stats tab's charts from the coaching figures: readable weeks, rule names, zero bars kept. Pure. */
import type { CoachingFigures, Counts } from '../store/stats';
import { isoWeek } from '../store/db';

export interface Bar {
  label: string;
  value: number;
}

const DAY = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The Monday (UTC) of an ISO week "2026-W49". */
function mondayOf(week: string): number | null {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!match) return null;
  const jan4 = Date.UTC(Number(match[1]), 0, 4);
  const firstMonday = jan4 - (((new Date(jan4).getUTCDay() || 7) - 1) * DAY);
  return firstMonday + (Number(match[2]) - 1) * 7 * DAY;
}

/** "2026-W49" → "Nov 30 – Dec 6" (month named once when the week stays in it: "Dec 7 – 13"). */
export function weekLabel(week: string): string {
  const monday = mondayOf(week);
  if (monday === null) return week;
  const start = new Date(monday);
  const end = new Date(monday + 6 * DAY);
  const from = `${MONTHS[start.getUTCMonth()]} ${start.getUTCDate()}`;
  const to = end.getUTCMonth() === start.getUTCMonth() ? String(end.getUTCDate()) : `${MONTHS[end.getUTCMonth()]} ${end.getUTCDate()}`;
  return `${from} – ${to}`;
}

/** The last `count` weeks up to the one containing `now`, oldest first, weeks without nudges as zero. */
export function weeklyNudges(byWeek: Readonly<Record<string, Counts>>, now: number, count = 6): Bar[] {
  const thisMonday = mondayOf(isoWeek(now))!;
  return Array.from({ length: count }, (_, i) => {
    const week = isoWeek(thisMonday + (i - count + 1) * 7 * DAY + DAY);
    return { label: weekLabel(week), value: byWeek[week]?.shown ?? 0 };
  });
}

/** Adoption per rule (most shown first), named for people. */
export function adoptionByRule(figures: CoachingFigures, nameOf: (ruleId: string) => string, limit = 8): Bar[] {
  return Object.entries(figures.byRule)
    .filter(([, c]) => c.shown > 0)
    .sort((a, b) => b[1].shown - a[1].shown)
    .slice(0, limit)
    .map(([ruleId, c]) => ({ label: nameOf(ruleId), value: c.adoption }));
}
