/** The CLI's input readers, in process: what text each format yields and how bad input is refused. */
import { describe, expect, it } from 'vitest';
import { parseInput } from '../../lib/cli/inputs';
import { htmlToText } from '../../lib/cli/html-text';
import { positionsIn } from '../../lib/cli/positions';
import { CliError } from '../../lib/cli/errors';

const macros = (actions: unknown[]) => JSON.stringify({ macros: [{ id: 7, title: 'T', actions }] });

describe('htmlToText', () => {
  it('turns paragraphs and breaks into lines, drops tags and decodes entities', () => {
    const html = '<p>Hi&nbsp;there,</p>\n<p>Fish &amp; chips &lt;3 &#8212; <a href="x">link</a><br/>Bye &#x1F642;</p><!-- note -->';
    expect(htmlToText(html)).toBe('Hi there,\nFish & chips <3 — link\nBye 🙂');
  });

  it('leaves unknown entities as written and drops script content', () => {
    expect(htmlToText('a &bogus; b<script>alert(1)</script>')).toBe('a &bogus; b');
  });
});

describe('Zendesk macros export', () => {
  it('reads comment_value as text or as [channel, text], and comment_value_html as text', () => {
    const texts = parseInput('m.json', macros([
      { field: 'comment_value', value: 'Plain words.' },
      { field: 'comment_value', value: ['channel:all', 'Channel words.'] },
      { field: 'comment_value_html', value: '<p>Html <i>words</i>.</p>' },
      { field: 'comment_mode_is_public', value: 'true' },
    ]), 'json');
    expect(texts.map((t) => [t.id, t.title, t.field, t.text])).toEqual([
      ['7', 'T', 'comment_value', 'Plain words.'],
      ['7', 'T', 'comment_value', 'Channel words.'],
      ['7', 'T', 'comment_value_html', 'Html words.'],
    ]);
  });

  it('reads the body of side conversations, stripping HTML bodies', () => {
    const texts = parseInput('m.json', macros([
      { field: 'side_conversation', value: ['Subject line', '<p>Side <b>body</b></p>', 'support@example.com', 'text/html'] },
      { field: 'side_conversation_slack', value: ['', 'Slack body'] },
    ]), 'json');
    expect(texts.map((t) => t.text)).toEqual(['Side body', 'Slack body']);
  });

  it('accepts a single exported macro and refuses other JSON', () => {
    expect(parseInput('m.json', JSON.stringify({ macro: { id: 1, actions: [{ field: 'comment_value', value: 'Hi.' }] } }), 'json')).toHaveLength(1);
    expect(() => parseInput('other.json', '{"tickets": []}', 'json')).toThrow(/other\.json: not a Zendesk macros export/);
  });
});

describe('JSONL and CSV', () => {
  it('falls back to the line number when a JSONL record has no id', () => {
    expect(parseInput('r.jsonl', '\n{"text": "Hello."}\n', 'jsonl')).toEqual([{ file: 'r.jsonl', id: 'line-2', text: 'Hello.' }]);
  });

  it('names file and line of a record without text', () => {
    expect(() => parseInput('r.jsonl', '{"id": 1, "text": "ok"}\n{"id": 2, "body": "x"}', 'jsonl')).toThrow(new CliError('r.jsonl:2: expected an object with a string "text" field'));
  });

  it('reads a CSV with a BOM and header case differences, and refuses one without a text column', () => {
    const texts = parseInput('m.csv', '\uFEFFID,Title,Text\nx,Greeting,"Hi, you"\n', 'csv');
    expect(texts).toEqual([{ file: 'm.csv', id: 'x', title: 'Greeting', text: 'Hi, you' }]);
    expect(() => parseInput('n.csv', 'id,body\n1,hi\n', 'csv')).toThrow(/n\.csv: no "text" column \(found: id, body\)/);
    expect(() => parseInput('q.csv', 'id,text\n1,"open\n', 'csv')).toThrow(/^q\.csv: .*quote/i);
  });
});

describe('positionsIn', () => {
  it('counts lines across \\n, \\r\\n and \\r, with 1-based UTF-16 columns', () => {
    const at = positionsIn('a\r\nb🙂c\rd\ne');
    expect([0, 3, 6, 8, 10].map(at)).toEqual([
      { line: 1, column: 1 },
      { line: 2, column: 1 },
      { line: 2, column: 4 },
      { line: 3, column: 1 },
      { line: 4, column: 1 },
    ]);
  });
});
