/**
 * `steady lint`: read texts from files (or stdin), lint them with the built-in
 * rules plus any team packs, print a report. Every failure becomes one line on
 * stderr and exit code 2; nothing escapes as a stack trace.
 */
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { createLinter, builtinPack, PHRASE_CATEGORIES, PackError, type Category, type RulePack } from '../engine';
import { MODEL_RULE_ID } from '../engine/sentence-model';
import { loadBuiltinPack } from '../node/rule-files';
import { parseCliArgs, USAGE, type LintArgs } from './args';
import { CliError } from './errors';
import { decodeInput, expandPath, parseInput, readInputs, type InputText } from './inputs';
import { printable } from './printable';
import { jsonEntry, textEntry, Tally } from './report';
import { loadTeamPack } from './team-pack';

const STDIN = '-';

/** Runs the command line; resolves to the exit code. */
export async function run(argv: readonly string[]): Promise<number> {
  process.stdout.on('error', onOutputError);
  try {
    const args = parseCliArgs(argv);
    if (args.command === 'help') return write(`${USAGE}\n`, 0);
    if (args.command === 'version') return write(`${packageVersion()}\n`, 0);
    return await lint(args);
  } catch (e) {
    // Each problem of a rule pack on its own line; anything else on one.
    const lines = e instanceof PackError && e.problems.length > 1 ? e.message.split('\n') : [((e as Error)?.message ?? String(e)).replace(/\s*\n\s*/g, ' ')];
    const known = e instanceof CliError || e instanceof PackError;
    process.stderr.write(lines.map((line) => `steady: ${known ? '' : 'unexpected error: '}${printable(line)}\n`).join(''));
    return 2;
  }
}

/** One line on stderr, with whatever came from the input made safe for a terminal. */
function report(message: string): void {
  process.stderr.write(`steady: ${printable(message)}\n`);
}

async function lint(args: LintArgs): Promise<number> {
  loadBuiltinPack();
  const base = builtinPack();
  const packs = args.rules.map((path) => loadTeamPack(path, base.pack));
  const disabled = splitDisabled(args.disable, [base.pack, ...packs], Object.keys(base.draft.checks));
  const linter = createLinter({ packs, ...disabled });
  const { inputs, failed } = await readAll(args);
  if (failed > 0 && inputs.length === 0) return 2; // nothing could be read: the error lines say it all

  const color = process.stdout.isTTY === true && process.env.NO_COLOR === undefined;
  const json = args.format === 'json';
  const tally = new Tally();
  const output = new Output();
  for (const [index, input] of inputs.entries()) {
    const entry = { ...input, findings: linter.lint(input.text) };
    tally.add(entry);
    if (args.quiet) continue;
    await output.write(json ? `${index ? ',' : '['}\n${jsonEntry(entry)}` : textEntry(entry, color));
  }
  if (json && !args.quiet) {
    await output.write(inputs.length ? '\n]\n' : '[]\n');
    process.stderr.write(`${tally.summary(false)}\n`); // stdout stays pure JSON
  } else await output.write(`${tally.summary(color)}\n`);
  await output.flush();
  if (failed > 0) {
    report(`${failed} input${failed === 1 ? '' : 's'} could not be read (see above); the others were linted.`);
    return 2;
  }
  return tally.flagged > 0 ? 1 : 0;
}

/**
 * Batched writes to stdout that yield now and then, so a reader that stops early
 * (steady lint … | head) ends the run at once instead of after the whole corpus.
 */
class Output {
  private pending: string[] = [];
  private size = 0;

  async write(text: string): Promise<void> {
    if (!text) return;
    this.pending.push(text);
    this.size += text.length;
    if (this.size >= 64 * 1024) await this.flush();
  }

  async flush(): Promise<void> {
    const drained = process.stdout.write(this.pending.join(''));
    this.pending = [];
    this.size = 0;
    if (!drained) await once(process.stdout, 'drain');
    await new Promise(setImmediate); // lets a closed-pipe error surface
  }
}

/**
 * Every input is read before anything is linted. A file that cannot be read or parsed is one line on
 * stderr and the rest are still linted (the run then exits with 2); odd inputs (empty, binary, not
 * UTF-8) are one warning line each.
 */
async function readAll(args: LintArgs): Promise<{ inputs: InputText[]; failed: number }> {
  const inputs: InputText[] = [];
  let failed = 0;
  const warn = (message: string) => report(`warning: ${message}`);
  const attempt = (read: () => InputText[]) => {
    try {
      inputs.push(...read());
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
      for (const line of e.message.split('\n')) report(line); // a file with several problems lists each
      failed++;
    }
  };
  for (const path of args.paths) {
    if (path === STDIN) {
      const content = decodeInput('<stdin>', await readStdin(), warn);
      if (content !== null) attempt(() => parseInput('<stdin>', content, args.inputFormat ?? 'txt'));
      continue;
    }
    let files: string[];
    try {
      files = expandPath(path);
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
      report(e.message);
      failed++;
      continue;
    }
    for (const file of files) attempt(() => readInputs(file, args.inputFormat ?? undefined, warn));
  }
  return { inputs, failed };
}

/** --disable names are rule ids (built-in, team, draft/<check>, or the sentence model) or categories. */
function splitDisabled(names: readonly string[], packs: readonly RulePack[], draftChecks: readonly string[]) {
  const categories = new Set<string>([...PHRASE_CATEGORIES, 'draft']);
  const ruleIds = new Set([...packs.flatMap((p) => p.rules.map((r) => r.id)), ...draftChecks.map((c) => `draft/${c}`), MODEL_RULE_ID]);
  const unknown = names.find((n) => !categories.has(n) && !ruleIds.has(n));
  if (unknown) throw new CliError(`--disable: no rule or category named "${unknown}" (categories: ${[...categories].join(', ')})`);
  return {
    disabledRules: names.filter((n) => ruleIds.has(n)),
    disabledCategories: names.filter((n) => categories.has(n)) as Category[],
  };
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function write(text: string, code: number): number {
  process.stdout.write(text);
  return code;
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** A closed pipe (steady lint … | head) is not an error; anything else is reported in one line. */
function onOutputError(e: NodeJS.ErrnoException): void {
  if (e.code !== 'EPIPE') process.stderr.write(`steady: cannot write the report (${e.message})\n`);
  process.exit(e.code === 'EPIPE' ? 0 : 2);
}
