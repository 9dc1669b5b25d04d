/**
 * A small pill on the composer's corner: how many suggestions are open and how
 * serious the worst one is, by colour and by shape (octagon for a problem,
 * triangle for a warning, circle for a suggestion), so it reads without colour too.
 */
import type { Severity } from '../lib/engine/types';
import { SEVERITY_FILL } from './severity';

export type SeverityCounts = Readonly<Record<Severity, number>>;

export interface ComposerBadgeProps {
  counts: SeverityCounts;
  onOpen(): void;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const totalOf = (counts: SeverityCounts) => counts.problem + counts.warning + counts.suggestion;

export const worstOf = (counts: SeverityCounts): Severity =>
  counts.problem > 0 ? 'problem' : counts.warning > 0 ? 'warning' : 'suggestion';

/** "3 suggestions: 1 problem, 1 warning", or "2 suggestions, nothing serious". */
export function badgeText(counts: SeverityCounts): string {
  const serious = [counts.problem && plural(counts.problem, 'problem'), counts.warning && plural(counts.warning, 'warning')].filter(Boolean);
  const total = plural(totalOf(counts), 'suggestion');
  return serious.length ? `${total}: ${serious.join(', ')}` : `${total}, nothing serious`;
}

/** The worst severity's sign, drawn in white on the badge's colour (no text inside, so the badge's text stays the count). */
function SeverityShape({ severity }: { severity: Severity }) {
  return (
    <svg class="shape" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      {severity === 'problem' && (
        <>
          <polygon points="5,1 11,1 15,5 15,11 11,15 5,15 1,11 1,5" fill="#fff" />
          <rect x="7" y="3.5" width="2" height="6.5" rx="0.6" class="mark" />
          <circle cx="8" cy="12.3" r="1.2" class="mark" />
        </>
      )}
      {severity === 'warning' && (
        <>
          <polygon points="8,0.8 15.6,14.8 0.4,14.8" fill="#fff" />
          <rect x="7" y="5.4" width="2" height="5.2" rx="0.6" class="mark" />
          <circle cx="8" cy="12.6" r="1.1" class="mark" />
        </>
      )}
      {severity === 'suggestion' && (
        <>
          <circle cx="8" cy="8" r="7.2" fill="#fff" />
          <circle cx="8" cy="4.7" r="1.2" class="mark" />
          <rect x="7" y="6.8" width="2" height="5.8" rx="0.6" class="mark" />
        </>
      )}
    </svg>
  );
}

export function ComposerBadge({ counts, onOpen }: ComposerBadgeProps) {
  const count = totalOf(counts);
  if (count === 0) return null;
  const severity = worstOf(counts);
  const text = badgeText(counts);
  return (
    <button type="button" class={`badge ${severity}`} data-severity={severity} aria-label={`Steady, ${text}. Open the first one`} title={text} onClick={onOpen}>
      <SeverityShape severity={severity} />
      <span class="count">{count}</span>
    </button>
  );
}

/** Badge fills under white text (WCAG AA for its small bold count). */

export const COMPOSER_BADGE_CSS = `
.badge { pointer-events: auto; display: inline-flex; align-items: center; gap: 4px; min-width: 22px; height: 22px; padding: 0 7px 0 5px;
  border-radius: 11px; border: none; cursor: pointer; color: #fff; font: 600 12px/22px system-ui, -apple-system, "Segoe UI", sans-serif;
  box-shadow: 0 1px 3px rgba(0,0,0,.3); }
.badge .shape { flex: none; display: block; }
${Object.entries(SEVERITY_FILL).map(([severity, fill]) => `.badge.${severity} { background: ${fill}; } .badge.${severity} .mark { fill: ${fill}; }`).join('\n')}
.badge:focus-visible { outline: 2px solid #1a73e8; outline-offset: 2px; }
`;
