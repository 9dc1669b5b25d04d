/**
 * Small read-only DOM helpers shared by the adapters: block-aware text
 * extraction that skips quoted history, editor detection, time parsing.
 */
export { editorKindOf } from '../editor/kind';

const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIGURE', 'FOOTER', 'H1', 'H2', 'H3',
  'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TR', 'UL',
]);
const NEVER_TEXT = 'script, style, noscript, template, svg';

/**
 * The visible text of `el` with line breaks at block boundaries, leaving out
 * any subtree matching `skip` (quotes, signatures). Walks instead of cloning so
 * a long thread costs no copy.
 */
export function readText(el: Element | null | undefined, skip = ''): string {
  if (!el) return '';
  // Threads only grow: a message whose text is unchanged is not walked again.
  const raw = el.textContent ?? '';
  const cached = readCache.get(el);
  if (cached && cached.raw === raw && cached.skip === skip) return cached.text;
  const text = walkText(el, skip);
  readCache.set(el, { raw, skip, text });
  return text;
}

const readCache = new WeakMap<Element, { raw: string; skip: string; text: string }>();

function walkText(el: Element, skip: string): string {
  const excluded = skip ? `${NEVER_TEXT}, ${skip}` : NEVER_TEXT;
  const parts: string[] = [];
  const walk = (node: Node): void => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        parts.push(child.nodeValue ?? '');
      } else if (child.nodeType === 1) {
        const element = child as Element;
        if (element.tagName === 'BR') {
          parts.push('\n');
          continue;
        }
        if (element.matches(excluded) || element.hasAttribute('hidden')) continue;
        const block = BLOCK_TAGS.has(element.tagName);
        if (block) parts.push('\n');
        walk(element);
        if (block) parts.push('\n');
      }
    }
  };
  walk(el);
  return tidy(parts.join(''));
}

/** Collapses runs of spaces and blank lines the markup introduces. */
export function tidy(text: string): string {
  return text
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.replace(/[ \t\r\f\v]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Trimmed text content of the first match, or undefined. */
export function textOf(scope: ParentNode | null | undefined, selector: string): string | undefined {
  const text = scope?.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();
  return text ? text : undefined;
}

/** ISO form of a machine-readable time (`datetime`, `title`), or undefined when it does not parse. */
export function isoTime(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** Time of the first `time[datetime]` inside `scope`. */
export function timeIn(scope: Element): string | undefined {
  return isoTime(scope.querySelector('time[datetime]')?.getAttribute('datetime'));
}

/** True for an element the user can type into. */
export function isEditable(el: Element | null): el is HTMLElement {
  if (!el) return false;
  if (el.tagName === 'TEXTAREA') return !(el as HTMLTextAreaElement).readOnly && !(el as HTMLTextAreaElement).disabled;
  const value = el.getAttribute('contenteditable');
  return value === '' || value === 'true' || value === 'plaintext-only';
}

/** Elements matching `selector` in `scope` that are editable, without duplicates, in page order. */
export function editablesIn(scope: ParentNode, selector: string): HTMLElement[] {
  const found: HTMLElement[] = [];
  for (const el of scope.querySelectorAll(selector)) {
    const target = isEditable(el) ? el : el.querySelector('[contenteditable="true"], textarea');
    if (isEditable(target) && !found.includes(target)) found.push(target);
  }
  return found;
}

/** Host matches `domain` itself or any subdomain of it. */
export function hostIs(url: URL, domain: string): boolean {
  return url.hostname === domain || url.hostname.endsWith(`.${domain}`);
}

/** Cuts a plain-text signature that starts with the conventional "-- " line. */
export function dropSignature(text: string): string {
  const match = /(^|\n)-- ?\n/.exec(text);
  return match ? text.slice(0, match.index).trim() : text;
}

/** Quoted history and signature markup that email-style bodies carry. */
export const QUOTED_HISTORY = 'blockquote, .gmail_quote, .gmail_signature, .signature, [data-signature]';
