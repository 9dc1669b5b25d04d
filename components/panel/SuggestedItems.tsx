/** Pre-filled map items, each marked "Suggested" until the agent accepts, edits or dismisses it. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { MapSuggestion } from '../../lib/analysis/map-prefill';

export interface SuggestedItemsProps {
  /** What the rows are for, in words ("known facts"). */
  label: string;
  suggestions: readonly MapSuggestion[];
  /** Accept as suggested, or with the agent's edited text. */
  onAccept: (suggestion: MapSuggestion, text?: string) => void;
  onDismiss: (suggestion: MapSuggestion) => void;
}

export function SuggestedItems({ label, suggestions, onAccept, onDismiss }: SuggestedItemsProps) {
  if (!suggestions.length) return null;
  return (
    <ul class="suggested-items" aria-label={`Suggested ${label}`}>
      {suggestions.map((s) => (
        <SuggestedItem key={s.id} suggestion={s} onAccept={onAccept} onDismiss={onDismiss} />
      ))}
    </ul>
  );
}

function SuggestedItem({ suggestion, onAccept, onDismiss }: { suggestion: MapSuggestion } & Pick<SuggestedItemsProps, 'onAccept' | 'onDismiss'>) {
  const [editing, setEditing] = useState<string | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  const isEditing = editing !== null;
  useEffect(() => {
    if (isEditing) box.current?.focus();
  }, [isEditing]);
  if (editing !== null) {
    return (
      <li class="suggested editing">
        <form
          class="edit-suggestion"
          onSubmit={(e) => {
            e.preventDefault();
            if (editing.trim()) onAccept(suggestion, editing);
          }}
        >
          <textarea
            aria-label="Edit the suggestion"
            rows={2}
            value={editing}
            ref={box}
            onInput={(e) => setEditing((e.currentTarget as HTMLTextAreaElement).value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setEditing(null);
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                (e.currentTarget as HTMLTextAreaElement).form?.requestSubmit();
              }
            }}
          />
          <div class="actions">
            <button type="submit">Save</button>
            <button type="button" class="quiet" onClick={() => setEditing(null)}>
              Cancel
            </button>
          </div>
        </form>
      </li>
    );
  }
  return (
    <li class="suggested" data-suggestion={suggestion.id}>
      <span class="suggested-tag">Suggested</span>
      <span class="suggested-text">{suggestion.text}</span>
      <span class="actions">
        <button type="button" class="accept" onClick={() => onAccept(suggestion)}>
          Accept
        </button>
        <button type="button" onClick={() => setEditing(suggestion.text)}>
          Edit
        </button>
        <button type="button" class="quiet" onClick={() => onDismiss(suggestion)}>
          Dismiss
        </button>
      </span>
    </li>
  );
}
