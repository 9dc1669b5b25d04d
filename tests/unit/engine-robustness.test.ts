/**
 * Hostile inputs return in bounded time with sane findings. The time limit is
 * generous (shared, loaded CI machines): it catches freezes and quadratic
 * blow-ups, not slowdowns (tests/bench/engine.bench.ts measures speed).
 */
import { describe, expect, it } from 'vitest';
import { performance } from 'node:perf_hooks';
import { createLinter, builtinPack, MAX_LINT_CHARS, type Finding } from '../../lib/engine';

const linter = createLinter();
const LIMIT_MS = 10_000;

function timed(text: string): { findings: Finding[]; ms: number } {
  const t0 = performance.now();
  const findings = linter.lint(text, { customerSentiment: -0.9 });
  linter.commitments(text);
  return { findings, ms: performance.now() - t0 };
}

function expectSane(text: string, findings: Finding[]): void {
  for (let i = 0; i < findings.length; i++) {
    expect(findings[i].start).toBeGreaterThanOrEqual(i ? findings[i - 1].end : 0);
    expect(findings[i].end).toBeGreaterThan(findings[i].start);
    expect(findings[i].end).toBeLessThanOrEqual(text.length);
  }
}

describe('robustness', () => {
  it('handles empty and whitespace-only input', () => {
    expect(linter.lint('')).toEqual([]);
    expect(linter.lint(' \r\n\t\u00a0\u200b')).toEqual([]);
    expect(linter.commitments(' \n ')).toEqual([]);
  });

  it('handles 1 MB of text in bounded time, checking the first part and saying so', () => {
    const text = 'Thanks for waiting, please calm down while I check. We will refund you by Friday. '.repeat(13_000);
    const { findings, ms } = timed(text);
    expect(ms).toBeLessThan(LIMIT_MS);
    expectSane(text, findings);
    const tooLong = findings.filter((f) => f.ruleId === 'draft/too-long');
    expect(tooLong).toHaveLength(1);
    expect(tooLong[0].start).toBeLessThanOrEqual(MAX_LINT_CHARS);
    expect(findings.filter((f) => f.ruleId === 'calm-down').length).toBeGreaterThan(500);
  });

  it('handles binary garbage', () => {
    let seed = 7;
    let text = '';
    for (let i = 0; i < 200_000; i++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      text += String.fromCharCode(seed % 65_536);
    }
    const { findings, ms } = timed(text);
    expect(ms).toBeLessThan(LIMIT_MS);
    expectSane(text, findings);
  });

  it('handles HTML source pasted as text, still finding the phrase inside', () => {
    const html = '<div class="reply"><p style="color:red">Please <b>calm</b> down, &nbsp;we are on it.</p><script>var s = "relax";</script></div>\n';
    const text = html.repeat(500);
    const { findings, ms } = timed(text);
    expect(ms).toBeLessThan(LIMIT_MS);
    expectSane(text, findings);
    const once = linter.lint(html).filter((f) => f.ruleId === 'calm-down');
    expect(once.map((f) => html.slice(f.start, f.end))).toEqual(['Please <b>calm</b> down']);
  });

  it('handles 10,000 repetitions of each kind of weak phrase, with and without sentence breaks', () => {
    const examples = builtinPack().pack.rules.map((r) => r.examples.flag[0]);
    for (const example of [...examples.slice(0, 12), 'just', ',', 'calm down']) {
      for (const separator of [' ', '\n']) {
        const text = `${example.replace(/[.!?]+$/, '')}${separator}`.repeat(10_000);
        const { findings, ms } = timed(text);
        expect(ms, `${JSON.stringify(example)} x 10,000`).toBeLessThan(LIMIT_MS);
        expectSane(text, findings);
      }
    }
    // 30 lints of 10,000 phrases: each is bounded by LIMIT_MS; the whole needs room on a busy machine.
  }, 120_000);

  it('reports each repeated phrase once', () => {
    const text = 'Please calm down. '.repeat(10_000);
    const calm = linter.lint(text).filter((f) => f.ruleId === 'calm-down');
    const covered = Math.min(text.length, MAX_LINT_CHARS);
    expect(calm.length).toBe(Math.floor(covered / 18));
    expect(new Set(calm.map((f) => f.start)).size).toBe(calm.length);
  });

  it('never throws on lone surrogates, control characters or very long words', () => {
    for (const text of ['\ud800calm down\udc00', '\u0000\u0001please\u0007 calm down\u001b', 'a'.repeat(200_000), "'".repeat(50_000), '-'.repeat(50_000)]) {
      const { findings, ms } = timed(text);
      expect(ms).toBeLessThan(LIMIT_MS);
      expectSane(text, findings);
    }
  });
});
