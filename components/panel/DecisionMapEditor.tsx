/** The per-ticket decision map: concern, facts, boundaries, promises, next step and owner. */
import type { DecisionMap } from '../../lib/store/db';
import { ListField } from './ListField';
import type { DecisionMapSuggestions } from '../../lib/panel/derive';

type ListKey = 'knownFacts' | 'factsToVerify' | 'boundaries' | 'promises';


export interface DecisionMapEditorProps {
  map: DecisionMap;
  suggestions: DecisionMapSuggestions;
  onChange: (map: DecisionMap) => void;
  /** 'idle' until the first edit: nothing is claimed saved before anything was written. */
  saveState: { kind: 'idle' | 'saved' | 'saving' | 'error'; message?: string };
}

const LISTS: { key: ListKey; label: string }[] = [
  { key: 'knownFacts', label: 'Known facts' },
  { key: 'factsToVerify', label: 'Facts to verify' },
  { key: 'boundaries', label: 'Boundaries' },
  { key: 'promises', label: 'Promises' },
];

export function DecisionMapEditor({ map, suggestions, onChange, saveState }: DecisionMapEditorProps) {
  const set = (patch: Partial<DecisionMap>) => onChange({ ...map, ...patch });
  return (
    <div class="decision-map">
      <p class={`save-state ${saveState.kind}`} role={saveState.kind === 'error' ? 'alert' : 'status'}>
        {saveState.kind === 'error' ? saveState.message : saveState.kind === 'saving' ? 'Saving…' : saveState.kind === 'saved' ? 'Saved on this device' : ''}
      </p>
      <label class="field">
        <span>Concern</span>
        <textarea rows={2} value={map.concern} onInput={(e) => set({ concern: (e.currentTarget as HTMLTextAreaElement).value })} />
      </label>
      {suggestions.concern.length > 0 && !map.concern && (
        <div class="suggestions" aria-label="Suggested concern">
          {suggestions.concern.map((c) => (
            <button key={c} type="button" class="chip" onClick={() => set({ concern: c })}>
              + {c}
            </button>
          ))}
        </div>
      )}
      {LISTS.map(({ key, label }) => (
        <ListField key={key} id={key} label={label} items={map[key]} suggestions={key === 'knownFacts' ? suggestions.knownFacts : key === 'promises' ? suggestions.promises : []} onChange={(items) => set({ [key]: items })} />
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
