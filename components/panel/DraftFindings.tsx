/**
 * The draft's findings as a list to work through: the phrase, why it reads
 * badly, one-click rewrites and Ignore. Previous / Next (and "Show") select
 * the phrase in the reply box.
 */
import type { DraftFinding } from '../../lib/messages';
import { rewriteLabel } from '../../lib/engine/rewrite';

export interface DraftFindingsProps {
  findings: readonly DraftFinding[];
  /** Index of the finding last shown in the reply box. */
  current: number | null;
  /** Human names of a finding's kind ("Dismissive") and rule ("Telling them to calm down"). */
  names: (finding: DraftFinding) => { category: string; rule: string };
  /** Why the list is empty: nothing written yet, coaching paused here, or a clean draft. */
  state: 'no-draft' | 'paused' | 'clean' | 'findings';
  /** Shown above the findings when the reply box's own undo may not take a rewrite back. */
  undoWarning?: string;
  onShow: (index: number) => void;
  onApply: (index: number, rewrite: number) => void;
  onIgnore: (index: number) => void;
}

const SEVERITY_TEXT = { problem: 'Problem', warning: 'Worth a look', suggestion: 'Suggestion' } as const;

export function DraftFindings({ findings, current, names, state, undoWarning, onShow, onApply, onIgnore }: DraftFindingsProps) {
  const count = findings.length;
  const step = (by: number) => onShow(current === null ? (by > 0 ? 0 : count - 1) : (current + by + count) % count);
  return (
    <section class="draft-findings" aria-labelledby="findings-title">
      <div class="section-head">
        <h2 id="findings-title">
          In your reply{count > 0 && <span class="count"> · {count} to review</span>}
        </h2>
        {count > 1 && (
          <div class="stepper" role="group" aria-label="Step through the findings">
            <button type="button" class="quiet" onClick={() => step(-1)} aria-label="Previous finding">
              ‹ Prev
            </button>
            <button type="button" class="quiet" onClick={() => step(1)} aria-label="Next finding">
              Next ›
            </button>
          </div>
        )}
      </div>
      {state === 'no-draft' && <p class="muted">Start your reply in the helpdesk's reply box: Steady checks it as you write.</p>}
      {state === 'paused' && <p class="muted">Steady is paused on this site, so your reply is not checked. Resume it with the switch above.</p>}
      {state === 'clean' && <p class="muted ok">Nothing to fix in your reply so far.</p>}
      {count > 0 && undoWarning && (
        <p class="undo-warning" id="undo-warning" role="note">
          {undoWarning}
        </p>
      )}
      {count > 0 && (
        <ol class="findings" aria-label="Phrases to review">
          {findings.map((f, i) => {
            const name = names(f);
            return (
              <li key={`${f.ruleId}:${f.start}`} class={`finding severity-${f.severity}`} aria-current={i === current ? 'true' : undefined} data-rule={f.ruleId}>
                <div class="finding-head">
                  <button type="button" class="phrase" onClick={() => onShow(i)} title="Select this phrase in the reply" aria-label={`Show “${f.phrase}” in the reply`}>
                    “{f.phrase}”
                  </button>
                  <span class="rule-name" title={name.rule}>
                    <span class={`sev sev-${f.severity}`} role="img" aria-label={SEVERITY_TEXT[f.severity]} title={SEVERITY_TEXT[f.severity]} />
                    {name.category}
                  </span>
                </div>
                <p class="why">{f.message}</p>
                <div class="actions">
                  {/* One rewrite keeps the list short; the card in the reply offers the others. */}
                  {f.rewrites.slice(0, 1).map((rewrite) => rewriteLabel(rewrite, f.replaced)).map((text, r) => (
                    <button key={r} type="button" class="rewrite" onClick={() => onApply(i, r)} aria-label={`Replace with “${text}”`} aria-describedby={undoWarning ? 'undo-warning' : undefined}>
                      {text}
                    </button>
                  ))}
                  <button type="button" class="quiet" onClick={() => onIgnore(i)} aria-label={`Ignore “${f.phrase}”`}>
                    Ignore
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
