/**
 * The CLI on hostile folders and files: symlink loops, folders named like
 * files, one bad file among good ones, binary / empty / non-UTF-8 input,
 * terminal escape codes in macro ids and titles, and HTML built to make a
 * regular expression backtrack. Mostly in process; one real subprocess run.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeInput, expandPath, parseInput, MAX_LISTED_PROBLEMS } from '../../lib/cli/inputs';
import { htmlToText } from '../../lib/cli/html-text';
import { printable, printableLine } from '../../lib/cli/printable';
import { CliError } from '../../lib/cli/errors';

const ROOT = join(import.meta.dirname, '../..');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'steady-cli-'));
  const put = (path: string, content: string | Uint8Array) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  };
  put('loop/a/reply.txt', 'Please calm down.\n');
  mkdirSync(join(dir, 'loop/b'), { recursive: true });
  // A two-branch loop, plus a link back to the top.
  symlinkSync('../b', join(dir, 'loop/a/to-b'));
  symlinkSync('../a', join(dir, 'loop/b/to-a'));
  symlinkSync('..', join(dir, 'loop/a/up'));
  put('named-like-a-file.txt/inside.txt', 'Thanks for waiting.\n');
  put('bad.jsonl', '{"id": "r1", "text": "Relax."}\nnot json\n');
  put('good.txt', 'Relax, it is fine.\n');
  put('rows.csv', 'id,text\n1,Relax.\n2,Hello, there\n3,Fine\n4,a,b,c\n');
  put('empty.txt', '');
  put('binary.txt', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x14]));
  put('latin1.txt', new Uint8Array([...Buffer.from('Caf'), 0xe9, ...Buffer.from(' -- please calm down.\n')]));
  put(
    'macros.json',
    JSON.stringify({ macros: [{ id: '\u001b]52;c;aGVsbG8=\u0007', title: '\u001b[2J\u001b[HRefund', actions: [{ field: 'comment_value', value: 'Please calm down.' }] }] }),
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('folder walking', () => {
  it('does not follow links into a loop, reads each file once and skips folders named like files', () => {
    const files = expandPath(dir).map((f) => relative(dir, f));
    expect(files.filter((f) => f.endsWith('reply.txt'))).toEqual(['loop/a/reply.txt']);
    expect(files).toContain('named-like-a-file.txt/inside.txt');
    expect(files).not.toContain('named-like-a-file.txt');
  });
});

describe('odd inputs', () => {
  const warnings = (bytes: Uint8Array) => {
    const said: string[] = [];
    const text = decodeInput('f.txt', bytes, (m) => said.push(m));
    return { text, said };
  };

  it('warns about empty, binary and non-UTF-8 input, one line each', () => {
    expect(warnings(new Uint8Array())).toEqual({ text: null, said: ['f.txt: the file is empty; nothing to lint'] });
    expect(warnings(new Uint8Array([0x41, 0x00, 0x42]))).toEqual({ text: null, said: [expect.stringMatching(/^f\.txt: looks like a binary file/)] });
    const latin1 = warnings(new Uint8Array([0x63, 0x61, 0x66, 0xe9]));
    expect(latin1.text).toBe('caf\uFFFD');
    expect(latin1.said).toEqual([expect.stringMatching(/^f\.txt: is not valid UTF-8 text/)]);
    expect(warnings(Buffer.from('Fine, thanks.'))).toEqual({ text: 'Fine, thanks.', said: [] });
  });

  it('explains CSV mistakes in the README\'s words, not the parser\'s', () => {
    const problem = (csv: string) => {
      try {
        parseInput('library.csv', csv, 'csv');
      } catch (e) {
        expect(e).toBeInstanceOf(CliError);
        return (e as Error).message;
      }
      throw new Error('expected a CliError');
    };
    expect(problem('id,text\n1,"Hello\n')).toBe('library.csv: a quoted field is never closed (a closing " is missing, so the field runs to the end of the file)');
    expect(problem('id,text\n1,Hello, there\n')).toBe('library.csv:2: this row has 3 fields but the header row has 2 (put a field that holds commas in double quotes)');
    expect(problem('id,text\n1,She said "no" twice\n')).toMatch(/^library\.csv:2: a field holds a stray double quote/);
    expect(problem('id,body\n1,Hello\n')).toBe('library.csv: no "text" column (found: id, body)');
    for (const csv of ['id,text\n1,"Hello\n', 'id,text\n1,a,b\n']) expect(problem(csv)).not.toMatch(/Quote Not Closed|Invalid Record Length/);
  });

  it('lists every bad CSV row, one a line, up to a limit', () => {
    const listed = (csv: string) => {
      try {
        parseInput('library.csv', csv, 'csv');
      } catch (e) {
        return (e as Error).message.split('\n');
      }
      throw new Error('expected a CliError');
    };
    expect(listed('id,text\n1,Hello, there\n2,fine\n3,a,b,c\n')).toEqual([
      'library.csv:2: this row has 3 fields but the header row has 2 (put a field that holds commas in double quotes)',
      'library.csv:4: this row has 4 fields but the header row has 2 (put a field that holds commas in double quotes)',
    ]);
    const many = listed(`id,text\n${Array.from({ length: MAX_LISTED_PROBLEMS + 5 }, (_, i) => `${i},a,b`).join('\n')}\n`);
    expect(many).toHaveLength(MAX_LISTED_PROBLEMS + 1);
    expect(many.at(-1)).toBe('library.csv: 5 more problems not listed');
  });
});

describe('printing', () => {
  it('shows control characters, escape sequences and bidi overrides as visible escapes', () => {
    expect(printable('\u001b]52;c;aGk=\u0007 \u001b[2J ok\u009b\u202e')).toBe('\\u001b]52;c;aGk=\\u0007 \\u001b[2J ok\\u009b\\u202e');
    expect(printable('line one\n\tline two')).toBe('line one\n\tline two');
    expect(printableLine('a\nb')).toBe('a\\nb');
  });
});

describe('HTML stripping', () => {
  it('takes linear time on unclosed tags and an unclosed <style>', () => {
    for (const html of ['<a'.repeat(80_000), '<style x'.repeat(80_000), `<p>${' '.repeat(80_000)}x`, '<!--'.repeat(50_000), '&#'.repeat(80_000)]) {
      const t0 = performance.now();
      htmlToText(html);
      expect(performance.now() - t0).toBeLessThan(3_000);
    }
  });

  it('still gives the text a reader sees', () => {
    expect(htmlToText('<style>p{color:red}</style><p>Hi&nbsp;Dana,</p><p>Sorry &mdash; <b>calm</b> down<br>now</p><script>x()</script>')).toBe('Hi Dana,\nSorry — calm down\nnow');
  });
});

describe('steady lint on a hostile folder (subprocess)', () => {
  it('lints every good file once, reports each bad or odd one in one line, escapes what it prints, and exits 2', () => {
    const result = spawnSync(process.execPath, ['bin/steady.mjs', 'lint', dir], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
    expect(result.status).toBe(2);
    const stderr = result.stderr.trimEnd().split('\n');
    expect(stderr).toEqual([
      expect.stringMatching(/^steady: .*bad\.jsonl:2: not valid JSON/),
      expect.stringMatching(/^steady: warning: .*binary\.txt: looks like a binary file/),
      expect.stringMatching(/^steady: warning: .*empty\.txt: the file is empty/),
      expect.stringMatching(/^steady: warning: .*latin1\.txt: is not valid UTF-8/),
      expect.stringMatching(/^steady: .*rows\.csv:3: this row has 3 fields/),
      expect.stringMatching(/^steady: .*rows\.csv:5: this row has 4 fields/),
      'steady: 2 inputs could not be read (see above); the others were linted.',
    ]);
    const out = result.stdout;
    expect(out.match(/reply\.txt:1:\d+/g)).toHaveLength(1);
    expect(out).toMatch(/good\.txt:1:1/);
    expect(out).toMatch(/latin1\.txt:1:\d+/);
    expect(out).toContain('macros.json#\\u001b]52;c;aGVsbG8=\\u0007 — \\u001b[2J\\u001b[HRefund');
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(out.trimEnd().split('\n').at(-1)).toMatch(/in 5 texts/);
  });
});

describe('--rules', () => {
  it('lists every problem of a team pack, one per line', async () => {
    const { loadTeamPack } = await import('../../lib/cli/team-pack');
    const { builtinPack } = await import('../../lib/engine');
    const path = join(dir, 'team.yaml');
    const [builtin] = builtinPack().pack.rules;
    const ok = { category: 'jargon', severity: 'warning', message: 'Plain words.', match: ['zorgle queue'], rewrites: ['our team'], examples: { flag: ['a', 'b', 'c'], pass: ['d', 'e', 'f'] } };
    writeFileSync(path, JSON.stringify({ rules: [{ ...ok, id: 'one', severity: 'loud' }, { ...ok, id: 'two', match: ['(zorgle'] }, { ...ok, id: 'three', rewrites: [] }] }));
    const e = (() => {
      try {
        loadTeamPack(path, builtinPack().pack);
      } catch (error) {
        return error as Error;
      }
      throw new Error('expected an error');
    })();
    expect(e.message.split('\n')).toEqual([
      `${path}: 3 problems:`,
      expect.stringMatching(/rule "one", field "severity"/),
      expect.stringMatching(/rule "three", field "rewrites"/),
      expect.stringMatching(/rule "two", field "match\[0\]"/),
    ]);
    writeFileSync(path.replace('.yaml', '.json'), JSON.stringify({ rules: [{ ...ok, id: builtin.id }, { ...ok, id: 'fine' }] }));
    expect(() => loadTeamPack(path.replace('.yaml', '.json'), builtinPack().pack)).toThrow(`rule "${builtin.id}", field "id": is already a built-in rule`);
  });
});
