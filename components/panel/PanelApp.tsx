/** The side panel's layout: header (ticket, this site's switch), then tabs Now / Scripts / Map / Review / Stats. Props only. */
import type { ComponentChildren } from 'preact';
import type { TicketSnapshot } from '../../lib/ticket';
import { genericModeSummary } from '../../lib/panel/derive';
import { TicketHeader } from './TicketHeader';
import { Tabs } from './Tabs';

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
  /** Controls for this site (pause switch; generic-mode controls), shown in the header. */
  siteControls?: ComponentChildren;
  /** Content of the selected tab. */
  children: ComponentChildren;
}

export function PanelApp({ snapshot, tab, onTab, notice, siteControls, children }: PanelAppProps) {
  return (
    <main>
      <header class="ticket-header">
        {snapshot ? <TicketHeader snapshot={snapshot} generic={genericModeSummary(snapshot)} /> : <h1>Steady</h1>}
        {siteControls && <div class="site-controls">{siteControls}</div>}
      </header>
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
