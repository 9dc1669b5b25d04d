/**
 * Zendesk macros export: { "macros": [ { id, title, actions: [ { field, value } ] } ] }
 * (or a single { "macro": … }). Only the actions that write to the customer
 * are linted: public/private comments and side conversation bodies.
 */
import { htmlToText } from './html-text';
import { CliError } from './errors';
import type { InputText } from './inputs';

interface MacroAction {
  field?: unknown;
  value?: unknown;
}

interface Macro {
  id?: unknown;
  title?: unknown;
  actions?: unknown;
}

export function parseMacrosExport(file: string, data: unknown): InputText[] {
  const macros = macroList(data);
  if (!macros) throw new CliError(`${file}: not a Zendesk macros export (expected a "macros" array)`);
  return macros.flatMap((macro, index) => {
    const id = typeof macro?.id === 'string' || typeof macro?.id === 'number' ? String(macro.id) : `macro-${index + 1}`;
    const title = typeof macro?.title === 'string' ? macro.title : undefined;
    const actions = Array.isArray(macro?.actions) ? (macro.actions as MacroAction[]) : [];
    return actions.flatMap((action) => {
      const text = commentText(action);
      return text ? [{ file, id, ...(title ? { title } : {}), field: String(action.field), text }] : [];
    });
  });
}

function macroList(data: unknown): Macro[] | null {
  if (!data || typeof data !== 'object') return null;
  const { macros, macro } = data as { macros?: unknown; macro?: unknown };
  if (Array.isArray(macros)) return macros as Macro[];
  if (macro && typeof macro === 'object') return [macro as Macro];
  return null;
}

/** The customer-facing text an action writes, or null for actions that set fields. */
function commentText({ field, value }: MacroAction): string | null {
  if (field === 'comment_value_html' && typeof value === 'string') return htmlToText(value);
  if (field === 'comment_value') {
    // Either the text, or ["channel:<name>", text].
    const text = Array.isArray(value) ? value.at(-1) : value;
    return typeof text === 'string' ? text : null;
  }
  if (typeof field === 'string' && field.startsWith('side_conversation')) {
    // [subject, body, …, "text/html"] for email/ticket side conversations.
    const body = Array.isArray(value) ? value[1] : value;
    if (typeof body !== 'string') return null;
    return Array.isArray(value) && value.includes('text/html') ? htmlToText(body) : body;
  }
  return null;
}
