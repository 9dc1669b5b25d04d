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

/** A contenteditable composer holding test-only markup (the product never inserts HTML). */
function composer(html: string): HTMLElement {
  const root = document.createElement('div');
  root.contentEditable = 'true';
  root.innerHTML = html;
  document.body.replaceChildren(root);
  return root;
}

/** Where a range starts and ends, as (node, offset) pairs a test can compare with toEqual. */
const ends = (range: Range) => [range.startContainer, range.startOffset, range.endContainer, range.endOffset];

describe('readDraft text (contenteditable)', () => {
  it.each([
    ['nested inline marks read as one run', '<p>Hello <b>big <i>bad</i> <a href="#">world</a></b>!</p>', 'Hello big bad world!'],
    ['scripts, styles, noscript and templates are not text', '<p>Hi<script>x()</script><style>p{}</style><noscript>n</noscript><template>t</template> there</p>', 'Hi there'],
    ['comments are not text', '<p>Hi<!-- note --> there</p>', 'Hi there'],
    ['text before, inside and after a block is three lines', 'before<p>middle</p>after', 'before\nmiddle\nafter'],
    ['nested blocks do not add empty lines', '<div><p>a</p></div><div><div><p>b</p></div></div>', 'a\nb'],
    ['a heading, a list and a quote are separate lines', '<h2>Title</h2><ol><li>one</li><li>two</li></ol><blockquote>quoted</blockquote>', 'Title\none\ntwo\nquoted'],
    ['table cells are separate lines', '<table><tbody><tr><td>a</td><td>b</td></tr></tbody></table>', 'a\nb'],
    ['two <br> make an empty line', 'a<br><br>b', 'a\n\nb'],
    ['a <br> inside an inline mark still breaks the line', '<p><b>a<br></b>b</p>', 'a\nb'],
    ['a <br> before a block adds no line', 'a<br><div>b</div>', 'a\nb'],
    ['a <br> at the end of the draft adds no line', 'a<br>', 'a'],
    ['a <br> followed only by fillers, comments, scripts and empty widgets adds no line', '<p>a<br><span>\u200b</span><!-- c --><script>1</script><span contenteditable="false"> </span></p><p>b</p>', 'a\nb'],
    ['a <br> followed by an image breaks the line', 'a<br><img alt="">', 'a\n\uFFFC'],
    ['a <br> followed by a chip breaks the line', 'a<br><span contenteditable="false">@Mia</span>', 'a\n\uFFFC'],
    ['a <br> followed by text in an inline mark breaks the line', 'a<br><i><b>b</b></i>', 'a\nb'],
    ['a <br> followed by text that starts with a filler breaks the line', 'a<br>\u200bb', 'a\nb'],
    ['images, form controls and media are one placeholder each', '<p>a<img alt="x">b<input>c<button>Go</button>d<video></video></p>', 'a\uFFFCb\uFFFCc\uFFFCd\uFFFC'],
    ['a non-editable widget holding only an image is a placeholder, not skipped', '<p>a<span contenteditable="false"><img alt=""></span>b</p>', 'a\uFFFCb'],
    ['an atom at the start of a block starts the new line', '<p>a</p><p><img alt="">b</p>', 'a\n\uFFFCb'],
    ['an empty paragraph between two is an empty line', '<p>a</p><p></p><p>b</p>', 'a\n\nb'],
    ['fillers anywhere in a text node are dropped', '<p>\u200bH\u2060i\ufeff there\u200b</p>', 'Hi there'],
    ['a text node of fillers only adds nothing', '<p>a</p><p>\u2060\u2060</p>', 'a\n'],
    ['source formatting between blocks is not text', '<p>a</p>\n  <p>b</p>\n', 'a\nb'],
    ['a non-breaking space on a line of its own is text', '<p>a</p>\n\u00a0<p>b</p>', 'a\n\n\u00a0\nb'],
    ['spaces without a newline are text', '<p>a <b>b</b> <i>c</i></p>', 'a b c'],
    ['text with a filler right after a block starts a new line', '<p>y</p>\u200bz', 'y\nz'],
    ['a <br> right after a block makes an empty line', '<p>a</p><br>b', 'a\n\nb'],
    ['a <br> before source formatting and a block adds no line', 'a<br>\n  <p>b</p>', 'a\nb'],
    ['a <br> at the end of a mark at the end of a block adds no line', '<p><b>a<br></b></p>c', 'a\nc'],
    ['of two <br> at the end, only the last adds no line', 'a<br><br>', 'a\n'],
  ])('%s', (_what, html, text) => {
    expect(readDraft(composer(html)).text).toBe(text);
  });

  it('keeps the words of a text node that ends or starts with a source newline', () => {
    expect(readDraft(composer('<p>Thanks\n</p><p>\nBye</p>')).text.split(/\s+/)).toEqual(['Thanks', 'Bye']);
  });

  it('keeps newlines typed in a pre-formatted composer', () => {
    expect(readDraft(composer('<p style="white-space: pre-wrap">a</p>')).text).toBe('a');
    const root = composer('');
    root.style.whiteSpace = 'pre-wrap';
    root.append('line one', document.createTextNode('\n'), 'line two');
    expect(readDraft(root).text).toBe('line one\nline two');
    root.style.whiteSpace = 'break-spaces';
    expect(readDraft(root).text).toBe('line one\nline two');
    root.style.whiteSpace = 'normal';
    expect(readDraft(root).text).toBe('line oneline two');
  });

  it('reads the composer itself even when it matches the skip selector or is not editable', () => {
    const root = composer('<div>kept</div><div class="quote">dropped</div>');
    root.className = 'quote';
    root.setAttribute('contenteditable', 'false');
    expect(readDraft(root, { skip: '.quote' }).text).toBe('kept');
  });

  it('reads an empty composer as empty text and maps every offset to its start', () => {
    const root = composer('');
    const draft = readDraft(root);
    expect(draft.text).toBe('');
    expect(ends(draft.toRange(0, 5)!)).toEqual([root, 0, root, 0]);
    expect(draft.offsetOf(root, 0)).toBe(0);
  });
});

