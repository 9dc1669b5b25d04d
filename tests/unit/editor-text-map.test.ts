// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readDraft, ATOM_CHAR } from '../../lib/editor/text-map';

/** A random composer body: blocks of inline content, as rich editors produce it. */
type Inline =
  | { t: 'text'; s: string }
  | { t: 'wrap'; tag: 'b' | 'i' | 'span' | 'a'; children: Inline[] }
  | { t: 'br' }
  | { t: 'chip'; label: string }
  | { t: 'img' };
type Block = { tag: 'p' | 'div' | 'li' | 'h2'; children: Inline[] };

const word = fc.constantFrom('calm', 'down', ' ', '\u00a0', '😀', 'é', 'x', 'I', "can't", '.', '\u2060', 'Hello world', '👍🏽');
const textArb = fc.array(word, { minLength: 1, maxLength: 5 }).map((parts) => parts.join(''));
const inlineArb: fc.Arbitrary<Inline> = fc.letrec<{ inline: Inline }>((tie) => ({
  inline: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ t: fc.constant('text' as const), s: textArb }),
    fc.record({ t: fc.constant('text' as const), s: textArb }),
    fc.record({ t: fc.constant('br' as const) }),
    fc.record({ t: fc.constant('chip' as const), label: fc.constantFrom('@Mia', 'Order #12') }),
    fc.record({ t: fc.constant('img' as const) }),
    fc.record({
      t: fc.constant('wrap' as const),
      tag: fc.constantFrom('b' as const, 'i' as const, 'span' as const, 'a' as const),
      children: fc.array(tie('inline'), { maxLength: 3 }),
    }),
  ),
})).inline;
const blockArb: fc.Arbitrary<Block> = fc.record({
  tag: fc.constantFrom('p' as const, 'div' as const, 'li' as const, 'h2' as const),
  children: fc.array(inlineArb, { maxLength: 4 }),
});
const bodyArb = fc.array(blockArb, { minLength: 1, maxLength: 4 });

function build(blocks: Block[]): HTMLElement {
  const root = document.createElement('div');
  root.contentEditable = 'true';
  const add = (parent: Node, item: Inline) => {
    if (item.t === 'text') parent.appendChild(document.createTextNode(item.s));
    else if (item.t === 'br') parent.appendChild(document.createElement('br'));
    else if (item.t === 'img') parent.appendChild(document.createElement('img'));
    else if (item.t === 'chip') {
      const chip = document.createElement('span');
      chip.contentEditable = 'false';
      chip.textContent = item.label;
      parent.appendChild(chip);
    } else {
      const el = document.createElement(item.tag);
      item.children.forEach((c) => add(el, c));
      parent.appendChild(el);
    }
  };
  for (const block of blocks) {
    const el = document.createElement(block.tag);
    block.children.forEach((c) => add(el, c));
    root.appendChild(el);
  }
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
    ];
    for (const [html, text] of cases) {
      const root = document.createElement('div');
      root.innerHTML = html;
      document.body.replaceChildren(root);
      expect(readDraft(root).text).toBe(text);
    }
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
