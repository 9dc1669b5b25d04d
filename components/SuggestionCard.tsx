/** The card shown for one finding: why it reads badly, and one-click rewrites. */
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { TargetedKeyboardEvent } from 'preact';
import type { RewritePreview } from '../lib/engine/rewrite';
import type { Severity } from '../lib/engine/types';
import { SEVERITY_LABEL_CSS } from './severity';

export interface SuggestionCardProps {
  /** The category's human name ("Dismissive"). */
  category: string;
  /** The rule's human name ("Telling them to calm down"), shown as the card's label. */
  title: string;
  message: string;
  phrase: string;
  /** Same words and colour as the underline. */
  severity: Severity;
  rewrites: readonly string[];
  /** For each rewrite: the whole sentence after it, with the change marked, and the placeholders to fill. */
  previews: readonly RewritePreview[];
  /** For each rewrite: how it is named on its own ("Remove it" for a removal). */
  labels: readonly string[];
  /** Move focus to the first action when shown (opened from the keyboard). */
  autoFocus: boolean;
  hasScript: boolean;
  /** Shown above the rewrites when the editor's own undo may not take the rewrite back. */
  undoWarning?: string;
  onApply(index: number): void;
  onIgnore(): void;
  onRuleOff(): void;
  onOpenScript(): void;
  /** Absent when the page offers no pause (tests, previews). */
  onPauseSite?(): void;
  onClose(): void;
  /** Shift+Tab on the first button: back to the composer, the card stays open. */
  onBackToComposer?(): void;
}

const SEVERITY_WORDS: Record<Severity, string> = { problem: 'Problem', warning: 'Warning', suggestion: 'Suggestion' };

export function SuggestionCard(props: SuggestionCardProps) {
  const root = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    if (props.autoFocus) root.current?.querySelector<HTMLButtonElement>('button')?.focus({ preventScroll: true });
  }, [props.autoFocus, props.phrase, props.message]);

  const onKeyDown = (e: TargetedKeyboardEvent<HTMLDivElement>) => {
    // Keys typed in the card must not reach the helpdesk's own shortcuts.
    e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      props.onClose();
      return;
    }
    const step = e.key === 'ArrowDown' || e.key === 'ArrowRight' || (e.key === 'Tab' && !e.shiftKey) ? 1
      : e.key === 'ArrowUp' || e.key === 'ArrowLeft' || (e.key === 'Tab' && e.shiftKey) ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const buttons = [...(root.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const active = (root.current?.getRootNode() as ShadowRoot | Document).activeElement;
    const at = buttons.indexOf(active as HTMLButtonElement);
    if (e.key === 'Tab' && step < 0 && at === 0 && props.onBackToComposer) return props.onBackToComposer();
    buttons[(at + step + buttons.length) % buttons.length]?.focus();
  };

  return (
    <div
      ref={root}
      class="card"
      role="dialog"
      aria-label={`Suggestion: ${props.title} (${props.category})`}
      onKeyDown={onKeyDown}
      onKeyUp={(e) => e.stopPropagation()}
      onKeyPress={(e) => e.stopPropagation()}
    >
      <div class="head">
        <span class={`severity ${props.severity}`}>{SEVERITY_WORDS[props.severity]}</span>
        <span class="category">{props.title}</span>
      </div>
      <p class="phrase">“{props.phrase}”</p>
      <p class="why">{props.message}</p>
      {props.undoWarning && <p class="undo-warning" id="undo-warning" role="note">{props.undoWarning}</p>}
      {props.rewrites.length > 0 && (
        <div class="rewrites" role="group" aria-label="Rewrites">
          {props.rewrites.slice(0, 3).map((text, i) => {
            const preview = props.previews[i];
            return (
              <button type="button" class="rewrite" data-rewrite={text} onClick={() => props.onApply(i)} aria-label={`Apply: ${props.labels[i]}`} aria-describedby={props.undoWarning ? 'undo-warning' : undefined}>
                {preview ? (
                  <span class="preview">
                    {preview.before}
                    <mark class="changed">{preview.changed}</mark>
                    {preview.after}
                  </span>
                ) : (
                  text
                )}
                {preview && preview.placeholders.length > 0 && <span class="fill">Fill in: {preview.placeholders.join(', ')}</span>}
              </button>
            );
          })}
        </div>
      )}
      <div class="actions">
        <button type="button" class="action" onClick={props.onIgnore}>Ignore</button>
        <button type="button" class="action quiet" onClick={props.onRuleOff}>Turn off this rule</button>
        {props.hasScript && <button type="button" class="action" onClick={props.onOpenScript}>Open script</button>}
        {props.onPauseSite && <button type="button" class="action quiet" onClick={props.onPauseSite}>Pause Steady on this site</button>}
      </div>
    </div>
  );
}

export const SUGGESTION_CARD_CSS = `
.card { box-sizing: border-box; width: 340px; max-width: calc(100vw - 16px); padding: 12px 14px; background: #fff; color: #1f2328;
  border: 1px solid #d0d7de; border-radius: 10px; box-shadow: 0 8px 24px rgba(0,0,0,.18); font: 13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; }
.head { display: flex; gap: 8px; align-items: baseline; }
.severity { font-size: 11px; font-weight: 700; letter-spacing: .04em; text-transform: uppercase; padding: 0 6px; border-radius: 4px; color: #fff; }
${SEVERITY_LABEL_CSS}
.category { font-size: 11px; font-weight: 600; letter-spacing: .04em; text-transform: uppercase; color: #57606a; }
.phrase { margin: 6px 0 0; font-style: italic; }
.preview { display: block; color: #57606a; }
.changed { background: #dcf3e4; color: #0f5132; font-weight: 600; padding: 0 1px; border-radius: 3px; }
.fill { display: block; margin-top: 3px; font-size: 11px; color: #8a4b00; }
.why { margin: 4px 0 10px; }
.undo-warning { margin: 0 0 10px; font-size: 12px; color: #8a4b00; }
.rewrites { display: flex; flex-direction: column; gap: 6px; margin-bottom: 10px; }
button { font: inherit; cursor: pointer; border-radius: 6px; }
button:focus-visible { outline: 2px solid #1a73e8; outline-offset: 1px; }
.rewrite { text-align: left; padding: 6px 8px; border: 1px solid #b6e3c6; background: #effaf3; color: #0f5132; }
.rewrite:hover { background: #dcf3e4; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; }
.action { padding: 3px 8px; border: 1px solid #d0d7de; background: #f6f8fa; color: #1f2328; font-size: 12px; }
/* Turning a rule off or pausing the site reaches beyond this reply: quieter than the rewrites, and undoable from a toast. */
.action.quiet { border-color: transparent; background: none; color: #57606a; text-decoration: underline; text-underline-offset: 2px; padding: 3px 4px; }
.action.quiet:hover { color: #1f2328; }
`;