describe('readDraft offsets ↔ DOM (contenteditable)', () => {
  it('maps a span inside nested marks to exactly its characters', () => {
    const root = composer('<p>Hello <b>big <i>bad</i> <a href="#">world</a></b>!</p>');
    const draft = readDraft(root);
    expect(draft.toRange(6, 19)!.toString()).toBe('big bad world');
    expect(draft.toRange(10, 13)!.toString()).toBe('bad');
    const bad = root.querySelector('i')!.firstChild!;
    expect(ends(draft.toRange(10, 13)!)).toEqual([bad, 0, bad, 3]);
  });

  it('puts both ends of a word next to a filler on the word, never on the filler', () => {
    const root = composer('<p>Hi\u200b there\u2060</p>');
    const node = root.querySelector('p')!.firstChild!;
    const draft = readDraft(root);
    expect(draft.text).toBe('Hi there');
    expect(ends(draft.toRange(0, 2)!)).toEqual([node, 0, node, 2]);
    expect(ends(draft.toRange(2, 8)!)).toEqual([node, 3, node, 9]);
    expect(draft.toRange(2, 8)!.toString()).toBe(' there');
  });

  it('at a line break, starts a span on the next line and ends it on the previous one', () => {
    const root = composer('<p>ab</p><p>cd</p>');
    const [first, second] = [...root.querySelectorAll('p')].map((p) => p.firstChild!);
    const draft = readDraft(root);
    expect(draft.text).toBe('ab\ncd');
    expect(ends(draft.toRange(0, 2)!)).toEqual([first, 0, first, 2]);
    expect(ends(draft.toRange(3, 5)!)).toEqual([second, 0, second, 2]);
    // The separator itself runs from after the first paragraph to the start of the second.
    expect(ends(draft.toRange(2, 3)!)).toEqual([root, 1, root.children[1], 0]);
    expect(draft.toRange(0, 5)!.toString()).toBe('abcd');
  });

  it('starts the separator before a block at the block when text precedes it', () => {
    const root = composer('ab<p>cd</p>');
    const draft = readDraft(root);
    expect(draft.text).toBe('ab\ncd');
    expect(ends(draft.toRange(2, 3)!)).toEqual([root, 1, root.children[0], 0]);
  });

  it('starts the separator before a block at the block when the text before it follows an earlier block', () => {
    const root = composer('<p>a</p>b<p>c</p>');
    const draft = readDraft(root);
    expect(draft.text).toBe('a\nb\nc');
    expect(ends(draft.toRange(3, 4)!)).toEqual([root, 2, root.children[1], 0]);
    expect(draft.toRange(3, 5)!.toString()).toBe('c');
  });

  it('maps a <br> line break to the <br> element', () => {
    const root = composer('<p>ab<br>cd</p>');
    const p = root.firstElementChild!;
    const draft = readDraft(root);
    expect(draft.text).toBe('ab\ncd');
    expect(ends(draft.toRange(2, 3)!)).toEqual([p, 1, p, 2]);
    expect(ends(draft.toRange(3, 5)!)).toEqual([p.lastChild, 0, p.lastChild, 2]);
  });

  it('maps an atom to the element, so replacing the span replaces the chip', () => {
    const root = composer('<p>Hi <span contenteditable="false">@Mia</span>, ok</p>');
    const p = root.firstElementChild!;
    const draft = readDraft(root);
    expect(ends(draft.toRange(3, 4)!)).toEqual([p, 1, p, 2]);
    expect(draft.toRange(3, 4)!.toString()).toBe('@Mia');
  });

  it('clamps offsets outside the text and collapses a span that ends before it starts', () => {
    const root = composer('<p>abc</p>');
    const node = root.querySelector('p')!.firstChild!;
    const draft = readDraft(root);
    expect(ends(draft.toRange(-4, 99)!)).toEqual([node, 0, node, 3]);
    expect(ends(draft.toRange(2, 1)!)).toEqual([node, 2, node, 2]);
    expect(draft.toRange(2, 1)!.collapsed).toBe(true);
  });

  it('finds the offset of text positions around fillers', () => {
    const root = composer('<p>Hi\u200b there</p>');
    const node = root.querySelector('p')!.firstChild!;
    const draft = readDraft(root);
    expect([0, 1, 2, 3, 4, 9].map((o) => draft.offsetOf(node, o))).toEqual([0, 1, 2, 2, 3, 8]);
    const leading = composer('<p>\u200bHi</p>');
    expect(readDraft(leading).offsetOf(leading.querySelector('p')!.firstChild!, 0)).toBe(0);
  });

  it('finds the offset of element positions and of nodes the text leaves out', () => {
    const root = composer('<p>ab</p><script>x</script><p>cd</p><div class="sig">Ana</div>');
    const draft = readDraft(root, { skip: '.sig' });
    expect(draft.text).toBe('ab\ncd');
    expect(draft.offsetOf(root, 0)).toBe(0);
    expect(draft.offsetOf(root.children[0], 1)).toBe(2);
    // Between the first paragraph and the script: where the line separator starts.
    expect(draft.offsetOf(root, 1)).toBe(2);
    // Inside the script between the paragraphs: the next line's start.
    expect(draft.offsetOf(root.children[1].firstChild!, 1)).toBe(3);
    expect(draft.offsetOf(root.children[2], 0)).toBe(3);
    expect(draft.offsetOf(root.children[3].firstChild!, 2)).toBe(5);
    expect(draft.offsetOf(root, root.childNodes.length)).toBe(5);
  });
});

