/** Which ticket the panel follows: helpdesk, ticket id, subject and message counts. */
import type { TicketSnapshot } from '../../lib/ticket';

const HELPDESK_NAMES: Record<TicketSnapshot['helpdesk'], string> = {
  zendesk: 'Zendesk',
  intercom: 'Intercom',
  freshdesk: 'Freshdesk',
  helpscout: 'Help Scout',
  gmail: 'Gmail',
  hubspot: 'HubSpot',
  generic: 'This page',
};

export function TicketHeader({ snapshot }: { snapshot: TicketSnapshot }) {
  const customerMessages = snapshot.messages.filter((m) => m.role === 'customer').length;
  const cut = snapshot.messages.filter((m) => m.truncated).length;
  return (
    <header class="ticket-header">
      <p class="helpdesk">{HELPDESK_NAMES[snapshot.helpdesk]}</p>
      <h1>
        Ticket <span data-testid="ticket-id">{snapshot.ticketId ?? 'unknown'}</span>
      </h1>
      {snapshot.subject && <p class="subject">{snapshot.subject}</p>}
      <p class="muted">
        <span data-testid="customer-count">{customerMessages}</span> customer message{customerMessages === 1 ? '' : 's'},{' '}
        {snapshot.messages.length} in all
      </p>
      {cut > 0 && (
        <p class="muted" data-testid="cut-note">
          {cut === 1 ? 'One very long message was' : `${cut} very long messages were`} read only in part.
        </p>
      )}
    </header>
  );
}
