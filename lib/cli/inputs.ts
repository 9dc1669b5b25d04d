/**
 * Reading the texts to lint from files in each supported format. Every text
 * keeps where it came from (file, record id, macro title) for the report.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { CliError, fileProblem } from './errors';
import { parseMacrosExport } from './zendesk';

export interface InputText {
  file: string;
  /** Record id (JSONL/CSV id column, Zendesk macro id); absent for whole-file texts. */
  id?: string;
  /** Zendesk macro title, or a CSV title column. */
  title?: string;
  /** Zendesk action field the text comes from (comment_value, comment_value_html, …). */
  field?: string;
  text: string;
}

export const INPUT_FORMATS = ['txt', 'md', 'jsonl', 'csv', 'json'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

export function isInputFormat(name: string): name is InputFormat {
  return (INPUT_FORMATS as readonly string[]).includes(name);
}

/** Format from the file extension, or null when it is not one we read. */
export function formatOf(path: string): InputFormat | null {
  const ext = extname(path).slice(1).toLowerCase();
  return isInputFormat(ext) ? ext : null;
}

/** Files to read for one command-line path: the file itself, or every supported file under a folder. */
export function expandPath(path: string): string[] {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (e) {
    throw new CliError(`${path}: ${fileProblem(e)}`);
  }
  if (!isDirectory) return [path];
  return readdirSync(path, { recursive: true, encoding: 'utf8' })
    .filter((name) => formatOf(name) && !name.split(/[\\/]/).some((part) => part.startsWith('.') || part === 'node_modules'))
    .sort()
    .map((name) => join(path, name));
}

export function readInputs(path: string, format: InputFormat | null = formatOf(path)): InputText[] {
  if (!format) {
    const expected = INPUT_FORMATS.map((f) => '.' + f).join(', ');
    throw new CliError(`${path}: unsupported file type "${extname(path) || '(none)'}" (expected ${expected}, or pass --input-format)`);
  }
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CliError(`${path}: ${fileProblem(e)}`);
  }
  return parseInput(path, content, format);
}

export function parseInput(file: string, content: string, format: InputFormat): InputText[] {
  const text = content.replace(/^\uFEFF/, ''); // editors do not count the byte-order mark as a column
  switch (format) {
    case 'txt':
    case 'md':
      return [{ file, text }];
    case 'jsonl':
      return parseJsonl(file, text);
    case 'csv':
      return parseCsvRecords(file, text);
    case 'json':
      return parseMacrosExport(file, parseJson(file, text));
  }
}

function parseJsonl(file: string, content: string): InputText[] {
  const out: InputText[] = [];
  content.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim()) return;
    const where = `${file}:${index + 1}`;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch (e) {
      throw new CliError(`${where}: not valid JSON (${(e as Error).message})`);
    }
    const { id, text } = (row && typeof row === 'object' ? row : {}) as { id?: unknown; text?: unknown };
    if (typeof text !== 'string') throw new CliError(`${where}: expected an object with a string "text" field`);
    out.push({ file, id: typeof id === 'string' || typeof id === 'number' ? String(id) : `line-${index + 1}`, text });
  });
  return out;
}

function parseCsvRecords(file: string, content: string): InputText[] {
  const columns = (header: string[]) => {
    const names = header.map((h) => h.trim().toLowerCase());
    if (!names.includes('text')) throw new CliError(`${file}: no "text" column (found: ${header.join(', ') || 'none'})`);
    return names;
  };
  let rows: Record<string, string>[];
  try {
    rows = parseCsv(content, { columns, skip_empty_lines: true }) as Record<string, string>[];
  } catch (e) {
    throw e instanceof CliError ? e : new CliError(`${file}: ${(e as Error).message}`);
  }
  return rows.map((row, index) => ({ file, id: row.id || `row-${index + 1}`, ...(row.title ? { title: row.title } : {}), text: row.text ?? '' }));
}

function parseJson(file: string, content: string): unknown {
  try {
    return JSON.parse(content);
  } catch (e) {
    throw new CliError(`${file}: not valid JSON (${(e as Error).message})`);
  }
}
