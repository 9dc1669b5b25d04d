/**
 * The side panel. Opened by the toolbar button, or as a tab at
 * sidepanel.html?tab=<tabId> (tests), which binds it to that tab.
 */
import { render } from 'preact';

function tabFromQuery(): number | undefined {
  const tab = Number(new URLSearchParams(location.search).get('tab'));
  return Number.isInteger(tab) && tab > 0 ? tab : undefined;
}

function SidePanel({ tabId }: { tabId: number | undefined }) {
  return (
    <main>
      <h1>Steady</h1>
      <p data-testid="panel-status">
        Open a reply in your helpdesk and start typing: Steady counts the phrases worth a second look next to the reply box.
      </p>
      <p>Everything is checked inside this browser; nothing you write leaves it.</p>
      {tabId !== undefined && <p data-testid="panel-tab">Following tab {tabId}.</p>}
    </main>
  );
}

render(<SidePanel tabId={tabFromQuery()} />, document.getElementById('app')!);
