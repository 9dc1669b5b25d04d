/** UTF-16 offsets → 1-based line and column (column counted in UTF-16 units, like editors do). */
export interface Position {
  line: number;
  column: number;
}

/** Returns a lookup for one text; line starts are computed once, each lookup is a binary search. */
export function positionsIn(text: string): (offset: number) => Position {
  const starts = [0];
  for (const m of text.matchAll(/\r\n|\r|\n/g)) starts.push(m.index + m[0].length);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - starts[low] + 1 };
  };
}
