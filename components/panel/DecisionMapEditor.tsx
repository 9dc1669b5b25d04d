/** The per-ticket decision map: concern, facts, boundaries, promises, next step and owner, with suggestions read from the conversation. */
import type { DecisionMap } from '../../lib/store/db';
import type { MapSuggestion, SuggestedField } from '../../lib/analysis/map-prefill';
import { ListField } from './ListField';
import { SuggestedItems } from './SuggestedItems';

type ListKey = 'knownFacts' | 'factsToVerify' | 'boundaries' | 'promises';

export interface DecisionMapEditorProps {
  map: DecisionMap;
  /** Suggestions still open on this map (not accepted, edited or dismissed). */
  suggestions: readonly MapSuggestion[];
  onChange: (map: DecisionMap) => void;
  onAccept: (suggestion: MapSuggestion, text?: string) => void;
  onDismiss: (suggestion: MapSuggestion) => void;
  /** 'idle' until the first edit: nothing is claimed saved before anything was written. */
  saveState: { kind: 'idle' | 'saved' | 'saving' | 'error'; message?: string };
}

const LISTS: { key: ListKey; label: string }[] = [
  { key: 'knownFacts', label: 'Known facts' },
  { key: 'factsToVerify', label: 'Facts to verify' },
  { key: 'boundaries', label: 'Boundaries' },
  { key: 'promises', label: 'Promises' },
];

export function DecisionMapEditor({ map, suggestions, onChange, onAccept, onDismiss, saveState }: DecisionMapEditorProps) {
  const set = (patch: Partial<DecisionMap>) => onChange({ ...map, ...patch });
  const suggested = (field: SuggestedField, label: string) => (
    <SuggestedItems label={label} suggestions={suggestions.filter((s) => s.field === field)} onAccept={onAccept} onDismiss={onDismiss} />
  );
  return (
    <div class="decision-map">
      <p class={`save-state ${saveState.kind}`} role={saveState.kind === 'error' ? 'alert' : 'status'}>
        {saveState.kind === 'error' ? saveState.message : saveState.kind === 'saving' ? 'Saving…' : saveState.kind === 'saved' ? 'Saved on this device' : ''}
      </p>
      {suggestions.length > 0 && <p class="muted small">Suggested items are read from the conversation. They join the map only when you accept or edit them.</p>}
      <label class="field">
        <span>Concern</span>
        <textarea rows={2} value={map.concern} onInput={(e) => set({ concern: (e.currentTarget as HTMLTextAreaElement).value })} />
      </label>
      {suggested('concern', 'concern')}
      {LISTS.map(({ key, label }) => (
        <ListField key={key} id={key} label={label} items={map[key]} onChange={(items) => set({ [key]: items })}>
          {key !== 'boundaries' && suggested(key, label.toLowerCase())}
        </ListField>
      ))}
      <label class="field">
        <span>Next step</span>
        <input value={map.nextStep} onInput={(e) => set({ nextStep: (e.currentTarget as HTMLInputElement).value })} />
      </label>
      <label class="field">
        <span>Owner</span>
        <input value={map.owner} onInput={(e) => set({ owner: (e.currentTarget as HTMLInputElement).value })} />
      </label>
    </div>
  );
}

/** The map in view could not be read: why, and a way to read it again now. */
export function MapReadFailure({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div class="error-box" role="alert">
      {message}{' '}
      <button type="button" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
