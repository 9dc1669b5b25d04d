/** The empty panel's offer on a site Steady does not run on: one click asks Chrome for that site and starts generic mode. */
import { useState } from 'preact/hooks';

export interface SiteEnablerProps {
  /** The followed tab's site, when the browser lets Steady see it. */
  host?: string;
  onEnable: (site: string) => void;
  error?: string;
}

export function SiteEnabler({ host, onEnable, error }: SiteEnablerProps) {
  const [typed, setTyped] = useState('');
  return (
    <section class="site-enabler" aria-label="Use Steady on this site">
      {host ? (
        <>
          <p class="muted">Is {host} your helpdesk? Steady can read its conversations in generic mode once Chrome lets it access this site.</p>
          <button type="button" class="primary" onClick={() => onEnable(host)}>
            Use Steady on {host}
          </button>
        </>
      ) : (
        <form
          class="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            onEnable(typed);
          }}
        >
          <input aria-label="Helpdesk address" placeholder="support.example.com" value={typed} onInput={(e) => setTyped((e.currentTarget as HTMLInputElement).value)} />
          <button type="submit">Use Steady there</button>
        </form>
      )}
      {error && (
        <p class="error-box" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
