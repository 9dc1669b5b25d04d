/** The side panel's layout: ticket header, then tabs Now / Scripts / Map / Review / Stats. Props only. */
import type { ComponentChildren } from 'preact';
import type { TicketSnapshot } from '../../lib/ticket';
import { genericModeSummary } from '../../lib/panel/derive';
import { TicketHeader } from './TicketHeader';
import { Tabs } from './Tabs';
import { SiteEnabler, type SiteEnablerProps } from './SiteEnabler';

export type PanelTab = 'now' | 'scripts' | 'map' | 'review' | 'stats';

const TABS: { id: PanelTab; label: string }[] = [
  { id: 'now', label: 'Now' },
  { id: 'scripts', label: 'Scripts' },
  { id: 'map', label: 'Map' },
  { id: 'review', label: 'Review' },
  { id: 'stats', label: 'Stats' },
];

export interface PanelAppProps {
  snapshot: TicketSnapshot | null;
  tab: PanelTab;
  onTab: (tab: PanelTab) => void;
  notice?: string;
  /** Offered on a page Steady does not run on (no snapshot). */
  siteEnabler?: SiteEnablerProps;
  /** Content of the selected tab. */
  children: ComponentChildren;
}

export function PanelApp({ snapshot, tab, onTab, notice, siteEnabler, children }: PanelAppProps) {
  return (
    <main>
      {snapshot ? (
        <TicketHeader snapshot={snapshot} generic={genericModeSummary(snapshot)} />
      ) : (
        <header class="ticket-header">
          <h1>Steady</h1>
          <p class="muted">Open a ticket in Zendesk, Intercom, Freshdesk, Help Scout, HubSpot or Gmail and this panel follows it.</p>
          {siteEnabler && <SiteEnabler {...siteEnabler} />}
        </header>
      )}
      {notice && (
        <p class="error-box" role="alert">
          {notice}
        </p>
      )}
      <Tabs tabs={TABS} current={tab} onSelect={onTab}>
        {children}
      </Tabs>
    </main>
  );
}
