/**
 * Limits on what the adapters pass on for analysis, so a page with a pasted
 * log or a thousand-message thread cannot stall the tab or the service worker.
 * A message that was cut carries `truncated: true`, and the panel says so.
 */
import { MAX_MESSAGE_CHARS, type ConversationMessage } from '../ticket';

export { MAX_MESSAGE_CHARS };
/** The whole conversation up to about this many characters, newest messages first. */
export const MAX_CONVERSATION_CHARS = 200_000;

/** `messages` with each text cut to MAX_MESSAGE_CHARS, and older messages cut or emptied once the conversation's budget is spent. */
export function capConversation(messages: readonly ConversationMessage[]): ConversationMessage[] {
  let budget = MAX_CONVERSATION_CHARS;
  const capped = new Array<ConversationMessage>(messages.length);
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    const limit = Math.min(MAX_MESSAGE_CHARS, budget);
    const text = message.text.length > limit ? cutAt(message.text, limit) : message.text;
    budget = Math.max(0, budget - text.length);
    capped[i] = text === message.text ? message : { ...message, text, truncated: true };
  }
  return capped;
}

/** The text up to `limit`, ending at the last space before it when one is near (no cut words or surrogate pairs). */
function cutAt(text: string, limit: number): string {
  if (limit <= 0) return '';
  const space = text.lastIndexOf(' ', limit);
  if (space > limit - 200 && space > 0) return text.slice(0, space);
  const code = text.charCodeAt(limit - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit);
}
