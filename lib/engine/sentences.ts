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
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  if (end > start) out.push({ start, end });
}

/** Same as /\s/ (JavaScript white space and line terminators), without a regex per character. */
function isSpace(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
