/**
 * Reads a composer's draft as plain text with an exact, two-way mapping between
 * text offsets and DOM positions, so engine findings (UTF-16 offsets) can be
 * highlighted and replaced in the live editor.
 *
 * Rich editors (contenteditable): block elements are separated by one "\n",
 * <br> is "\n", atoms (contenteditable=false chips, images) are one U+FFFC,
 * zero-width fillers that editors insert (CKEditor's U+2060 run, Froala's
 * U+200B, trailing <br> placeholders, empty non-editable UI spans such as
 * Quill's list markers) are skipped. Text fields: the value, offsets identical.
 */
import { selectionAt } from './tree';

export const ATOM_CHAR = '\uFFFC';

/** Characters editors insert for caret placement that are not part of the draft. */
const FILLER_CHARS = /[\u200B\u2060\uFEFF]/;
const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE',
  'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE',
  'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL',
]);
const ATOM_TAGS = new Set(['IMG', 'VIDEO', 'AUDIO', 'IFRAME', 'OBJECT', 'EMBED', 'CANVAS', 'SVG', 'INPUT', 'SELECT', 'TEXTAREA', 'BUTTON']);
const INVISIBLE_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);

export type TextField = HTMLTextAreaElement | HTMLInputElement;
export type Composer = HTMLElement;

export interface DomPosition {
  node: Node;
  offset: number;
}

export interface Draft {
  readonly text: string;
  /** DOM range covering text[start, end); null for text fields (no DOM inside). */
  toRange(start: number, end: number): Range | null;
  /** Text offset of a DOM boundary point inside the composer. */
  offsetOf(node: Node, offset: number): number;
  /** The current selection as text offsets, or null when it is not inside the composer (text fields keep theirs). */
  selection(): { start: number; end: number } | null;
  /** Selects text[start, end) in the composer (the composer should have focus). */
  select(start: number, end: number): void;
}

export function isTextField(el: Element): el is TextField {
  return el instanceof el.ownerDocument.defaultView!.HTMLTextAreaElement || el instanceof el.ownerDocument.defaultView!.HTMLInputElement;
}

export interface ReadOptions {
  /** CSS selector of parts of a rich composer that are not the agent's words (quoted history, signature): left out of the text. */
  skip?: string;
}

export function readDraft(composer: Composer, options: ReadOptions = {}): Draft {
  return isTextField(composer) ? readTextField(composer) : readRich(composer, options.skip);
}

function readTextField(field: TextField): Draft {
  const text = field.value;
  return {
    text,
    toRange: () => null,
    offsetOf: (_node, offset) => offset,
    // A text field keeps its own selection while unfocused.
    selection: () => (field.selectionStart === null ? null : { start: field.selectionStart, end: field.selectionEnd ?? field.selectionStart }),
    select: (start, end) => field.setSelectionRange(start, end),
  };
}

/** A piece of the text: a run of characters of one text node, or one synthetic character. */
type Segment =
  | { kind: 'text'; start: number; length: number; node: Text; nodeOffset: number }
  | { kind: 'virtual'; start: number; length: 1; before: DomPosition; after: DomPosition };

