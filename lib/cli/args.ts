/** Command-line arguments (node:util parseArgs) and the usage text. */
import { parseArgs } from 'node:util';
import { CliError } from './errors';
import { INPUT_FORMATS, isInputFormat, type InputFormat } from './inputs';

export const USAGE = `Usage: steady lint [options] <file | folder | ->...

Checks support replies and macros for weak phrases and suggests stronger wording.

Inputs (by extension):
  .txt, .md    the whole file is one text; findings are reported as file:line:col
  .jsonl       one {"id", "text"} object a line; findings as file#id:line:col
  .csv         a "text" column, optional "id" and "title" columns (header row required)
  .json        a Zendesk macros export ({"macros": [...]}); comment and side-conversation texts
  folder       every file above inside it (recursively)
  -            standard input (plain text unless --input-format says otherwise)

Options:
  -f, --format <text|json>   report format (default: text)
  -d, --disable <name>       turn off a rule id or a whole category (repeatable, or comma-separated)
  -r, --rules <file>         add a team rule pack (.yaml, .yml or .json), validated like the built-in rules (repeatable)
      --input-format <fmt>   read every input as ${INPUT_FORMATS.join('|')} whatever its extension
  -q, --quiet                print only the summary line
  -h, --help                 show this help
  -v, --version              show the version

Exit codes: 0 nothing flagged, 1 something flagged, 2 bad usage or unreadable input.
Colour is used on a terminal unless NO_COLOR is set.`;

export interface LintArgs {
  command: 'lint';
  paths: string[];
  format: 'text' | 'json';
  disable: string[];
  rules: string[];
  quiet: boolean;
  inputFormat: InputFormat | null;
}

export type CliArgs = LintArgs | { command: 'help' } | { command: 'version' };

export function parseCliArgs(argv: readonly string[]): CliArgs {
  const [command, ...rest] = argv;
  if (command === undefined) throw new CliError('no command given (try: steady lint <file>, or steady --help)');
  if (command === 'help' || command === '--help' || command === '-h') return { command: 'help' };
  if (command === '--version' || command === '-v') return { command: 'version' };
  if (command !== 'lint') throw new CliError(`unknown command "${command}" (try: steady lint ${command}, or steady --help)`);

  let values, positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: [...rest],
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f', default: 'text' },
        disable: { type: 'string', short: 'd', multiple: true, default: [] },
        rules: { type: 'string', short: 'r', multiple: true, default: [] },
        'input-format': { type: 'string' },
        quiet: { type: 'boolean', short: 'q', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (e) {
    // parseArgs' first sentence says what went wrong; the rest is advice about "--".
    throw new CliError(`${(e as Error).message.split(/\.\s|\n/)[0]} (see steady lint --help)`);
  }
  if (values.help) return { command: 'help' };
  const { format } = values;
  if (format !== 'text' && format !== 'json') throw new CliError(`--format must be text or json, not "${format}"`);
  const inputFormat = values['input-format'] ?? null;
  if (inputFormat !== null && !isInputFormat(inputFormat)) throw new CliError(`--input-format must be one of ${INPUT_FORMATS.join(', ')}, not "${inputFormat}"`);
  if (positionals.length === 0) throw new CliError('no files given (pass files, folders, or - to read standard input)');
  return {
    command: 'lint',
    paths: positionals,
    format,
    disable: values.disable.flatMap((d) => d.split(',')).map((d) => d.trim()).filter(Boolean),
    rules: values.rules,
    quiet: values.quiet,
    inputFormat,
  };
}
