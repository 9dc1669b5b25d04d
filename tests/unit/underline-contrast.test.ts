/**
 * Underlines must stay legible where agents write: WCAG 2.1 non-text contrast
 * (1.4.11, at least 3:1) of each severity's underline colour against white and
 * the dark themes helpdesks offer; the badge's count (small bold white text)
 * needs text contrast (1.4.3, at least 4.5:1) on its fill.
 */
import { describe, expect, test } from 'vitest';
import { UNDERLINE } from '../../lib/editor/underline-style';
import { badgeText, worstOf } from '../../components/ComposerBadge';
import { SEVERITY_FILL } from '../../components/severity';
import { SEVERITIES } from '../../lib/engine/types';

/** Composer backgrounds: light themes, and the dark themes of helpdesks and mail clients. */
const BACKGROUNDS: Record<string, string> = {
  white: '#ffffff',
  'light grey (Freshdesk, Gmail)': '#f8f9fa',
  'neutral dark (#1f1f1f)': '#1f1f1f',
  'Zendesk dark': '#22262b',
  'Intercom dark': '#17191c',
  'Material dark': '#121212',
  'lighter dark surface': '#2b2d31',
};

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

test('the contrast formula matches WCAG reference values', () => {
  expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
  expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
});

describe.each(SEVERITIES)('%s underline', (severity) => {
  test.each(Object.entries(BACKGROUNDS))('has at least 3:1 contrast on %s', (_, background) => {
    expect(contrastRatio(UNDERLINE[severity].colour, background)).toBeGreaterThanOrEqual(3);
  });
});

test('each severity has its own line style, and no underline is a hairline', () => {
  expect(new Set(SEVERITIES.map((s) => UNDERLINE[s].line)).size).toBe(SEVERITIES.length);
  expect(SEVERITIES.map((s) => UNDERLINE[s].line)).not.toContain('solid'); // a solid line reads as a link
  for (const s of SEVERITIES) expect(UNDERLINE[s].thickness).toBeGreaterThanOrEqual(2);
});

test('the badge count is readable on each severity fill', () => {
  for (const s of SEVERITIES) expect(contrastRatio('#ffffff', SEVERITY_FILL[s])).toBeGreaterThanOrEqual(4.5);
});

test('the badge names the total and the serious findings in words', () => {
  expect(badgeText({ problem: 1, warning: 0, suggestion: 2 })).toBe('3 suggestions: 1 problem');
  expect(badgeText({ problem: 2, warning: 1, suggestion: 0 })).toBe('3 suggestions: 2 problems, 1 warning');
  expect(badgeText({ problem: 0, warning: 0, suggestion: 1 })).toBe('1 suggestion, nothing serious');
  expect(worstOf({ problem: 0, warning: 1, suggestion: 4 })).toBe('warning');
});
