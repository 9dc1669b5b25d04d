/**
 * Underlines for textareas: the Highlight API cannot reach inside a text
 * field, so a transparent copy of its text with the same font, padding,
 * wrapping and scroll sits exactly over it (in a shadow root attached outside
 * the editor, pointer-events none) and draws the underlines.
 */
import { SEVERITIES } from '../engine/types';
import type { Mark, UnderlineLayer } from './underlines';
import { trackBox, zIndexAbove } from './track';
import { underlineCss } from './underline-style';

const COPIED = [
  'boxSizing', 'fontFamily', 'fontSize', 'fontStyle', 'fontWeight', 'fontVariant', 'fontStretch', 'fontFeatureSettings',
  'fontKerning', 'letterSpacing', 'wordSpacing', 'lineHeight', 'textTransform', 'textIndent', 'textAlign', 'direction',
  'tabSize', 'wordBreak', 'overflowWrap', 'whiteSpace', 'hyphens',
  'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft',
  'borderTopWidth', 'borderRightWidth', 'borderBottomWidth', 'borderLeftWidth',
  'borderTopStyle', 'borderRightStyle', 'borderBottomStyle', 'borderLeftStyle',
] as const;

const STYLE = `
:host { all: initial; }
.mirror { position: absolute; overflow: hidden; color: transparent; pointer-events: none; border-color: transparent; margin: 0; }
.mark { border-radius: 2px; }
${SEVERITIES.map((severity) => `.mark.${severity} { ${underlineCss(severity)} }`).join('\n')}
.mark.active { background-color: rgba(255, 200, 60, 0.45); }
`;

export function createMirrorLayer(field: HTMLTextAreaElement | HTMLInputElement): UnderlineLayer {
  const doc = field.ownerDocument;
  const win = doc.defaultView!;
  const host = doc.createElement('steady-underlines');
  host.style.cssText = 'position:absolute;left:0;top:0;width:0;height:0;pointer-events:none;';
  // Closed: the page cannot read which phrases Steady underlines.
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = STYLE;
  const mirror = doc.createElement('div');
  mirror.className = 'mirror';
  mirror.setAttribute('aria-hidden', 'true');
  shadow.append(style, mirror);
  doc.documentElement.appendChild(host);

  let spans: HTMLSpanElement[] = [];
  let marks: readonly Mark[] = [];
  let active: number | null = null;

  const layout = () => {
    const cs = win.getComputedStyle(field);
    for (const prop of COPIED) mirror.style[prop] = cs[prop];
    if (field instanceof win.HTMLInputElement) mirror.style.whiteSpace = 'pre';
    else if (!cs.whiteSpace.startsWith('pre')) mirror.style.whiteSpace = 'pre-wrap';
    const rect = field.getBoundingClientRect();
    // The field's scrollbar narrows its text area; the mirror has none, so pad it by the same width.
    const borders = parseFloat(cs.borderLeftWidth) + parseFloat(cs.borderRightWidth);
    const scrollbar = Math.max(0, field.offsetWidth - field.clientWidth - borders);
    mirror.style.paddingRight = `${parseFloat(cs.paddingRight) + scrollbar}px`;
    mirror.style.boxSizing = 'border-box';
    mirror.style.width = `${rect.width}px`;
    mirror.style.height = `${rect.height}px`;
    mirror.style.left = `${rect.left + win.scrollX}px`;
    mirror.style.top = `${rect.top + win.scrollY}px`;
    mirror.style.display = rect.width === 0 && rect.height === 0 ? 'none' : 'block';
    host.style.zIndex = String(zIndexAbove(field));
    syncScroll();
  };
  const syncScroll = () => {
    mirror.scrollTop = field.scrollTop;
    mirror.scrollLeft = field.scrollLeft;
  };

  const fill = () => {
    const text = field.value;
    const parts: Node[] = [];
    spans = [];
    let at = 0;
    marks.forEach((m, i) => {
      const start = Math.max(m.start, at);
      if (m.end <= start) {
        spans[i] = doc.createElement('span');
        return;
      }
      parts.push(doc.createTextNode(text.slice(at, start)));
      const span = doc.createElement('span');
      span.className = `mark ${m.severity}${i === active ? ' active' : ''}`;
      span.textContent = text.slice(start, m.end);
      spans[i] = span;
      parts.push(span);
      at = m.end;
    });
    // A trailing newline only counts as a line when something follows it.
    parts.push(doc.createTextNode(text.slice(at) + '\u200b'));
    mirror.replaceChildren(...parts);
    syncScroll();
  };

  const stopTracking = trackBox(field, layout);
  field.addEventListener('scroll', syncScroll, { passive: true });
  layout();

  return {
    render(next) {
      marks = next;
      if (active !== null && active >= marks.length) active = null;
      layout();
      fill();
    },
    setActive(index) {
      active = index;
      fill();
    },
    rectsOf(index) {
      const span = spans[index];
      if (!span || !span.isConnected) return [];
      const box = field.getBoundingClientRect();
      // Only the parts scrolled into the field's visible box can be clicked.
      return [...span.getClientRects()].filter((r) => r.bottom > box.top && r.top < box.bottom);
    },
    destroy() {
      stopTracking();
      field.removeEventListener('scroll', syncScroll);
      host.remove();
    },
  };
}
