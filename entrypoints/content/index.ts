/**
 * Injected into supported helpdesks. It stays small: the conversation reader
 * (adapters) is imported once the page is idle, the rule engine on the first
 * edit. Reads the conversation for the side panel, lints the draft, and
 * inserts text the agent picks in the panel. Nothing here may throw into the page.
 */
import type { ConfiguredLinter } from '../lint-engine';
import { isSteadyMessage, type ConversationReport, type InsertResult, type SteadyMessage } from '@/lib/messages';
import type { StartReader, ConversationReader } from '../conversation-reader';
import { composerOf, composerText, type Composer } from './composer';
import { createCountBadge } from './count-badge';
import { HELPDESK_MATCHES } from './helpdesk-matches';

const LINT_DELAY_MS = 50;
const DRAFT_PUBLISH_DELAY_MS = 150;

export default defineContentScript({
  matches: HELPDESK_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    const badge = createCountBadge();
    let linter: Promise<ConfiguredLinter> | undefined;
    let reader: ConversationReader | undefined;
    let lintTimer: ReturnType<typeof setTimeout> | undefined;
    let draftTimer: ReturnType<typeof setTimeout> | undefined;
    let lastComposer: Composer | undefined;

    const send = (message: SteadyMessage) => {
      if (ctx.isValid) browser.runtime.sendMessage(message).catch(() => {});
    };
    const loadModule = <T,>(name: string) =>
      import(/* @vite-ignore */ browser.runtime.getURL(`/${name}.js` as '/lint-engine.js')).then((module: { default: T }) => module.default);
    const loadLinter = () =>
      (linter ??= loadModule<ConfiguredLinter>('lint-engine').catch((error: unknown) => {
        linter = undefined; // Try again on the next edit rather than never.
        throw error;
      }));

    void guard(async () => {
      const start = await loadModule<StartReader>('conversation-reader');
      if (!ctx.isValid) return;
      reader = start((report: ConversationReport) => send({ type: 'conversation', report }));
      ctx.onInvalidated(() => reader?.stop());
    });

    const lintNow = async (composer: Composer) => {
      const findings = (await loadLinter()).lint(composerText(composer));
      if (ctx.isValid) badge.show(composer, findings.length);
    };

    const onEdit = (event: Event) =>
      guard(() => {
        // Edits elsewhere (the page clearing the box after sending) re-check the last composer too.
        const composer = composerOf(event.target) ?? lastComposer;
        if (!composer) return;
        lastComposer = composer;
        clearTimeout(lintTimer);
        lintTimer = setTimeout(() => void guard(() => lintNow(composer)), LINT_DELAY_MS);
        clearTimeout(draftTimer);
        draftTimer = setTimeout(() => send({ type: 'draft', text: composerText(composer), ticketId: null }), DRAFT_PUBLISH_DELAY_MS);
      });

    ctx.addEventListener(document, 'input', onEdit, { capture: true });
    ctx.addEventListener(document, 'focusin', onEdit, { capture: true });
    // Helpdesks clear or replace the draft from script (sending it, inserting a macro),
    // which fires no input event: look again after keys and clicks.
    ctx.addEventListener(document, 'keyup', onEdit, { capture: true });
    ctx.addEventListener(document, 'click', onEdit, { capture: true });
    ctx.addEventListener(window, 'scroll', () => guard(badge.reposition), { capture: true, passive: true });
    ctx.addEventListener(window, 'resize', () => guard(badge.reposition), { passive: true });

    browser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse) => {
      if (!isSteadyMessage(message)) return undefined;
      if (message.type === 'publish-now') void guard(() => reader?.publishNow());
      if (message.type === 'insert-text') {
        void insertText(message.text).then(sendResponse);
        return true;
      }
      return undefined;
    });

    /** Insert at the caret of the composer the agent last used (or the ticket's first). */
    async function insertText(text: string): Promise<InsertResult> {
      const target = lastComposer?.isConnected ? lastComposer : reader?.composers()[0];
      if (!target) return { ok: false, message: 'No reply box found on this page. Open the reply and try again.' };
      const { insertAtCaret } = await import('@/lib/editor/insert');
      return insertAtCaret(target, text);
    }

    ctx.onInvalidated(() => {
      clearTimeout(lintTimer);
      clearTimeout(draftTimer);
      badge.remove();
    });
  },
});

/** Run a handler so that no exception reaches the host page; failures are logged for the agent's devtools. */
async function guard(run: () => unknown): Promise<void> {
  try {
    await run();
  } catch (error) {
    console.error('Steady:', error);
  }
}
