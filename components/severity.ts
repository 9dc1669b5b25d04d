/** One colour per severity for every label Steady draws (badge, card, preview): white text on each is ≥ 4.5:1 (tested). */
import type { Severity } from '../lib/engine/types';

export const SEVERITY_FILL: Record<Severity, string> = { problem: '#c5221f', warning: '#b45309', suggestion: '#1a6bd6' };

/** Backgrounds of `.severity.<severity>` labels. */
export const SEVERITY_LABEL_CSS = Object.entries(SEVERITY_FILL)
  .map(([severity, fill]) => `.severity.${severity} { background: ${fill}; }`)
  .join('\n');
