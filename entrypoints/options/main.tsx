/** Settings page. For now it states where Steady works and what it keeps private. */
import { render } from 'preact';
import { HELPDESK_HOSTS } from '../content/helpdesk-matches';

function Options({ sites }: { sites: readonly string[] }) {
  return (
    <main>
      <h1>Steady settings</h1>
      <h2>Where Steady coaches</h2>
      <ul data-testid="options-sites">
        {sites.map((site) => (
          <li key={site}>{site}</li>
        ))}
      </ul>
      <h2>Privacy</h2>
      <p>Your drafts and conversations are checked inside this browser. Steady sends nothing anywhere.</p>
    </main>
  );
}

render(<Options sites={HELPDESK_HOSTS} />, document.getElementById('app')!);
