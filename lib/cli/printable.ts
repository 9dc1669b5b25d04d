/**
 * Text from the inputs (file names, macro ids and titles, flagged phrases) made safe
 * to print on a terminal: control characters, including ESC sequences such as
 * OSC 52 (clipboard write) or clear-screen, and bidirectional overrides are shown
 * as visible escapes instead of being sent raw.
 */
// C0 controls except tab and line feed, DEL, C1 controls, bidi embeddings, overrides and isolates.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** For one-line fields (ids, titles): line breaks and tabs shown as escapes too. */
export function printableLine(text: string): string {
  return printable(text).replace(/[\n\t]/g, (c) => (c === '\n' ? '\\n' : '\\t'));
}
