/**
 * How each severity's underline is drawn, shared by the Highlight API layer and
 * the textarea mirror. Line styles differ (wavy, dashed, dotted) so they tell
 * apart without colour; the colours keep WCAG non-text contrast (3:1) on white
 * and on the helpdesks' dark themes alike, so no per-theme switch is needed
 * (tests/unit/underline-contrast.test.ts checks them).
 */
import type { Severity } from '../engine/types';

export interface UnderlineStyle {
  colour: string;
  line: 'wavy' | 'dashed' | 'dotted';
  /** px; the dotted line is thicker so its dots read as a line, not as dust. */
  thickness: number;
}

export const UNDERLINE: Record<Severity, UnderlineStyle> = {
  problem: { colour: '#e03a2f', line: 'wavy', thickness: 2 },
  warning: { colour: '#c26401', line: 'dashed', thickness: 2 },
  suggestion: { colour: '#2b7de9', line: 'dotted', thickness: 3 },
};

/** CSS declarations for one severity's underline. */
export const underlineCss = (severity: Severity): string => {
  const { colour, line, thickness } = UNDERLINE[severity];
  return `text-decoration: underline ${line} ${colour}; text-decoration-thickness: ${thickness}px; text-underline-offset: 3px;`;
};
