// @vitest-environment happy-dom
/** What adapters pass on is capped per message and per conversation, and a cut message says so. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConversation } from '../../lib/helpdesks';
import { capConversation, MAX_CONVERSATION_CHARS, MAX_MESSAGE_CHARS } from '../../lib/helpdesks/caps';
import type { ConversationMessage } from '../../lib/ticket';
import { FIXTURE_ROUTES } from '../fixtures/routes';

const message = (id: string, text: string): ConversationMessage => ({ id, role: 'customer', text });

describe('capConversation', () => {
  it('keeps ordinary messages as they are, unflagged', () => {
    const messages = [message('1', 'My order is late.'), message('2', 'Any news?')];
    expect(capConversation(messages)).toEqual(messages);
  });

  it('cuts a very long message at a space near the limit and flags it', () => {
    const text = 'My order is late. '.repeat(10_000);
    const [cut] = capConversation([message('1', text)]);
    expect(cut.truncated).toBe(true);
    expect(cut.text.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    expect(cut.text.length).toBeGreaterThan(MAX_MESSAGE_CHARS - 200);
    expect(text.startsWith(`${cut.text} `)).toBe(true);
  });

  it('cuts a message without spaces without splitting a surrogate pair', () => {
    const [cut] = capConversation([message('1', `a${'😡'.repeat(MAX_MESSAGE_CHARS)}`)]);
    expect(cut.truncated).toBe(true);
    expect(cut.text.charCodeAt(cut.text.length - 1)).toBe(0xde21);
  });

  it('spends the conversation budget on the newest messages and empties the oldest', () => {
    const count = Math.ceil(MAX_CONVERSATION_CHARS / MAX_MESSAGE_CHARS) + 2;
    const messages = Array.from({ length: count }, (_, i) => message(String(i), `${'x'.repeat(MAX_MESSAGE_CHARS - 20)} message ${i}`));
    const capped = capConversation(messages);
    expect(capped.reduce((sum, m) => sum + m.text.length, 0)).toBeLessThanOrEqual(MAX_CONVERSATION_CHARS);
    expect(capped.at(-1)).toEqual(messages.at(-1));
    expect(capped[0]).toMatchObject({ id: '0', text: '', truncated: true });
  });
});

describe('reading a helpdesk page with a pasted log', () => {
  it('caps the customer message the Zendesk adapter reads and flags it', () => {
    const route = FIXTURE_ROUTES.find((r) => r.file === 'zendesk.html')!;
    const html = readFileSync(join(__dirname, '..', 'fixtures', 'zendesk.html'), 'utf8').replace(/<script\b[^>]*><\/script>/g, '');
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(route.example);
    document.documentElement.innerHTML = /<html[^>]*>([\s\S]*)<\/html>/i.exec(html)![1];
    const content = document.querySelector('[data-test-id="omni-log-message-content"]')!;
    content.textContent = `The app crashed, here is the log: ${'ERROR 0x1f. '.repeat(20_000)}`;
    const { messages } = readConversation(new URL(route.example), document);
    expect(messages[0].text.startsWith('The app crashed, here is the log:')).toBe(true);
    expect(messages[0].text.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    expect(messages[0].truncated).toBe(true);
    expect(messages.slice(1).some((m) => m.truncated)).toBe(false);
  });
});
