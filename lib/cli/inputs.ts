/**
 * Reading the texts to lint from files in each supported format. Every text
 * keeps where it came from (file, record id, macro title) for the report.
 */
import { readFileSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
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

/**
 * Files to read for one command-line path: the file itself, or every supported file under a folder.
 * The walk never enters a folder twice (links into a parent or each other would loop), skips
 * folders whose names look like files ("x.txt/"), hidden entries and node_modules.
 */
export function expandPath(path: string): string[] {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (e) {
    throw new CliError(`${path}: ${fileProblem(e)}`);
  }
  if (!isDirectory) return [path];
  const files: string[] = [];
  const visited = new Set<string>();
  const walk = (dir: string): void => {
    let real: string;
    let entries: Dirent[];
    try {
      real = realpathSync(dir);
      if (visited.has(real)) return;
      visited.add(real);
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // an unreadable or vanished folder holds nothing to lint
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const child = join(dir, entry.name);
      const kind = entry.isSymbolicLink() ? linkTarget(child) : entry.isDirectory() ? 'dir' : entry.isFile() ? 'file' : null;
      if (kind === 'dir') walk(child);
      else if (kind === 'file' && formatOf(entry.name)) files.push(child);
    }
  };
  walk(path);
  return files;
}

function linkTarget(path: string): 'dir' | 'file' | null {
  try {
    const stats = statSync(path);
    return stats.isDirectory() ? 'dir' : stats.isFile() ? 'file' : null;
  } catch {
    return null; // a dangling link
  }
}

/** Something odd about an input that is worth one line on stderr but does not stop the run. */
export type InputWarning = (message: string) => void;

export function readInputs(path: string, format: InputFormat | null = formatOf(path), warn: InputWarning = () => {}): InputText[] {
  if (!format) {
    const expected = INPUT_FORMATS.map((f) => '.' + f).join(', ');
    throw new CliError(`${path}: unsupported file type "${extname(path) || '(none)'}" (expected ${expected}, or pass --input-format)`);
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new CliError(`${path}: ${fileProblem(e)}`);
  }
  const content = decodeInput(path, bytes, warn);
  return content === null ? [] : parseInput(path, content, format);
}

/** The text of an input, or null when there is none to lint (empty or binary); says why on `warn`. */
export function decodeInput(name: string, bytes: Uint8Array, warn: InputWarning): string | null {
  if (bytes.length === 0) {
    warn(`${name}: the file is empty; nothing to lint`);
    return null;
  }
  if (bytes.includes(0)) {
    warn(`${name}: looks like a binary file (it holds NUL bytes); skipped`);
    return null;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    warn(`${name}: is not valid UTF-8 text; linted with the unreadable bytes replaced by \uFFFD (save it as UTF-8)`);
    return new TextDecoder('utf-8').decode(bytes);
  }
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
  // Every bad row is reported, not only the first: the agent fixes them all in one go.
  const problems: string[] = [];
  try {
    rows = parseCsv(content, {
      columns,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (e) => {
        if (e) problems.push(csvProblem(file, e));
        return undefined;
      },
    }) as Record<string, string>[];
  } catch (e) {
    throw e instanceof CliError ? e : new CliError(csvProblem(file, e as CsvParseError));
  }
  if (problems.length > 0) throw new CliError(listed(file, problems));
  return rows.map((row, index) => ({ file, id: row.id || `row-${index + 1}`, ...(row.title ? { title: row.title } : {}), text: row.text ?? '' }));
}

interface CsvParseError extends Error {
  code?: string;
  lines?: number;
  record?: unknown[];
  columns?: unknown[];
}

/** At most this many problems of one file are listed; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 20;

/** One problem a line (the CLI prints each as its own `steady:` line), cut at MAX_LISTED_PROBLEMS. */
function listed(file: string, problems: readonly string[]): string {
  const more = problems.length - MAX_LISTED_PROBLEMS;
  return [...problems.slice(0, MAX_LISTED_PROBLEMS), ...(more > 0 ? [`${file}: ${more} more problem${more === 1 ? '' : 's'} not listed`] : [])].join('\n');
}

/** A csv-parse error in the README's words: where, what is wrong, how to fix it. */
function csvProblem(file: string, e: CsvParseError): string {
  const where = e.lines ? `${file}:${e.lines}` : file;
  switch (e.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return `${file}: a quoted field is never closed (a closing " is missing, so the field runs to the end of the file)`;
    case 'CSV_RECORD_INCONSISTENT_COLUMNS':
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
    case 'CSV_RECORD_DONT_MATCH_COLUMNS_LENGTH':
      return `${where}: this row has ${e.record?.length ?? 'a different number of'} fields but the header row has ${e.columns?.length ?? 'another number'} (put a field that holds commas in double quotes)`;
    case 'INVALID_OPENING_QUOTE':
    case 'CSV_INVALID_CLOSING_QUOTE':
      return `${where}: a field holds a stray double quote (put the whole field in double quotes and write each " inside it as "")`;
    default:
      // The parser's own words ("Invalid Record Length…") mean nothing to the reader: say what to check.
      return `${where}: this row is not valid CSV (check its commas and double quotes: a field that holds commas, quotes or line breaks goes in double quotes, with each " inside written as "")`;
  }
}

function parseJson(file: string, content: string): unknown {
  try {
    return JSON.parse(content);
  } catch (e) {
    throw new CliError(`${file}: not valid JSON (${(e as Error).message})`);
  }
}
