/** Shared by the rewrites eval and the unit suite: apply a finding's first rewrite, and list mechanical defects at its joins. */
import { applyFindingRewrite, rewriteSpan, type Finding } from '../../lib/engine';

export function applyFirstRewrite(text: string, f: Finding): string {
  return applyFindingRewrite(text, f, 0);
}

/** Defects around the replaced text: lower-case sentence start, "can not", a doubled word or punctuation, glued words. */
export function joinDefects(text: string, f: Finding): string[] {
  const orig = rewriteSpan(f);
  const { start } = orig;
  const rewrite = f.rewrites[0];
  const after = applyFirstRewrite(text, f);
  const end = start + rewrite.length;
  // The replaced text with a little context either side.
  const from = Math.max(0, start - 30);
  const region = after.slice(from, Math.min(after.length, end + 30));
  const out: string[] = [];
  if (/\bcan not\b/i.test(rewrite)) out.push('"can not"');
  const before = after.slice(0, start);
  if ((/(^|[.!?]\s+|\n\s*)$/.test(before) || before.trim() === '') && /^\p{Ll}/u.test(rewrite) && !/^[a-z]+\.[a-z]/.test(rewrite)) out.push('lower-case sentence start');
  const words = region.toLowerCase().match(/[\p{L}']+/gu) ?? [];
  const doubled = /\b([\p{L}']+)\s+\1\b/iu.exec(after.slice(Math.max(0, start - 20), Math.min(after.length, end + 20)));
  if (doubled && !/^(that|had|very|so|bye|no|ha|really|is)$/i.test(doubled[1]) && !/\b([\p{L}']+)\s+\1\b/iu.test(text)) out.push(`doubled word "${doubled[1]}"`);
  if (words.length && /([,;:.!?])\s*\1|[,;:]\s*[.!?]|\s[,;:.](?!\d)/.test(after.slice(Math.max(0, start - 2), Math.min(after.length, end + 2))) && !/([,;:.!?])\s*\1|[,;:]\s*[.!?]|\s[,;:.]/.test(text.slice(Math.max(0, start - 2), Math.min(text.length, rewriteSpan(f).end + 2)))) out.push('doubled or stray punctuation');
  if ((start > 0 && /[\p{L}\p{N}]/u.test(after[start - 1]) && /^[\p{L}\p{N}]/u.test(rewrite)) || (/[\p{L}\p{N}]$/u.test(rewrite) && /^[\p{L}\p{N}]/u.test(after.slice(end)))) {
    // Only a defect when the original had a boundary there.
    if (!(start > 0 && /[\p{L}\p{N}]/u.test(text[start - 1]) && /[\p{L}\p{N}]/u.test(text[orig.start] ?? '')) && !(/[\p{L}\p{N}]/u.test(text[orig.end - 1] ?? '') && /[\p{L}\p{N}]/u.test(text[orig.end] ?? ''))) out.push('glued words');
  }
  if (ARTICLE_MISMATCH.test(after.slice(Math.max(0, start - 4), end + 12)) && !ARTICLE_MISMATCH.test(text.slice(Math.max(0, orig.start - 4), orig.end + 12))) out.push('"a"/"an" does not fit the next word');
  const around = after.slice(Math.max(0, start - 24), Math.min(after.length, end + 24));
  if (SUBJECT_TWICE.test(around) && !SUBJECT_TWICE.test(text)) out.push('a subject and verb said twice');
  if (VERB_WITHOUT_SUBJECT.test(around) && !VERB_WITHOUT_SUBJECT.test(text)) out.push('a verb left without its subject');
  if (ORDER_WORD_BEFORE_CLAUSE.test(around) && !ORDER_WORD_BEFORE_CLAUSE.test(text)) out.push('"please" or "just" left before a new clause');
  return out;
}

/** "You have we're sorry", "We're genuinely we're sorry", "I am terribly I am sorry": the draft's subject, then the rewrite's. */
const SUBJECT_TWICE = /\b(?:you\s+have|you['’]ve|we['’]re|we\s+are|I['’]m|I\s+am|were)\s+(?:\p{L}+ly\s+)?(?:we['’]re|I['’]m|we\s+are|I\s+am)\b/iu;
/** "sorry about the trouble are experiencing": the rewrite took the subject of the draft's next verb. */
const VERB_WITHOUT_SUBJECT = /\b(?:trouble|inconvenience|disappointment|frustration|confusion)\s+(?:are|is|be|been|were)\s+\p{L}+ing\b/iu;

/** "Please I can hear how frustrating…": the order's "please" or "just" stayed when the order was replaced. */
const ORDER_WORD_BEFORE_CLAUSE = /\b(?:please|just|kindly),?\s+(?:I|we)(?:['’](?:m|re|ve|ll|d))?\s+(?!two\b|three\b|all\b|both\b)/iu;

/** "an broken", "a other": the article does not fit the word after it (a silent h, "one" and "eu-" aside). */
const ARTICLE_MISMATCH = /\b(?:an\s+(?!h(?:our|onest|onou?r|eir))[b-df-hj-np-tv-z]|a\s+(?!eu|one|once)[aeio])/i;
