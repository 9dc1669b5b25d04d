/**
 * Injected into supported helpdesks: while the agent types in a composer, lint
 * the draft and show how many findings there are. The engine is imported on
 * first use from lint-engine.js, so this always-injected script stays small.
 * Nothing here may throw into the page.
 */
import type { Linter } from '@/lib/engine';
import { composerOf, composerText, type Composer } from './composer';
import { createCountBadge } from './count-badge';
import { HELPDESK_MATCHES } from './helpdesk-matches';

const LINT_DELAY_MS = 50;

export default defineContentScript({
  matches: HELPDESK_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    const badge = createCountBadge();
    let linter: Promise<Linter> | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const loadLinter = () =>
      (linter ??= import(/* @vite-ignore */ browser.runtime.getURL('/lint-engine.js')).then(
        (module: { default: Linter }) => module.default,
        (error: unknown) => {
          linter = undefined; // Try again on the next edit rather than never.
          throw error;
        },
      ));

    const lintSoon = (composer: Composer) => {
      clearTimeout(timer);
      timer = setTimeout(() => void guard(() => lintNow(composer)), LINT_DELAY_MS);
    };

    const lintNow = async (composer: Composer) => {
      const findings = (await loadLinter()).lint(composerText(composer));
      if (ctx.isValid) badge.show(composer, findings.length);
    };

    let current: Composer | undefined;
    const onEdit = (event: Event) =>
      guard(() => {
        current = composerOf(event.target) ?? current;
        if (current) lintSoon(current);
      });

    ctx.addEventListener(document, 'input', onEdit, { capture: true });
    ctx.addEventListener(document, 'focusin', onEdit, { capture: true });
    // Helpdesks clear or replace the draft from script (sending it, inserting a macro),
    // which fires no input event: look again after keys and clicks.
    ctx.addEventListener(document, 'keyup', onEdit, { capture: true });
    ctx.addEventListener(document, 'click', onEdit, { capture: true });
    ctx.addEventListener(window, 'scroll', () => guard(badge.reposition), { capture: true, passive: true });
    ctx.addEventListener(window, 'resize', () => guard(badge.reposition), { passive: true });
    ctx.onInvalidated(() => {
      clearTimeout(timer);
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
