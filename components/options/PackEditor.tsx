/** Team / personal rule packs: edit with a live preview, import, export. */
import type { Finding } from '../../lib/engine/types';

export interface PackEditorProps {
  text: string;
  onText: (text: string) => void;
  sample: string;
  onSample: (text: string) => void;
  /** Findings of the edited pack's rules on the sample, or the validation error. */
  preview: { findings: readonly Finding[] } | { error: string };
  installed: readonly { name: string; rules: number; source: 'personal' | 'team (managed)' }[];
  onApply: () => void;
  onImport: (file: File) => void;
  onExport: (format: 'json' | 'yaml') => void;
  onRemove: (name: string) => void;
  status?: { kind: 'ok' | 'error'; message: string };
}

export function PackEditor(p: PackEditorProps) {
  return (
    <section aria-labelledby="packs-heading">
      <h2 id="packs-heading">Team and personal rules</h2>
      <ul>
        {p.installed.map((pack) => (
          <li key={pack.name} data-pack={pack.name}>
            {pack.name} — {pack.rules} rule{pack.rules === 1 ? '' : 's'} <span class="muted">({pack.source})</span>{' '}
            {pack.source === 'personal' && (
              <button type="button" onClick={() => p.onRemove(pack.name)}>
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      <label class="field">
        <span>Pack (JSON or YAML)</span>
        <textarea rows={12} spellcheck={false} class="code" value={p.text} onInput={(e) => p.onText((e.currentTarget as HTMLTextAreaElement).value)} />
      </label>
      <label class="field">
        <span>Sample draft</span>
        <textarea rows={3} value={p.sample} onInput={(e) => p.onSample((e.currentTarget as HTMLTextAreaElement).value)} />
      </label>
      <div class="preview" aria-live="polite">
        {'error' in p.preview ? (
          <p class="error-box" role="alert">{p.preview.error}</p>
        ) : p.preview.findings.length === 0 ? (
          <p class="muted">This pack flags nothing in the sample.</p>
        ) : (
          <ul aria-label="Preview">
            {p.preview.findings.map((f) => (
              <li key={`${f.ruleId}:${f.start}`}>
                <strong>{p.sample.slice(f.start, f.end)}</strong> — {f.ruleId}: {f.message}
                {f.rewrites[0] && <span class="muted"> → {f.rewrites[0]}</span>}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div class="actions">
        <button type="button" onClick={p.onApply}>Save pack</button>
        <label class="file-button">
          Import file
          <input type="file" accept=".json,.yaml,.yml,application/json" class="visually-hidden" onChange={(e) => {
            const file = (e.currentTarget as HTMLInputElement).files?.[0];
            if (file) p.onImport(file);
          }} />
        </label>
        <button type="button" onClick={() => p.onExport('json')}>Export JSON</button>
        <button type="button" onClick={() => p.onExport('yaml')}>Export YAML</button>
      </div>
      {p.status && (
        <p class={p.status.kind === 'error' ? 'error-box' : 'muted'} role={p.status.kind === 'error' ? 'alert' : 'status'}>
          {p.status.message}
        </p>
      )}
    </section>
  );
}