describe('readDraft selection (contenteditable)', () => {
  it('reads a backwards selection as start ≤ end', () => {
    const root = composer('<p>Hello <b>world</b></p>');
    const draft = readDraft(root);
    const p = root.firstElementChild!;
    document.getSelection()!.setBaseAndExtent(p.querySelector('b')!.firstChild!, 3, p.firstChild!, 1);
    expect(draft.selection()).toEqual({ start: 1, end: 9 });
  });

  it('has no selection when there is none or when it is outside the composer', () => {
    const root = composer('<p>Hello</p>');
    const outside = document.createElement('p');
    outside.textContent = 'elsewhere';
    document.body.append(outside);
    const draft = readDraft(root);
    document.getSelection()!.removeAllRanges();
    expect(draft.selection()).toBeNull();
    document.getSelection()!.setBaseAndExtent(outside.firstChild!, 0, outside.firstChild!, 4);
    expect(draft.selection()).toBeNull();
    // Starting inside and reaching outside is not a selection in the composer either.
    document.getSelection()!.setBaseAndExtent(root.querySelector('p')!.firstChild!, 1, outside.firstChild!, 4);
    expect(draft.selection()).toBeNull();
    document.getSelection()!.setBaseAndExtent(outside.firstChild!, 1, root.querySelector('p')!.firstChild!, 4);
    expect(draft.selection()).toBeNull();
  });

  it('select() selects exactly the span, collapses a reversed one, and tells the editor at once', () => {
    const root = composer('<p>Please calm down.</p>');
    const text = root.querySelector('p')!.firstChild!;
    const draft = readDraft(root);
    let changes = 0;
    document.addEventListener('selectionchange', () => changes++);
    // However many selectionchange events the browser fires by itself, select() adds one of its own before returning.
    document.getSelection()!.setBaseAndExtent(text, 0, text, 1);
    const fromBrowser = changes;
    draft.select(7, 16);
    expect(document.getSelection()!.toString()).toBe('calm down');
    expect(changes).toBe(2 * fromBrowser + 1);
    draft.select(9, 3);
    expect(draft.selection()).toEqual({ start: 9, end: 9 });
    expect(document.getSelection()!.isCollapsed).toBe(true);
  });
});

describe('readDraft (text fields)', () => {
  it('maps an input 1:1 to its value and keeps its selection while unfocused', () => {
    const input = document.createElement('input');
    input.value = 'calm down';
    document.body.replaceChildren(input);
    const draft = readDraft(input);
    expect(draft.text).toBe('calm down');
    draft.select(5, 9);
    expect([input.selectionStart, input.selectionEnd]).toEqual([5, 9]);
    expect(draft.selection()).toEqual({ start: 5, end: 9 });
    expect(draft.offsetOf(input, 4)).toBe(4);
  });

  it('has no selection in a field that has none (an email field)', () => {
    const input = document.createElement('input');
    input.type = 'email';
    input.value = 'dana@example.com';
    document.body.replaceChildren(input);
    expect(readDraft(input).selection()).toBeNull();
  });

  it('reads a text field even when the rich-text skip selector would match it', () => {
    const area = document.createElement('textarea');
    area.className = 'quote';
    area.value = 'hello';
    document.body.replaceChildren(area);
    expect(readDraft(area, { skip: '.quote' }).text).toBe('hello');
  });
});
