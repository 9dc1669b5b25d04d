/**
 * Sentence ranges of a draft: split at end punctuation followed by space, and at line breaks.
 * A single forward scan, so any input — 100,000 dots, say — takes linear time.
 * A "sentence" longer than MAX_SENTENCE_CHARS (pasted logs, a run of symbols) is cut into pieces at a
 * space where there is one, so a keystroke re-checks one piece and not the whole run.
 */
export interface Range {
  start: number;
  end: number;
}

export const MAX_SENTENCE_CHARS = 2_000;
/** Line breaks and end punctuation (see mayEnd). */
const MAY_END = /[\n\r.!?\u2026]/g;
/** How far back from MAX_SENTENCE_CHARS a cut looks for a space. */
const CUT_SEARCH = 200;

export function splitSentences(text: string, limit = text.length): Range[] {
  const out: Range[] = [];
  const length = Math.min(limit, text.length);
  let start = 0;
  let i = 0;
  while (i < length) {
    let c = text.charCodeAt(i);
    if (!mayEnd(c)) {
      i = nextMayEnd(text, i + 1, length);
      if (i === length) break;
      c = text.charCodeAt(i);
    }
    if (c === 10 || c === 13) {
      const end = c === 13 && i + 1 < length && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
      pushTrimmed(text, start, end, out);
      start = i = end;
    } else {
      // The whole run of end punctuation, then closing quotes, brackets and invisible characters.
      let j = i + 1;
      while (j < length && isEndPunctuation(text.charCodeAt(j))) j++;
      while (j < length && isCloser(text.charCodeAt(j))) j++;
      if (j === length || (isSpace(text.charCodeAt(j)) && !isNumberAbbreviation(text, i, j)) || isUnspacedSentenceEnd(text, i, j)) {
        pushTrimmed(text, start, j, out);
        start = j;
      }
      // Either way nothing inside the run can end a sentence ("v1...x", "?!)x"), so scanning resumes after it.
      i = j;
    }
  }
  pushTrimmed(text, start, length, out);
  return out;
}

/**
 * Whether the end punctuation text[from, to) ends a sentence though no space follows it, as agents typing fast
 * write ("Sorry for the trouble caused.As checked, …"): a word of two or more lower-case letters before it, and a
 * capital then a lower-case letter after it. Domains ("Booking.com"), "e.g." and codes ("U.S.A") stay whole.
 */
export function isUnspacedSentenceEnd(text: string, from: number, to: number): boolean {
  return isLower(text.charCodeAt(from - 1)) && isLower(text.charCodeAt(from - 2)) && isUpper(text.charCodeAt(to)) && isLower(text.charCodeAt(to + 1));
}

/** A period ending an abbreviation that a number follows ("p. 14", "No. 5", "Ref. 88213"): no sentence end. */
const NUMBER_ABBREVIATION = /(?:^|[^\p{L}\p{N}])(?:p|pp|no|nos|vol|sec|ch|para|art|fig|ref|approx|tel|ext)$/iu;
function isNumberAbbreviation(text: string, from: number, to: number): boolean {
  return to === from + 1 && text.charCodeAt(from) === 46 && /^\s\d/.test(text.slice(to, to + 2)) && NUMBER_ABBREVIATION.test(text.slice(Math.max(0, from - 8), from));
}

const isLower = (c: number) => c >= 97 && c <= 122;
const isUpper = (c: number) => c >= 65 && c <= 90;

/** Line breaks and end punctuation: where a sentence may end. */
function mayEnd(c: number): boolean {
  return c === 10 || c === 13 || isEndPunctuation(c);
}

/** Index of the first character in text[from, length) where a sentence may end, or `length`. */
function nextMayEnd(text: string, from: number, length: number): number {
  // A few characters one by one (gaps are short in "1.1.1"), then an expression, which scans a long gap faster.
  const near = Math.min(length, from + 8);
  for (let i = from; i < near; i++) if (mayEnd(text.charCodeAt(i))) return i;
  if (near === length) return length;
  MAY_END.lastIndex = near;
  return MAY_END.test(text) ? Math.min(MAY_END.lastIndex - 1, length) : length;
}

/** . ! ? … */
function isEndPunctuation(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 0x2026;
}

/** Closing quotes and brackets, and invisible characters (soft hyphen, zero-width, bidi marks) that may follow end punctuation. */
function isCloser(c: number): boolean {
  return (
    c === 34 || c === 39 || c === 0x201d || c === 0x2019 || c === 41 || c === 93 || c === 0xad ||
    (c >= 0x200b && c <= 0x200f) || (c >= 0x2060 && c <= 0x2064) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
  );
}

function pushTrimmed(text: string, start: number, end: number, out: Range[]): void {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  while (end - start > MAX_SENTENCE_CHARS) {
    const cut = cutBefore(text, start + MAX_SENTENCE_CHARS);
    let pieceEnd = cut;
    while (pieceEnd > start && isSpace(text.charCodeAt(pieceEnd - 1))) pieceEnd--;
    if (pieceEnd > start) out.push({ start, end: pieceEnd });
    start = cut;
    while (start < end && isSpace(text.charCodeAt(start))) start++;
  }
  if (end > start) out.push({ start, end });
}

/** Where to cut an over-long sentence at or before `at`: after the last space within CUT_SEARCH, else at `at` (never inside a surrogate pair). */
function cutBefore(text: string, at: number): number {
  for (let i = at; i > at - CUT_SEARCH; i--) if (isSpace(text.charCodeAt(i - 1))) return i;
  const c = text.charCodeAt(at - 1);
  return c >= 0xd800 && c <= 0xdbff ? at - 1 : at;
}

/** Same as /\s/ (JavaScript white space and line terminators), without a regex per character. */
function isSpace(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
