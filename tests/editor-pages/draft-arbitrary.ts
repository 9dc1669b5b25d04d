/** Random composer bodies as rich editors produce them (blocks of inline text, marks, breaks, chips, images), for property tests. */
import fc from 'fast-check';

type Inline =
  | { t: 'text'; s: string }
  | { t: 'wrap'; tag: 'b' | 'i' | 'span' | 'a'; children: Inline[] }
  | { t: 'br' }
  | { t: 'chip'; label: string }
  | { t: 'img' };
export type Block = { tag: 'p' | 'div' | 'li' | 'h2'; children: Inline[] };

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
export const draftBodyArb = fc.array(blockArb, { minLength: 1, maxLength: 4 });

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function inlineHtml(item: Inline): string {
  if (item.t === 'text') return escape(item.s);
  if (item.t === 'br') return '<br>';
  if (item.t === 'img') return '<img alt="">';
  if (item.t === 'chip') return `<span contenteditable="false">${escape(item.label)}</span>`;
  return `<${item.tag}>${item.children.map(inlineHtml).join('')}</${item.tag}>`;
}

/** Test-only markup (the product never inserts HTML). */
export function draftHtml(blocks: Block[]): string {
  return blocks.map((b) => `<${b.tag}>${b.children.map(inlineHtml).join('')}</${b.tag}>`).join('');
}
