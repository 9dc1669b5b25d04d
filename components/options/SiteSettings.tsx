/** Sites: paused helpdesks, and custom domains enabled in generic mode. */
import { useState } from 'preact/hooks';

export interface SiteSettingsProps {
  paused: readonly string[];
  genericSites: readonly string[];
  onResume: (host: string) => void;
  onAddGeneric: (input: string) => void;
  onRemoveGeneric: (host: string) => void;
  error?: string;
}

export function SiteSettings(p: SiteSettingsProps) {
  const [domain, setDomain] = useState('');
  return (
    <section aria-labelledby="sites-heading">
      <h2 id="sites-heading">Sites</h2>
      <h3>Paused</h3>
      {p.paused.length === 0 ? (
        <p class="muted">Steady is active on every supported helpdesk. To pause it on a site, use the switch at the top of the side panel or “Pause Steady on this site” on a suggestion card.</p>
      ) : (
        <SiteList sites={p.paused} action="Resume" onAction={p.onResume} />
      )}
      <h3>Other helpdesks (generic mode)</h3>
      <p class="muted">Steady only runs on the supported helpdesks. Add your own helpdesk's domain to ask Chrome for access to that site alone.</p>
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          p.onAddGeneric(domain);
        }}
      >
        <input aria-label="Helpdesk domain" placeholder="support.example.com" value={domain} onInput={(e) => setDomain((e.currentTarget as HTMLInputElement).value)} />
        <button type="submit">Enable</button>
      </form>
      {p.error && <p class="error-box" role="alert">{p.error}</p>}
      <SiteList sites={p.genericSites} action="Remove" onAction={p.onRemoveGeneric} />
    </section>
  );
}

function SiteList({ sites, action, onAction }: { sites: readonly string[]; action: string; onAction(host: string): void }) {
  return (
    <ul>
      {sites.map((host) => (
        <li key={host}>
          {host} <button type="button" onClick={() => onAction(host)}>{action}</button>
        </li>
      ))}
    </ul>
  );
}
