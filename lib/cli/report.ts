/** The lint report: readable text (optionally coloured) or JSON, and the summary line. */
import { styleText } from 'node:util';
import type { Finding, Severity } from '../engine';
import type { InputText } from './inputs';
import { positionsIn } from './positions';

export interface LintedText extends InputText {
  findings: Finding[];
}

/** A finding as printed in JSON: the engine's Finding plus where it is and what it flags. */
export interface LocatedFinding extends Finding {
  line: number;
  column: number;
  phrase: string;
}

type Style = Parameters<typeof styleText>[0];
const SEVERITY_STYLE: Record<Severity, Style> = { problem: 'red', warning: 'yellow', suggestion: 'cyan' };
const PHRASE_LIMIT = 80;

export function locate(entry: LintedText): LocatedFinding[] {
  if (entry.findings.length === 0) return [];
  const position = positionsIn(entry.text);
  return entry.findings.map((f) => ({ ...f, ...position(f.start), phrase: entry.text.slice(f.start, f.end) }));
}

/** One JSON array, one text per line (greppable, and small enough for 60k-record files). */
export function jsonReport(results: readonly LintedText[]): string {
  const rows = results.map(({ file, id, title, field, ...rest }) =>
    JSON.stringify({ file, id, title, field, findings: locate({ file, ...rest }) }),
  );
  return rows.length ? `[\n${rows.join(',\n')}\n]\n` : '[]\n';
}

export function textReport(results: readonly LintedText[], color: boolean): string {
  const paint = (style: Style, s: string) => (color ? styleText(style, s) : s);
  const out: string[] = [];
  for (const entry of results) {
    if (entry.findings.length === 0) continue;
    const where = entry.id === undefined ? entry.file : `${entry.file}#${entry.id}`;
    if (entry.title) out.push(paint('bold', `${where} — ${entry.title}${entry.field ? ` (${entry.field})` : ''}`));
    for (const f of locate(entry)) {
      const rule = f.ruleId.startsWith(`${f.category}/`) ? f.ruleId : `${f.category}/${f.ruleId}`;
      out.push(`${paint('bold', `${where}:${f.line}:${f.column}`)}  ${paint(SEVERITY_STYLE[f.severity], f.severity)}  ${paint('dim', rule)}`);
      out.push(`  ${paint('bold', quote(f.phrase))}`);
      out.push(`  ${f.message}`);
      for (const rewrite of f.rewrites) out.push(`  ${paint('green', `→ ${rewrite}`)}`);
      out.push('');
    }
  }
  return out.length ? out.join('\n') + '\n' : '';
}

export function summaryLine(results: readonly LintedText[], color: boolean): string {
  const texts = plural(results.length, 'text');
  const flagged = results.filter((r) => r.findings.length > 0).length;
  if (flagged === 0) return `No findings in ${texts}.`;
  const counts: Record<Severity, number> = { problem: 0, warning: 0, suggestion: 0 };
  for (const r of results) for (const f of r.findings) counts[f.severity]++;
  const total = counts.problem + counts.warning + counts.suggestion;
  const bySeverity = (Object.keys(counts) as Severity[])
    .filter((s) => counts[s] > 0)
    .map((s) => plural(counts[s], s))
    .join(', ');
  const line = `${plural(total, 'finding')} in ${texts} (${flagged.toLocaleString('en')} flagged): ${bySeverity}.`;
  return color ? styleText('bold', line) : line;
}

function quote(phrase: string): string {
  const flat = phrase.replace(/\s+/g, ' ').trim();
  return `"${flat.length > PHRASE_LIMIT ? flat.slice(0, PHRASE_LIMIT - 1) + '…' : flat}"`;
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
}
