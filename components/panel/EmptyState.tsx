/** What the panel says on a tab that is not a helpdesk ticket: what Steady supports and how to add a domain. */
import { SiteEnabler, type SiteEnablerProps } from './SiteEnabler';

export function EmptyState({ onOpenOptions, enabler }: { onOpenOptions: () => void; enabler?: SiteEnablerProps }) {
  return (
    <section class="empty-state" aria-labelledby="empty-title" data-testid="empty-state">
      <h2 id="empty-title">Open a ticket to get started</h2>
      <p>
        Steady coaches your replies in <strong>Zendesk, Intercom, Freshdesk, Help Scout, HubSpot</strong> and <strong>Gmail</strong>. Open a ticket or
        conversation there and this panel follows it: the phrases worth a second look, a checklist before you send, the customer's mood and scripts.
      </p>
      <p>Your helpdesk runs on its own domain? Add the domain in Steady's settings and Steady reads its pages in a general mode.</p>
      <div class="actions">
        <button type="button" onClick={onOpenOptions}>
          Add a domain in settings
        </button>
      </div>
      {enabler && <SiteEnabler {...enabler} />}
    </section>
  );
}
