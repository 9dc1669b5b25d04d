/** What an underline layer draws: one mark per finding, by text offsets. */
import type { Severity } from '../engine/types';

export interface Mark {
  start: number;
  end: number;
  severity: Severity;
}

export interface UnderlineLayer {
  /** Replace all marks (offsets into the draft text that was just read), sorted by start. */
  render(marks: readonly Mark[]): void;
  /** Emphasise one mark (the one whose card is open), or none. */
  setActive(index: number | null): void;
  /** Screen boxes of a mark, for hit-testing clicks and placing the card. */
  rectsOf(index: number): DOMRect[];
  destroy(): void;
}

/** Index of the mark under a viewport point, if any. */
export function markAt(layer: UnderlineLayer, count: number, x: number, y: number): number | null {
  for (let i = 0; i < count; i++) {
    for (const r of layer.rectsOf(i)) {
      if (x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1) return i;
    }
  }
  return null;
}
