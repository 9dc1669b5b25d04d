/** Your data: export decision maps and coaching figures, or delete everything, after a confirmation. */
import { useState } from 'preact/hooks';

export interface DataSettingsProps {
  onExport: () => void;
  onDelete: () => void;
  /** What happened last (export written, data deleted, or an error). */
  status?: { kind: 'ok' | 'error'; message: string };
}

export function DataSettings(p: DataSettingsProps) {
  const [confirming, setConfirming] = useState(false);
  return (
    <section aria-labelledby="data-heading">
      <h2 id="data-heading">Your data</h2>
      <p class="muted">
        Decision maps and coaching figures are kept in this browser only. Export them as a JSON file, or delete everything Steady stores: decision maps,
        coaching figures, your settings (also on your other browsers, as they sync) and personal rule packs. Team packs set by your administrator stay.
      </p>
      <p>
        <button type="button" onClick={p.onExport}>Export my data (JSON)</button>{' '}
        <button type="button" class="danger" aria-expanded={confirming} onClick={() => setConfirming(true)}>Delete all Steady data…</button>
      </p>
      {confirming && (
        <div class="error-box" role="alertdialog" aria-labelledby="delete-question">
          <p id="delete-question">Delete all decision maps, coaching figures, settings and personal rule packs? This cannot be undone. Export first to keep a copy.</p>
          <button
            type="button"
            class="danger"
            onClick={() => {
              setConfirming(false);
              p.onDelete();
            }}
          >
            Delete everything
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>Cancel</button>
        </div>
      )}
      {p.status && <p class={p.status.kind === 'error' ? 'error-box' : 'muted'} role="status">{p.status.message}</p>}
    </section>
  );
}
