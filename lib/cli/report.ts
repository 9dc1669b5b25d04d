/** The lint report: readable text (optionally coloured) or JSON, and the summary line. */
import { styleText } from 'node:util';
import type { Finding, Severity } from '../engine';
import type { InputText } from './inputs';
import { positionsIn } from './positions';
import { printable, printableLine } from './printable';

export interface LintedText extends InputText {
  findings: Finding[];
}

/** A finding as printed in JSON: the engine's Finding plus where it is and what it flags. */
interface LocatedFinding extends Finding {
  line: number;
  column: number;
  phrase: string;
}

type Style = Parameters<typeof styleText>[0];
const SEVERITY_STYLE: Record<Severity, Style> = { problem: 'red', warning: 'yellow', suggestion: 'cyan' };
const PHRASE_LIMIT = 80;

function locate(entry: LintedText): LocatedFinding[] {
  if (entry.findings.length === 0) return [];
  const position = positionsIn(entry.text);
  return entry.findings.map((f) => ({ ...f, ...position(f.start), phrase: entry.text.slice(f.start, f.end) }));
}

/** One text as a line of the JSON report (an array with one text a line: greppable, streamable). */
export function jsonEntry({ file, id, title, field, ...rest }: LintedText): string {
  // JSON.stringify escapes C0 controls; printable() escapes the rest (DEL, C1, bidi) the same valid way.
  return printable(JSON.stringify({ file, id, title, field, findings: locate({ file, ...rest }) }));
}

/** One text's findings for a reader ('' when it has none). */
export function textEntry(entry: LintedText, color: boolean): string {
  if (entry.findings.length === 0) return '';
  const paint = (style: Style, s: string) => (color ? styleText(style, s) : s);
  // Everything from the input or a rule pack is made safe for the terminal before it is printed.
  const where = printableLine(entry.id === undefined ? entry.file : `${entry.file}#${entry.id}`);
  const out: string[] = [];
  if (entry.title) out.push(paint('bold', `${where} — ${printableLine(entry.title)}${entry.field ? ` (${printableLine(entry.field)})` : ''}`));
  for (const f of locate(entry)) {
    const rule = f.ruleId.startsWith(`${f.category}/`) ? f.ruleId : `${f.category}/${f.ruleId}`;
    out.push(`${paint('bold', `${where}:${f.line}:${f.column}`)}  ${paint(SEVERITY_STYLE[f.severity], f.severity)}  ${paint('dim', printableLine(rule))}`);
    out.push(`  ${paint('bold', printableLine(quote(f.phrase)))}`);
    out.push(`  ${printableLine(f.message)}`);
    for (const rewrite of f.rewrites) out.push(`  ${paint('green', `→ ${printableLine(rewrite)}`)}`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

/** Running counts for the summary line. */
export class Tally {
  texts = 0;
  flagged = 0;
  readonly bySeverity: Record<Severity, number> = { problem: 0, warning: 0, suggestion: 0 };

  add(entry: LintedText): void {
    this.texts++;
    if (entry.findings.length > 0) this.flagged++;
    for (const f of entry.findings) this.bySeverity[f.severity]++;
  }

  summary(color: boolean): string {
    const texts = plural(this.texts, 'text');
    if (this.flagged === 0) return `No findings in ${texts}.`;
    const severities = (Object.keys(this.bySeverity) as Severity[]).filter((s) => this.bySeverity[s] > 0);
    const total = severities.reduce((sum, s) => sum + this.bySeverity[s], 0);
    const bySeverity = severities.map((s) => plural(this.bySeverity[s], s)).join(', ');
    const line = `${plural(total, 'finding')} in ${texts} (${this.flagged.toLocaleString('en')} flagged): ${bySeverity}.`;
    return color ? styleText('bold', line) : line;
  }
}

function quote(phrase: string): string {
  const flat = phrase.replace(/\s+/g, ' ').trim();
  return `"${flat.length > PHRASE_LIMIT ? flat.slice(0, PHRASE_LIMIT - 1) + '…' : flat}"`;
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
}
