/** The live pre-reply checklist: auto-evaluated items the agent can also tick by hand. */
import type { ChecklistResult } from '../../lib/checklist/checklist';

const STATUS_TEXT = { pass: 'Done', missing: 'Missing', 'not-applicable': 'Not needed' } as const;

export interface ChecklistProps {
  results: readonly ChecklistResult[];
  /** Items the agent ticked by hand (override the automatic status). */
  ticked: ReadonlySet<string>;
  onToggle: (id: string) => void;
  promises: readonly string[];
  /** Promises that say no time; each is marked in the list. */
  untimedPromises?: readonly string[];
  guesses: readonly string[];
}

export function Checklist({ results, ticked, onToggle, promises, untimedPromises = [], guesses }: ChecklistProps) {
  return (
    <div class="checklist">
      <h2>Before you send</h2>
      <ul class="check-items">
        {results.map((r) => {
          const checked = ticked.has(r.id) || r.status === 'pass';
          const toggle = () => onToggle(r.id);
          return (
            <li key={r.id} class={`check-item status-${r.status}`} data-item={r.id} data-status={r.status}>
              <div
                role="checkbox"
                aria-checked={checked}
                tabIndex={0}
                aria-describedby={`reason-${r.id}`}
                class="check-box"
                onClick={toggle}
                onKeyDown={(e) => {
                  if (e.key === ' ' || e.key === 'Enter') {
                    e.preventDefault();
                    toggle();
                  }
                }}
              >
                <span class="box" aria-hidden="true">{checked ? '✓' : ''}</span>
                <span class="check-label">{r.label}</span>
                <span class="status">{ticked.has(r.id) && r.status !== 'pass' ? 'Ticked' : STATUS_TEXT[r.status]}</span>
              </div>
              <p id={`reason-${r.id}`} class="reason">{r.reason}</p>
            </li>
          );
        })}
      </ul>
      <h3>Promises to follow up</h3>
      <TextList items={promises} empty="No promises in the draft." label="Promises to follow up" note={(t) => (untimedPromises.includes(t) ? 'No time given: say by when.' : undefined)} />
      <h3>Guessed, not verified</h3>
      <TextList items={guesses} empty="No guesses in the draft." label="Guesses" />
    </div>
  );
}

function TextList({ items, empty, label, note }: { items: readonly string[]; empty: string; label: string; note?: (item: string) => string | undefined }) {
  if (items.length === 0) return <p class="muted">{empty}</p>;
  return (
    <ul class="text-list" aria-label={label}>
      {items.map((t, i) => {
        const extra = note?.(t);
        return (
          <li key={i}>
            {t}
            {extra && <span class="item-note"> {extra}</span>}
          </li>
        );
      })}
    </ul>
  );
}
