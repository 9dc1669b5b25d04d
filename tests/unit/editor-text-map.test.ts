// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readDraft, ATOM_CHAR } from '../../lib/editor/text-map';
import { draftBodyArb as bodyArb, draftHtml, type Block } from '../editor-pages/draft-arbitrary';

function build(blocks: Block[]): HTMLElement {
  const root = document.createElement('div');
  root.contentEditable = 'true';
  root.innerHTML = draftHtml(blocks);
  document.body.replaceChildren(root);
  return root;
}

/** Text of a DOM fragment as the map would read it, without line separators. */
function flatText(range: Range): string {
  const holder = document.createElement('div');
  holder.appendChild(range.cloneContents());
  return readDraft(holder).text.replace(/\n/g, '');
}

const spans = (text: string) =>
  fc.tuple(fc.nat({ max: text.length }), fc.nat({ max: text.length })).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);

describe('readDraft text map (contenteditable)', () => {
  it('toRange(s, e) covers exactly text.slice(s, e), up to line separators', () => {
    fc.assert(
      fc.property(bodyArb, fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 6 }), (body, pairs) => {
        const draft = readDraft(build(body));
        for (const [a, b] of pairs) {
          const s = Math.min(a, b) % (draft.text.length + 1);
          const e = Math.max(s, Math.max(a, b) % (draft.text.length + 1));
          expect(flatText(draft.toRange(s, e)!)).toBe(draft.text.slice(s, e).replace(/\n/g, ''));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('offsetOf inverts toRange for every offset', () => {
    fc.assert(
      fc.property(bodyArb, (body) => {
        const draft = readDraft(build(body));
        for (let i = 0; i <= draft.text.length; i++) {
          const r = draft.toRange(i, i)!;
          expect(draft.offsetOf(r.startContainer, r.startOffset)).toBe(i);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('keeps emoji and NBSP, drops fillers, and makes chips one placeholder', () => {
    fc.assert(
      fc.property(bodyArb, (body) => {
        const root = build(body);
        const draft = readDraft(root);
        expect(draft.text).not.toMatch(/\u2060/);
        const visible = (root.textContent ?? '').replace(/\u2060/g, '');
        const chips = [...root.querySelectorAll('[contenteditable="false"]')];
        const chipText = chips.map((c) => c.textContent).join('');
        // Every visible character appears once, except chip labels which collapse to a placeholder each.
        expect(draft.text.replace(/[\n\uFFFC]/g, '').length).toBe(visible.length - chipText.length);
        expect(draft.text.split(ATOM_CHAR).length - 1).toBe(chips.length + root.querySelectorAll('img').length);
      }),
      { numRuns: 200 },
    );
  });

  it('select() then selection() round-trips', () => {
    fc.assert(
      fc.property(
        bodyArb.chain((body) => {
          const text = readDraft(build(body)).text;
          return fc.tuple(fc.constant(body), spans(text));
        }),
        ([body, [s, e]]) => {
          const draft = readDraft(build(body));
          draft.select(s, e);
          expect(draft.selection()).toEqual({ start: s, end: e });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reads the shapes editors produce', () => {
    const cases: [string, string][] = [
      ['<p>Hello</p><p><br data-cke-filler="true"></p><p>World</p>', 'Hello\n\nWorld'],
      ['<p>Hi<br class="ProseMirror-trailingBreak"></p>', 'Hi'],
      ['<p>\u2060\u2060\u2060\u2060\u2060\u2060\u2060Hi</p>', 'Hi'],
      ['<div>Hello</div><div><br></div><div>World</div>', 'Hello\n\nWorld'],
      ['Line one<br>line two', 'Line one\nline two'],
      ['<ul><li>a</li><li>b</li></ul><p>c</p>', 'a\nb\nc'],
      ['<p>Hi <span contenteditable="false">@Mia</span>, ok</p>', 'Hi \uFFFC, ok'],
      ['<div>a<div>b</div>c</div>', 'a\nb\nc'],
      ['<p>a\u00a0 😀</p>', 'a\u00a0 😀'],
      ['<ol><li><span class="ql-ui" contenteditable="false"></span>One</li><li><span class="ql-ui" contenteditable="false"></span>Two</li></ol>', 'One\nTwo'],
      ['<p>Hi\u200b there</p>', 'Hi there'],
    ];
    for (const [html, text] of cases) {
      const root = document.createElement('div');
      root.innerHTML = html;
      document.body.replaceChildren(root);
      expect(readDraft(root).text).toBe(text);
    }
  });

  it('leaves out parts matching the skip selector (quoted history, signature) and still maps the rest', () => {
    const root = document.createElement('div');
    root.innerHTML = '<div>Please calm down.</div><div class="gmail_signature">Ana</div><div class="gmail_quote"><blockquote>Calm down yourself</blockquote></div><div>Bye</div>';
    document.body.replaceChildren(root);
    const draft = readDraft(root, { skip: '.gmail_quote, .gmail_signature' });
    expect(draft.text).toBe('Please calm down.\nBye');
    expect(draft.toRange(18, 21)!.toString()).toBe('Bye');
  });

  it('maps a textarea 1:1 to its value', () => {
    const area = document.createElement('textarea');
    area.value = 'Please calm down.\nThanks';
    document.body.replaceChildren(area);
    area.focus();
    const draft = readDraft(area);
    expect(draft.text).toBe(area.value);
    draft.select(7, 16);
    expect(draft.selection()).toEqual({ start: 7, end: 16 });
    expect(draft.toRange(0, 3)).toBeNull();
  });
});
