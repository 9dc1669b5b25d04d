/**
 * The `steady` command line, run as a real subprocess (node bin/steady.mjs) on
 * the sample inputs in tests/fixtures/cli. Assertions use the dismissive
 * "calm down / relax" rule only, so new rules elsewhere do not break them.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');
const FIXTURES = 'tests/fixtures/cli';
const LIBRARY = `${FIXTURES}/library`;

interface JsonFinding {
  ruleId: string;
  category: string;
  severity: string;
  start: number;
  end: number;
  message: string;
  rewrites: string[];
  line: number;
  column: number;
  phrase: string;
}
interface JsonEntry {
  file: string;
  id?: string;
  title?: string;
  findings: JsonFinding[];
}

function steady(args: string[], input?: string) {
  const result = spawnSync(process.execPath, ['bin/steady.mjs', ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function lintJson(args: string[], input?: string): { code: number | null; entries: JsonEntry[] } {
  const { code, stdout } = steady(['lint', '--format', 'json', ...args], input);
  return { code, entries: JSON.parse(stdout) as JsonEntry[] };
}

const calmDown = (entry: JsonEntry | undefined) => (entry?.findings ?? []).filter((f) => /calm down|relax/i.test(f.phrase));

/** A usage or input error: exit 2 and exactly one line on stderr, no stack trace, nothing on stdout. */
function expectOneLineError(result: ReturnType<typeof steady>, ...mentions: string[]) {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  for (const m of mentions) expect(lines[0]).toContain(m);
}

describe('steady lint: plain text', () => {
  it('exits 0 with a summary when nothing is flagged', () => {
    const { code, stdout } = steady(['lint', `${LIBRARY}/clean.txt`]);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe('No findings in 1 text.');
  });

  it('exits 1 and reports file:line:col, the phrase, the message and a rewrite', () => {
    const { code, stdout } = steady(['lint', `${LIBRARY}/weak.txt`]);
    expect(code).toBe(1);
    expect(stdout).toMatch(new RegExp(`${LIBRARY}/weak\\.txt:3:\\d+  problem  dismissive/calm-down`));
    expect(stdout).toMatch(/"[^"\n]*calm down"/i);
    expect(stdout).toMatch(/→ \S/);
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/^\d+ findings? in 1 text \(1 flagged\)/);
  });

  it('gives line and column (UTF-16, after an emoji) that point at the phrase in the file', () => {
    const { code, entries } = lintJson([`${LIBRARY}/weak.txt`]);
    expect(code).toBe(1);
    expect(entries).toHaveLength(1);
    expect(entries[0].file).toBe(`${LIBRARY}/weak.txt`);
    const [finding] = calmDown(entries[0]);
    expect(finding).toMatchObject({ category: 'dismissive', severity: 'problem', line: 3 });
    const fileLines = readFileSync(join(ROOT, LIBRARY, 'weak.txt'), 'utf8').split('\n');
    expect(finding.column).toBe(fileLines[2].indexOf(finding.phrase) + 1);
    expect(finding.phrase).toMatch(/calm down$/i);
    expect(finding.rewrites.length).toBeGreaterThan(0);
  });

  it('reads standard input with "-", counting CRLF line breaks once', () => {
    const { code, entries } = lintJson(['-'], 'Hello there.\r\nPlease calm down.\r\n');
    expect(code).toBe(1);
    expect(entries[0].file).toBe('<stdin>');
    expect(calmDown(entries[0])[0]).toMatchObject({ line: 2, column: 1, phrase: 'Please calm down' });
  });

  it('prints only the summary with --quiet', () => {
    const { code, stdout } = steady(['lint', '--quiet', `${LIBRARY}/weak.txt`, `${LIBRARY}/clean.txt`]);
    expect(code).toBe(1);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(stdout).toMatch(/in 2 texts \(1 flagged\)/);
  });
});

