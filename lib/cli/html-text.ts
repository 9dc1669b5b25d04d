/**
 * Plain text of an HTML fragment (Zendesk comment_value_html), for linting in
 * Node without a DOM: block ends become line breaks, tags go, entities decode.
 * htmlparser2's tokenizer is a single pass, so unclosed tags ("<a<a<a…") or an
 * unclosed <style> cost linear time (regular expressions over them did not).
 */
import { Parser } from 'htmlparser2';

/** Elements whose content is never shown. */
const HIDDEN = new Set(['script', 'style', 'head', 'template', 'noscript', 'title']);
/** Elements that end a line. */
const BLOCKS = new Set(['p', 'div', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'blockquote', 'pre', 'ul', 'ol', 'table']);

export function htmlToText(html: string): string {
  const parts: string[] = [];
  let hidden = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (HIDDEN.has(name)) hidden++;
        else if (name === 'br' && !hidden) parts.push('\n');
      },
      onclosetag(name) {
        if (HIDDEN.has(name)) hidden = Math.max(0, hidden - 1);
        else if (BLOCKS.has(name) && !hidden) parts.push('\n');
      },
      ontext(text) {
        // Source line breaks are not rendered.
        if (!hidden) parts.push(text.replace(/\r?\n/g, ' '));
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return tidyLines(parts.join(''));
}

/** Each line without spaces and tabs at its ends, at most one blank line in a row, no blank lines around the text. */
function tidyLines(text: string): string {
  const lines: string[] = [];
  let blank = 0;
  for (const raw of text.replace(/\u00a0/g, ' ').split('\n')) {
    const line = trimSpaces(raw);
    blank = line ? 0 : blank + 1;
    if (blank <= 1) lines.push(line);
  }
  return lines.join('\n').trim();
}

/** Spaces and tabs off both ends, by scanning (a /[ \t]+$/ pattern is quadratic on long runs of spaces). */
function trimSpaces(line: string): string {
  let start = 0;
  let end = line.length;
  while (start < end && (line[start] === ' ' || line[start] === '\t')) start++;
  while (end > start && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  return line.slice(start, end);
}
