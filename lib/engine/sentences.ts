/** Sentence ranges of a draft: split at end punctuation followed by space, and at line breaks. */
export interface Range {
  start: number;
  end: number;
}

// End punctuation, closing quotes/brackets and invisible characters (zero-width, bidi marks), then a space.
const BOUNDARY = /[.!?…]+["'”’)\]\u00AD\u200B-\u200F\u2060-\u2064\u202A-\u202E\u2066-\u2069]*(?=\s|$)|\r?\n|\r/g;

export function splitSentences(text: string, limit = text.length): Range[] {
  const out: Range[] = [];
  let start = 0;
  BOUNDARY.lastIndex = 0;
  const source = limit < text.length ? text.slice(0, limit) : text;
  let m: RegExpExecArray | null;
  while ((m = BOUNDARY.exec(source)) !== null) {
    const end = m.index + m[0].length;
    pushTrimmed(source, start, end, out);
    start = end;
  }
  pushTrimmed(source, start, source.length, out);
  return out;
}

function pushTrimmed(text: string, start: number, end: number, out: Range[]): void {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  if (end > start) out.push({ start, end });
}

/** Paragraph ranges: split at blank lines. */
export function splitParagraphs(text: string): Range[] {
  const out: Range[] = [];
  const re = /\n[ \t\u00a0]*\n/g;
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    pushTrimmed(text, start, m.index, out);
    start = m.index + m[0].length;
  }
  pushTrimmed(text, start, text.length, out);
  return out;
}