describe('steady lint: record formats', () => {
  it('lints each JSONL record under its id and skips blank lines', () => {
    const { code, entries } = lintJson([`${LIBRARY}/replies.jsonl`]);
    expect(code).toBe(1);
    expect(entries.map((e) => e.id)).toEqual(['r1', 'r2', 'r3']);
    expect(calmDown(entries[0])).toHaveLength(1);
    expect(entries[1].findings).toEqual([]);
    expect(calmDown(entries[2])[0].phrase).toMatch(/relax/);
  });

  it('reads CSV quoted fields with commas and line breaks, with positions inside the field', () => {
    const { entries } = lintJson([`${LIBRARY}/macros.csv`]);
    expect(entries.map((e) => e.id)).toEqual(['m-1', 'm-2']);
    const [finding] = calmDown(entries[0]);
    expect(finding).toMatchObject({ line: 2, column: 1 });
    expect(finding.phrase).toMatch(/^Please relax/);
    expect(entries[1].findings).toEqual([]);
  });

  it('lints Zendesk macro comments (HTML stripped) by macro id and title, ignoring other actions', () => {
    const { code, entries } = lintJson([`${LIBRARY}/macros.json`]);
    expect(code).toBe(1);
    expect(entries.map((e) => [e.id, e.title])).toEqual([
      ['101', 'Angry customer'],
      ['102', 'Password reset'],
    ]);
    const [finding] = calmDown(entries[0]);
    // <p>…</p><p>…<br>Please <b>calm down</b> → third line of the text, tags gone.
    expect(finding).toMatchObject({ line: 3, column: 1, phrase: 'Please calm down' });
    expect(entries[1].findings).toEqual([]);
  });

  it('reads every supported file in a folder', () => {
    const { code, entries } = lintJson([LIBRARY]);
    expect(code).toBe(1);
    const files = new Set(entries.map((e) => e.file.split('/').at(-1)));
    expect([...files].sort()).toEqual(['clean.txt', 'macros.csv', 'macros.json', 'replies.jsonl', 'weak.txt']);
  });
});

describe('steady lint: options', () => {
  it('--disable turns off a category', () => {
    const { entries } = lintJson(['--disable', 'dismissive', `${LIBRARY}/weak.txt`]);
    expect(entries[0].findings.filter((f) => f.category === 'dismissive')).toEqual([]);
  });

  it('--disable sentence-model turns off the sentence model', () => {
    const text = "Mr Hughes, I'm not going to continue if you keep shouting in capitals.";
    expect(lintJson(['-'], text).entries[0].findings.map((f) => f.ruleId)).toEqual(['sentence-model']);
    expect(lintJson(['--disable', 'sentence-model', '-'], text).entries[0].findings).toEqual([]);
  });

  it('--rules adds a team pack written like a rules/<category>.yaml file', () => {
    const text = 'Your case is now in the zorgle queue.';
    expect(lintJson(['-'], text).entries[0].findings.some((f) => f.ruleId === 'acme-zorgle-queue')).toBe(false);
    const { code, entries } = lintJson(['--rules', `${FIXTURES}/team-pack.yaml`, '-'], text);
    expect(code).toBe(1);
    expect(entries[0].findings.find((f) => f.ruleId === 'acme-zorgle-queue')).toMatchObject({ category: 'jargon', phrase: 'zorgle queue' });
  });

  it('prints usage for --help and lint --help', () => {
    for (const args of [['--help'], ['lint', '--help']]) {
      const { code, stdout } = steady(args);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^Usage: steady lint/);
    }
  });
});

describe('steady lint: errors are one line and exit 2', () => {
  it('names the file and line of a broken JSONL record', () => {
    expectOneLineError(steady(['lint', `${FIXTURES}/bad/broken.jsonl`]), 'broken.jsonl:2:', 'not valid JSON');
  });

  it('rejects an unknown extension', () => {
    expectOneLineError(steady(['lint', `${FIXTURES}/bad/notes.rtf`]), 'notes.rtf', 'unsupported file type ".rtf"');
  });

  it('reports a missing file', () => {
    expectOneLineError(steady(['lint', `${FIXTURES}/no-such-file.txt`]), 'no-such-file.txt: no such file or directory');
  });

  it('names the rule and field of an invalid --rules pack', () => {
    expectOneLineError(steady(['lint', '--rules', `${FIXTURES}/bad/bad-pack.yaml`, `${LIBRARY}/clean.txt`]), 'bad-pack.yaml', 'rule "acme-zorgle-queue"', 'field "severity"');
  });

  it.each([
    [['lint', '--bogus', `${LIBRARY}/clean.txt`], "Unknown option '--bogus'"],
    [['check', `${LIBRARY}/clean.txt`], 'unknown command "check"'],
    [['lint', '--format', 'xml', `${LIBRARY}/clean.txt`], '--format must be text or json'],
    [['lint', '--disable', 'no-such-rule', `${LIBRARY}/clean.txt`], 'no rule or category named "no-such-rule"'],
    [['lint'], 'no files given'],
  ])('rejects bad usage: %j', (args, mention) => {
    expectOneLineError(steady(args), mention);
  });
});
