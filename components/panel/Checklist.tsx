/**
 * The live pre-reply checklist, compact: one row per item, auto-evaluated and
 * tickable by hand. Before the agent has written anything nothing is "missing":
 * items read as neutral to-dos.
 */
import type { ChecklistResult } from '../../lib/checklist/checklist';

export interface ChecklistProps {
  results: readonly ChecklistResult[];
  /** Items the agent ticked by hand (override the automatic status). */
  ticked: ReadonlySet<string>;
  onToggle: (id: string) => void;
  promises: readonly string[];
  /** Promises that say no time; each is marked in the list. */
  untimedPromises?: readonly string[];
  guesses: readonly string[];
  /** The agent has started the reply: only then is an unmet item shown as missing. */
  started: boolean;
}

export function Checklist({ results, ticked, onToggle, promises, untimedPromises = [], guesses, started }: ChecklistProps) {
  return (
    <section class="checklist" aria-labelledby="checklist-title">
      <h2 id="checklist-title">Before you send</h2>
      <ul class="check-items">
        {results.map((r) => {
          const checked = ticked.has(r.id) || r.status === 'pass';
          const shown = r.status === 'missing' && !started ? 'pending' : r.status;
          const statusText = ticked.has(r.id) && r.status !== 'pass' ? 'Ticked' : { pass: 'Done', missing: 'Missing', pending: 'To do', 'not-applicable': 'Not needed' }[shown];
          const toggle = () => onToggle(r.id);
          return (
            <li key={r.id} class={`check-item status-${shown}`} data-item={r.id} data-status={r.status}>
              <div
                role="checkbox"
                aria-checked={checked}
                tabIndex={0}
                aria-describedby={`reason-${r.id}`}
                class="check-box"
                title={r.reason}
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
                <span class="status">{statusText}</span>
              </div>
              <p id={`reason-${r.id}`} class={shown === 'missing' && !checked ? 'reason' : 'reason visually-hidden'}>
                {r.reason}
              </p>
            </li>
          );
        })}
      </ul>
      {promises.length > 0 && (
        <TextList items={promises} title="Promises to follow up" note={(t) => (untimedPromises.includes(t) ? 'No time given: say by when.' : undefined)} />
      )}
      {guesses.length > 0 && <TextList items={guesses} title="Guessed, not verified" />}
    </section>
  );
}

function TextList({ items, title, note }: { items: readonly string[]; title: string; note?: (item: string) => string | undefined }) {
  return (
    <>
      <h3>{title}</h3>
      <ul class="text-list" aria-label={title}>
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
    </>
  );
}
