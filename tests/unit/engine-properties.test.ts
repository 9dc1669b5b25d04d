/**
 * Property-based tests: drafts mixing the built-in rules' own flag examples
 * with filler, emoji, CRLF, non-breaking spaces, zero-width characters and
 * right-to-left text. Phrases come from the pack, so the tests follow it as it grows.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createLinter, builtinPack, rewriteSpan, type Finding } from '../../lib/engine';

const linter = createLinter();
const rules = builtinPack().pack.rules;
const contextFree = new Set(rules.filter((r) => !r.except && !r['followed-by'] && !r['preceded-by']).map((r) => r.id));
const weak = rules.flatMap((r) => r.examples.flag);

// With the soft hyphen, which shows only where a line breaks.
const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad'];
const BIDI = ['\u200e', '\u200f', '\u202b', '\u202c', '\u2067', '\u2069'];
const filler = fc.constantFrom(
  'Thanks for the screenshots.',
  'The parcel left the depot on Monday',
  'Order 48213 is ready',
  'Hi Sam,',
  'Best,\nAlex',
  'مرحبا، شكرا لك',
  'שלום וברכה',
  '😀',
  '👍🏽',
  '👨‍👩‍👧',
  '\r\n',
  '\n\n',
  '\u00a0',
  '...',
  '—',
);
/** Insert an invisible character at a random position of `s`, often next to a hyphen ("port-\u200bin"). */
const withInvisible = (s: string) => {
  const hyphens = [...s.matchAll(/-/g)].flatMap((m) => [m.index, m.index + 1]);
  const at = hyphens.length ? fc.oneof(fc.constantFrom(...hyphens), fc.nat({ max: s.length })) : fc.nat({ max: s.length });
  return fc.tuple(fc.constantFrom(...ZERO_WIDTH, ...BIDI), at).map(([c, i]) => s.slice(0, i) + c + s.slice(i));
};
const piece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...weak) },
  { weight: 1, arbitrary: fc.constantFrom(...weak).chain(withInvisible) },
  { weight: 3, arbitrary: filler },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom(...ZERO_WIDTH, ...BIDI) },
);
const separator = fc.constantFrom(' ', ' ', '\r\n', '\n', '\u00a0', '  ', '\u200b ', ' \u202b');
const draft = fc.array(fc.tuple(piece, separator), { minLength: 1, maxLength: 14 }).map((parts) => parts.map(([p, s]) => p + s).join(''));

