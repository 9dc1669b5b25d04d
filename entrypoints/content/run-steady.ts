/**
 * What the content script does on a page, shared by the script the manifest
 * injects into the built-in helpdesks (which imports the heavy modules when
 * needed) and the one registered at runtime for sites the agent enables (which
 * carries them). Reads the conversation for the side panel, coaches the draft,
 * and inserts text the agent picks in the panel. Nothing here may throw into
 * the page.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { fromBackground, parseContentCommand, type ConversationReport, type DraftFinding, type InsertResult, type SteadyMessage } from '@/lib/messages';
import type { Coach, CoachEvent } from '@/lib/editor/coach';
import type { Finding, LintContext } from '@/lib/engine/types';
import type { StartReader, ConversationReader } from '../conversation-reader';
import type { CoachModule } from '../coach';
import { composerOf, focusedFrameComposer, type Composer } from './composer';

/** Where the rule engine and inline coach, and the conversation reader, come from. */
export interface SteadyModules {
  coach(): Promise<CoachModule>;
  reader(): Promise<StartReader>;
}

/** The side panel follows the draft once the agent pauses, not on every keystroke. */
const DRAFT_PUBLISH_DELAY_MS = 150;
/** Quoted history and signatures inside a composer are not the agent's draft. */
const NOT_DRAFT = '.gmail_quote, .gmail_signature, blockquote[type="cite"]';

