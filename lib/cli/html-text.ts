/**
 * Plain text of an HTML fragment (Zendesk comment_value_html), for linting in
 * Node without a DOM: block ends become line breaks, tags go, entities decode.
 */
const DROPPED = /<(script|style|head)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const LINE_BREAK = /<br\s*\/?>|<\/(p|div|li|h[1-6]|tr|blockquote|pre|ul|ol|table)\s*>/gi;
const TAG = /<!--[\s\S]*?-->|<\/?[a-z][^>]*>/gi;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', hellip: '…', mdash: '—', ndash: '–', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“' };

export function htmlToText(html: string): string {
  return html
    .replace(DROPPED, '')
    .replace(/\r?\n/g, ' ') // source line breaks are not rendered
    .replace(LINE_BREAK, '\n')
    .replace(TAG, '')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, decodeEntity)
    .replace(/[ \t]*\n[ \t]*/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function decodeEntity(whole: string, name: string): string {
  if (name[0] === '#') {
    const code = name[1].toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  }
  return NAMED[name.toLowerCase()] ?? whole;
}