function expectWellFormed(text: string, findings: Finding[]): void {
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    expect(f.start).toBeGreaterThanOrEqual(0);
    expect(f.end).toBeLessThanOrEqual(text.length);
    expect(f.end).toBeGreaterThan(f.start);
    if (i > 0) expect(f.start).toBeGreaterThanOrEqual(findings[i - 1].end);
    const slice = text.slice(f.start, f.end);
    expect(slice).toMatch(/^\S/);
    expect(slice).toMatch(/\S$/);
  }
}

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}'’ʼ`]/u.test(c);
/** What may follow a cut inside a word: the tokenizer splits contractions (ca|n't, do|nt, that|'s, I|m). */
const CONTRACTION_TAIL = /^(?:n['’ʼ`]?t|['’ʼ`]|(?:m|s|re|ve|ll|d)(?![\p{L}\p{N}]))/iu;
const cutsContraction = (text: string, at: number) => isWordChar(text[at - 1]) && CONTRACTION_TAIL.test(text.slice(at));

const INVISIBLE = new RegExp(`[${ZERO_WIDTH.join('')}${BIDI.join('')}]`, 'u');
/** `text` without invisible characters, and for each offset of `text` the matching offset in it. */
function stripInvisible(text: string): { visible: string; map: number[] } {
  let visible = '';
  const map: number[] = [];
  for (const c of text) {
    for (let i = 0; i < c.length; i++) map.push(visible.length + (INVISIBLE.test(c) ? 0 : i));
    if (!INVISIBLE.test(c)) visible += c;
  }
  map.push(visible.length);
  return { visible, map };
}

describe('lint properties', () => {
  it('findings are in bounds, sorted, disjoint and never start or end on a space', () => {
    fc.assert(
      fc.property(draft, fc.option(fc.double({ min: -1, max: 1, noNaN: true })), (text, sentiment) => {
        expectWellFormed(text, linter.lint(text, sentiment === null ? undefined : { customerSentiment: sentiment }));
      }),
      { numRuns: 300 },
    );
  });

  // Two rules of a category may match the same words, and the context decides which one reports them ("I'm not permitted to
  // go outside policy" is policy-alone alone, rulebook-verdict before "on this"): the slice must give the same phrase, as
  // the same rule or another of its category.
  it('offsets point at the reported phrase: re-linting the slice alone finds the same rule, or one of its category on the whole slice', () => {
    fc.assert(
      fc.property(draft, (text) => {
        for (const f of linter.lint(text)) {
          if (!contextFree.has(f.ruleId) || cutsContraction(text, f.start) || cutsContraction(text, f.end)) continue;
          const slice = text.slice(f.start, f.end);
          const again = linter.lint(slice);
          const samePhrase = again.some((g) => g.ruleId === f.ruleId || (g.category === f.category && g.start === 0 && g.end === slice.length));
          expect(samePhrase, `${f.ruleId}: "${slice}" in ${JSON.stringify(text)} gave ${again.map((g) => g.ruleId).join(', ')}`).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('invisible characters change no phrase finding or rewrite, only shift offsets around them', () => {
    fc.assert(
      fc.property(draft, (text) => {
        const { visible, map } = stripInvisible(text);
        const phrase = (t: string) => linter.lint(t).filter((f) => f.category !== 'draft');
        const shown = (f: Finding, at: (offset: number) => number) => {
          const span = rewriteSpan(f);
          return `${f.ruleId}@${at(f.start)}-${at(f.end)} replacing ${at(span.start)}-${at(span.end)} by ${JSON.stringify(f.rewrites)}`;
        };
        expect(phrase(text).map((f) => shown(f, (offset) => map[offset]))).toEqual(phrase(visible).map((f) => shown(f, (offset) => offset)));
      }),
      { numRuns: 300 },
    );
  });

  it('the span a rewrite replaces always holds the underlined phrase (it may be wider: a clause or sentence slot)', () => {
    fc.assert(
      fc.property(draft, (text) => {
        for (const f of linter.lint(text)) {
          const { start, end } = rewriteSpan(f);
          expect(start <= f.start && f.end <= end && end <= text.length).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a prefix of emoji, CRLF, NBSP and invisible characters shifts phrase findings by exactly its length', () => {
    const prefix = fc.array(fc.constantFrom('😀', '👍🏽', '\r\n', '\u00a0', ...ZERO_WIDTH, ...BIDI, 'שלום'), { maxLength: 6 }).map((p) => `${p.join('')}\r\n`);
    fc.assert(
      fc.property(prefix, draft, (pre, text) => {
        const phrase = (t: string) => linter.lint(t).filter((f) => f.category !== 'draft');
        const shifted = phrase(text).map((f) => ({
          ...f,
          start: f.start + pre.length,
          end: f.end + pre.length,
          ...(f.replace ? { replace: { start: f.replace.start + pre.length, end: f.replace.end + pre.length } } : {}),
        }));
        expect(phrase(pre + text)).toEqual(shifted);
      }),
      { numRuns: 200 },
    );
  });

  it('every rule flags each of its own examples when surrounded by filler', () => {
    // Deterministic sweep complementing the random drafts.
    for (const rule of rules) {
      for (const example of rule.examples.flag) {
        const text = `😀 Thanks for waiting.\r\n${example}\u00a0\u200b\r\nBest,\nAlex`;
        const hits = linter.lint(text, rule.when ? { customerSentiment: -0.8 } : undefined).filter((f) => f.ruleId === rule.id);
        expect(hits, `${rule.id}: ${example}`).toHaveLength(1);
        expect(text.slice(hits[0].start, hits[0].end).length).toBeGreaterThan(0);
      }
    }
  });
});