function readRich(root: HTMLElement, skip: string | undefined): Draft {
  const segments: Segment[] = [];
  let text = '';
  // A block boundary was crossed since the last character; the next content starts a new line.
  let blockEnded = false;
  let atLineStart = true;
  let lastClosedBlock: Element | null = null;

  const pushVirtual = (char: string, before: DomPosition, after: DomPosition) => {
    segments.push({ kind: 'virtual', start: text.length, length: 1, before, after });
    text += char;
  };
  const breakLineBefore = (node: Node) => {
    if (!blockEnded) return;
    const before = lastClosedBlock ? positionAfter(lastClosedBlock) : positionBefore(node);
    pushVirtual('\n', before, positionBefore(node));
    blockEnded = false;
  };

  const visit = (node: Node): void => {
    if (node.nodeType === 3) {
      const data = (node as Text).data;
      if (data.length === 0 || isFormattingWhitespace(node as Text)) return;
      // Most text nodes hold no filler at all: one segment, without testing each character.
      if (!FILLER_CHARS.test(data)) {
        breakLineBefore(node);
        segments.push({ kind: 'text', start: text.length, length: data.length, node: node as Text, nodeOffset: 0 });
        text += data;
        atLineStart = false;
        return;
      }
      let runStart = -1;
      for (let i = 0; i <= data.length; i++) {
        const filler = i === data.length || FILLER_CHARS.test(data[i]);
        if (!filler && runStart < 0) runStart = i;
        if (filler && runStart >= 0) {
          breakLineBefore(node);
          segments.push({ kind: 'text', start: text.length, length: i - runStart, node: node as Text, nodeOffset: runStart });
          text += data.slice(runStart, i);
          atLineStart = false;
          runStart = -1;
        }
      }
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    const tag = el.tagName.toUpperCase();
    if (INVISIBLE_TAGS.has(tag) || (skip && el !== root && el.matches(skip))) return;
    if (tag === 'BR') {
      if (isTrailingBreak(el, root)) return;
      breakLineBefore(el);
      pushVirtual('\n', positionBefore(el), positionAfter(el));
      atLineStart = true;
      return;
    }
    if (el !== root && isEmptyWidget(el)) return;
    if (ATOM_TAGS.has(tag) || (el !== root && el.getAttribute('contenteditable') === 'false')) {
      breakLineBefore(el);
      pushVirtual(ATOM_CHAR, positionBefore(el), positionAfter(el));
      atLineStart = false;
      return;
    }
    const block = el !== root && BLOCK_TAGS.has(tag);
    if (block && (blockEnded || !atLineStart)) {
      const before = blockEnded && lastClosedBlock ? positionAfter(lastClosedBlock) : positionBefore(el);
      pushVirtual('\n', before, { node: el, offset: 0 });
      blockEnded = false;
      atLineStart = true;
    }
    for (let child = el.firstChild; child; child = child.nextSibling) visit(child);
    if (block) {
      blockEnded = true;
      lastClosedBlock = el;
    }
  };
  visit(root);

  const doc = root.ownerDocument;

  /** DOM position of a text offset; "forward" prefers the start of the following segment at a boundary. */
  const positionAt = (offset: number, forward: boolean): DomPosition => {
    if (segments.length === 0) return { node: root, offset: 0 };
    const target = Math.max(0, Math.min(offset, text.length));
    // Binary search: first segment whose end is beyond (forward) or reaches (backward) the target.
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const end = segments[mid].start + segments[mid].length;
      if (forward ? end > target : end >= target) hi = mid;
      else lo = mid + 1;
    }
    const seg = segments[lo];
    const inside = Math.max(0, Math.min(target - seg.start, seg.length));
    if (seg.kind === 'text') return { node: seg.node, offset: seg.nodeOffset + inside };
    return inside === 0 ? seg.before : seg.after;
  };

  const toRange = (start: number, end: number): Range => {
    const range = doc.createRange();
    const from = positionAt(start, true);
    const to = end <= start ? from : positionAt(end, false);
    range.setStart(from.node, from.offset);
    range.setEnd(to.node, to.offset);
    return range;
  };

  const offsetOf = (node: Node, offset: number): number => {
    if (node.nodeType === 3) {
      for (const seg of segments) {
        if (seg.kind !== 'text' || seg.node !== node) continue;
        if (offset <= seg.nodeOffset + seg.length) return seg.start + Math.max(0, offset - seg.nodeOffset);
      }
    }
    // Element position or a node the text skips: the first segment that starts at or after it.
    const probe = doc.createRange();
    for (const seg of segments) {
      const pos = seg.kind === 'text' ? { node: seg.node, offset: seg.nodeOffset } : seg.before;
      probe.setStart(pos.node, pos.offset);
      if (probe.comparePoint(node, offset) <= 0) return seg.start;
    }
    return text.length;
  };

  return {
    text,
    toRange,
    offsetOf,
    selection: () => {
      const sel = selectionAt(root);
      if (!sel || sel.rangeCount === 0 || !root.contains(sel.anchorNode) || !root.contains(sel.focusNode)) return null;
      const a = offsetOf(sel.anchorNode!, sel.anchorOffset);
      const b = offsetOf(sel.focusNode!, sel.focusOffset);
      return { start: Math.min(a, b), end: Math.max(a, b) };
    },
    select: (start, end) => {
      const from = positionAt(start, true);
      const to = end <= start ? from : positionAt(end, false);
      selectionAt(root)?.setBaseAndExtent(from.node, from.offset, to.node, to.offset);
      // Editors sync their model's selection on `selectionchange`, which the browser fires a task later; a key
      // pressed meanwhile, or the editor re-rendering its stale selection, would put the caret back. Tell them now.
      doc.dispatchEvent(new (doc.defaultView!.Event)('selectionchange'));
    },
  };
}

function positionBefore(node: Node): DomPosition {
  const parent = node.parentNode!;
  return { node: parent, offset: Array.prototype.indexOf.call(parent.childNodes, node) };
}

function positionAfter(node: Node): DomPosition {
  const before = positionBefore(node);
  return { node: before.node, offset: before.offset + 1 };
}

/** A <br> with nothing after it on its line (end of block, or a block follows) only keeps the line open; it adds no line. */
function isTrailingBreak(br: Element, root: Element): boolean {
  let node: Node = br;
  for (;;) {
    for (let next = node.nextSibling; next; next = next.nextSibling) {
      if (next.nodeType === 1 && BLOCK_TAGS.has((next as Element).tagName.toUpperCase())) return true;
      if (hasContent(next)) return false;
    }
    const parent = node.parentNode;
    if (!parent || parent === root || (parent.nodeType === 1 && BLOCK_TAGS.has((parent as Element).tagName.toUpperCase()))) {
      return true;
    }
    node = parent;
  }
}

function hasContent(node: Node): boolean {
  if (node.nodeType === 3) return [...(node as Text).data].some((c) => !FILLER_CHARS.test(c));
  if (node.nodeType !== 1) return false;
  const el = node as Element;
  const tag = el.tagName.toUpperCase();
  if (INVISIBLE_TAGS.has(tag)) return false;
  if (isEmptyWidget(el)) return false;
  if (tag === 'BR' || ATOM_TAGS.has(tag) || BLOCK_TAGS.has(tag) || el.getAttribute('contenteditable') === 'false') return true;
  for (let child = el.firstChild; child; child = child.nextSibling) if (hasContent(child)) return true;
  return false;
}

/** A non-editable element with nothing in it (editor UI such as a list marker) is not part of the draft. */
function isEmptyWidget(el: Element): boolean {
  return el.getAttribute('contenteditable') === 'false' && !el.textContent?.trim() && !el.querySelector([...ATOM_TAGS].join(','));
}

/** Source-formatting whitespace between blocks (e.g. "\n  " in static HTML) is not rendered unless white-space is pre*. */
function isFormattingWhitespace(node: Text): boolean {
  if (!/^\s*\n\s*$/.test(node.data) || /\u00a0/.test(node.data)) return false;
  const parent = node.parentElement;
  if (!parent) return false;
  const view = parent.ownerDocument.defaultView;
  const whiteSpace = view?.getComputedStyle(parent).whiteSpace ?? '';
  return !whiteSpace.startsWith('pre') && whiteSpace !== 'break-spaces';
}
