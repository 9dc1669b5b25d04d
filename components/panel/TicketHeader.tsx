/** Which ticket the panel follows, named as the helpdesk shows it ("#88", a conversation's title), never by an internal id. */
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
  const title = snapshot.label ?? snapshot.subject ?? 'Conversation';
  // A title that is the subject already (Intercom, Gmail) is not repeated under it.
  const subject = snapshot.subject && snapshot.subject !== title ? snapshot.subject : undefined;
  const cut = snapshot.messages.filter((m) => m.truncated).length;
  return (
    <div class="ticket-title">
      <p class="helpdesk">{HELPDESK_NAMES[snapshot.helpdesk]}</p>
      <h1 data-testid="ticket-label">{title}</h1>
      {subject && <p class="subject">{subject}</p>}
      <p class="muted small">
        <span data-testid="customer-count">{customerMessages}</span> customer message{customerMessages === 1 ? '' : 's'}, {snapshot.messages.length} in all
      </p>
      {cut > 0 && (
        <p class="muted" data-testid="cut-note">
          {cut === 1 ? 'One very long message was' : `${cut} very long messages were`} read only in part.
        </p>
      )}
    </div>
  );
}