export function runSteady(ctx: ContentScriptContext, modules: SteadyModules): void {
  /** A frame inside the helpdesk's page only coaches its editor; the top page reads the conversation and takes the panel's requests. */
  const inFrame = window.top !== window;
  let coachModule: Promise<CoachModule> | undefined;
  let reader: ConversationReader | undefined;
  /** The draft and findings the background has (the coach reads them at each lint; what is unchanged is not sent again). */
  let publishedDraft: string | undefined;
  let draftTimer: ReturnType<typeof setTimeout> | undefined;
  let shownTicket = '';
  let lastComposer: Composer | undefined;
  const coaches = new Map<Composer, Coach>();
  const nudged = new Set<string>();
  /** How the customer feels, as the background analysed the conversation (some checks only apply when they are upset). */
  let lintContext: LintContext = {};

  const send = (message: SteadyMessage) => {
    if (ctx.isValid) browser.runtime.sendMessage(message).catch(() => {});
  };
  const loadCoach = () =>
    (coachModule ??= modules.coach().then(
      (module) => {
        module.onReconfigure(() => coaches.forEach((coach) => coach.settingsChanged()));
        return module;
      },
      (error: unknown) => {
        coachModule = undefined; // Try again on the next edit rather than never.
        throw error;
      },
    ));

  if (!inFrame) void guard(async () => {
    const start = await modules.reader();
    if (!ctx.isValid) return;
    reader = start((report: ConversationReport) => {
      if (!ctx.isValid) return;
      const message: SteadyMessage = { type: 'conversation', report };
      const answered = browser.runtime.sendMessage(message);
      // Another ticket: the background starts it with an empty draft, so send the one on screen after the report.
      const ticket = `${report.helpdesk}:${report.account}:${report.ticketId ?? report.url}`;
      if (ticket !== shownTicket) {
        shownTicket = ticket;
        publishedDraft = undefined;
        if (lastComposer && reader?.composers().includes(lastComposer)) coaches.get(lastComposer)?.refresh();
      }
      answered.then(
        (answer: LintContext | undefined) => {
          if (!answer || JSON.stringify(answer) === JSON.stringify(lintContext)) return;
          lintContext = answer;
          coaches.forEach((coach) => coach.refreshSoon());
        },
        () => {},
      );
    });
    ctx.onInvalidated(() => reader?.stop());
  });

  /** Local coaching figures: each weak phrase counts as shown once per page. */
  const recordEvent = (coach: Coach, event: CoachEvent) => {
    if (event.type === 'findings') {
      for (const f of coach.findings()) {
        const key = `${f.ruleId}\u0000${f.phrase.toLowerCase()}`;
        if (nudged.has(key)) continue;
        nudged.add(key);
        send({ type: 'nudge', ruleId: f.ruleId, kind: 'shown', phrase: f.phrase });
      }
    } else if (event.type === 'applied') send({ type: 'nudge', ruleId: event.ruleId, kind: 'accepted', phrase: '' });
    else if (event.type === 'ignored') send({ type: 'nudge', ruleId: event.ruleId, kind: 'ignored', phrase: '' });
    else if (event.type === 'apply-failed') console.info(`Steady: the rewrite was not applied (${event.reason}); ${applyOutcome(event.restored)}`);
    // Caught so the page never sees it, but a fault in Steady all the same.
    else if (event.type === 'error') console.error(`Steady: ${event.message}`);
  };

  const coachFor = (module: CoachModule, composer: Composer): Coach => {
    for (const [el, coach] of coaches) if (!el.isConnected) {
      coach.detach();
      coaches.delete(el);
    }
    let coach = coaches.get(composer);
    if (!coach) {
      const attached: Coach = module.attach(
        composer,
        {
          skip: NOT_DRAFT,
          editedAt: typedAt,
          onOpenScript: (scriptId) => send({ type: 'open-script', scriptId }),
          onEvent: (event) => {
            if (event.type === 'findings' && composer === lastComposer) publishDraft(event.text, attached.findings(), !attached.undoSafe());
            recordEvent(attached, event);
          },
        },
        () => lintContext,
      );
      coaches.set(composer, (coach = attached));
    }
    return coach;
  };

  const publishDraft = (text: string, shown: readonly (DraftFinding & Pick<Finding, 'replace'>)[], undoWarning: boolean) => {
    clearTimeout(draftTimer);
    draftTimer = setTimeout(() => {
      // Read here, after the pause: the engine fits a finding's rewrites when they are first read, so typing does not pay for it.
      const findings = shown.map(({ ruleId, category, severity, message, phrase, start, end, rewrites, replace }): DraftFinding => ({ ruleId, category, severity, message, phrase, start, end, rewrites, ...(replace ? { replaced: text.slice(replace.start, replace.end) } : {}) }));
      const published = JSON.stringify([text, findings, undoWarning]);
      if (published === publishedDraft) return;
      publishedDraft = published;
      send({ type: 'draft', text, findings, ...(undoWarning ? { undoWarning } : {}) });
    }, DRAFT_PUBLISH_DELAY_MS);
  };

  /** When the agent last typed anywhere on the page, for a coach that attaches after the keys (its module loads meanwhile). */
  let typedAt = 0;
  const onEdit = (event: Event) =>
    guard(async () => {
      if (event.type === 'input' && event.isTrusted) typedAt = Date.now();
      // Edits elsewhere (the page clearing the box after sending) re-check the last composer too.
      // The target inside an open shadow root, where the document sees only its host.
      const composer = composerOf(event.composedPath()[0] ?? event.target) ?? lastComposer;
      if (!composer) return;
      lastComposer = composer;
      const module = await loadCoach();
      if (!ctx.isValid) return;
      const coach = coachFor(module, composer);
      // The coach follows input itself (each lint publishes the draft); other events only ask for a check once the agent pauses.
      if (event.type !== 'input') coach.refreshSoon();
    });

  // The pointer reaching a reply box starts loading the coach before the click that focuses it, so its first
  // underline is not late; a page the agent only reads never loads it. Cheap until then, and a no-op after.
  const onApproach = (event: Event) => {
    const target = event.composedPath()[0] ?? event.target;
    if (coachModule || !(target instanceof Element) || !target.closest('textarea, [contenteditable]') || !composerOf(target)) return;
    void guard(loadCoach);
  };
  ctx.addEventListener(document, 'pointerover', onApproach, { capture: true, passive: true });
  ctx.addEventListener(document, 'input', onEdit, { capture: true });
  ctx.addEventListener(document, 'focusin', onEdit, { capture: true });
  // Helpdesks clear or replace the draft from script (sending it, inserting a macro),
  // which fires no input event: look again after keys and clicks.
  ctx.addEventListener(document, 'keyup', onEdit, { capture: true });
  ctx.addEventListener(document, 'click', onEdit, { capture: true });

  // Only Steady's own service worker gives orders here.
  browser.runtime.onMessage.addListener((raw: unknown, sender, sendResponse) => {
    const message = !inFrame && fromBackground(sender, browser.runtime.id) ? parseContentCommand(raw) : null;
    if (!message) return undefined;
    if (message.type === 'publish-now') {
      // The background restarted and forgot this tab: send the conversation, then the draft as for a new ticket.
      shownTicket = '';
      void guard(() => reader?.publishNow());
    }
    if (message.type === 'finding-action') {
      const coach = lastComposer?.isConnected ? coaches.get(lastComposer) : undefined;
      const done = !!coach?.act(message.finding, message.action);
      sendResponse(done ? { ok: true } : { ok: false, message: 'That phrase is no longer in the reply.' } satisfies InsertResult);
      return undefined;
    }
    if (message.type === 'insert-text') {
      void insertText(message.text, message.asNote).then(sendResponse, (e: unknown) => sendResponse({ ok: false, message: `Could not insert: ${String(e)}` }));
      return true;
    }
    return undefined;
  });

  /** Insert at the caret of the composer the agent last used (or the ticket's first). */
  async function insertText(text: string, asNote = false): Promise<InsertResult> {
    if (asNote) {
      if (!reader?.switchToNote()) return { ok: false, message: 'This page has no internal-note switch Steady can use. Copy the note instead.' };
      // The app may re-create the editor for the note channel.
      await new Promise((resolve) => setTimeout(resolve, 50));
      reader.publishNow();
    }
    const target = (!asNote && (focusedFrameComposer() ?? (lastComposer?.isConnected ? lastComposer : undefined))) || reader?.composers()[0];
    if (!target) return { ok: false, message: 'No reply box found on this page. Open the reply and try again.' };
    const coach = coaches.get(target);
    // Without a coach yet (its module still loading), the page-wide time of the last key stands in for its own.
    return coach ? coach.insert(text) : (await loadCoach()).insertAtCaret(target, text, typedAt);
  }

  ctx.onInvalidated(() => {
    clearTimeout(draftTimer);
    coaches.forEach((coach) => coach.detach());
    coaches.clear();
  });
}

/** What became of the draft after a rewrite failed, said truthfully. */
function applyOutcome(restored: boolean | undefined): string {
  if (restored === undefined) return 'the draft is unchanged.';
  return restored ? "the editor's undo restored the previous text." : 'the draft changed and could not be restored; check it.';
}

/** Run a handler so that no exception reaches the host page; failures are logged for the agent's devtools. */
async function guard(run: () => unknown): Promise<void> {
  try {
    await run();
  } catch (error) {
    console.error('Steady:', error);
  }
}
