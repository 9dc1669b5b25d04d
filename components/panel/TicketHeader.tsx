/** Which ticket the panel follows, named as the helpdesk shows it ("#88", a conversation's title), never by an internal id; in generic mode, what was found. */
import type { Role, TicketSnapshot } from '../../lib/ticket';
import type { GenericModeSummary } from '../../lib/panel/derive';

const HELPDESK_NAMES: Record<TicketSnapshot['helpdesk'], string> = {
  zendesk: 'Zendesk',
  intercom: 'Intercom',
  freshdesk: 'Freshdesk',
  helpscout: 'Help Scout',
  gmail: 'Gmail',
  hubspot: 'HubSpot',
  generic: 'Generic page',
};

export function TicketHeader({ snapshot, generic }: { snapshot: TicketSnapshot; generic: GenericModeSummary | null }) {
  const customerMessages = snapshot.messages.filter((m) => m.role === 'customer').length;
  const title = snapshot.label ?? snapshot.subject ?? 'Conversation';
  // A title that is the subject already (Intercom, Gmail) is not repeated under it.
  const subject = snapshot.subject && snapshot.subject !== title ? snapshot.subject : undefined;
  const cut = snapshot.messages.filter((m) => m.truncated).length;
  return (
    <div class="ticket-title">
      {/* The label names an app only when its own adapter read the page. */}
      <p class="helpdesk">{generic ? HELPDESK_NAMES.generic : HELPDESK_NAMES[snapshot.helpdesk]}</p>
      <h1 data-testid="ticket-label">{title}</h1>
      {subject && <p class="subject">{subject}</p>}
      {generic && <GenericModeNote summary={generic} />}
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

const ROLE_WORDS: Record<Role, [one: string, many: string]> = {
  customer: ['from the customer', 'from the customer'],
  agent: ['from an agent', 'from agents'],
  note: ['internal note', 'internal notes'],
  system: ['system line', 'system lines'],
};

function GenericModeNote({ summary }: { summary: GenericModeSummary }) {
  const found = summary.roles.map(({ role, count }) => `${count} ${ROLE_WORDS[role][count === 1 ? 0 : 1]}`).join(', ');
  return (
    <div class="generic-mode" data-testid="generic-mode">
      <p>
        Read as a generic page:{' '}
        {summary.fallbackFrom ? `the ${HELPDESK_NAMES[summary.fallbackFrom]} layout was not recognised.` : 'Steady has no layout for this site.'}
      </p>
      <p data-testid="generic-found">
        {summary.total === 0 ? 'No conversation on this page.' : `Found ${summary.total} message${summary.total === 1 ? '' : 's'}: ${found}.`}
      </p>
    </div>
  );
}
