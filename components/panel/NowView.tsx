/** The "Now" tab: the draft's findings first, then the compact checklist; the customer's mood and triggers below, collapsible. */
import type { TicketSnapshot } from '../../lib/ticket';
import { TrajectoryChart } from './TrajectoryChart';
import { TriggerList } from './TriggerList';
import { Checklist, type ChecklistProps } from './Checklist';
import { DraftFindings, type DraftFindingsProps } from './DraftFindings';

export interface NowViewProps {
  snapshot: TicketSnapshot;
  findings: DraftFindingsProps;
  checklist: ChecklistProps;
  onOpenScript: (id: string) => void;
}

export function NowView({ snapshot, findings, checklist, onOpenScript }: NowViewProps) {
  const triggerCount = new Set(snapshot.triggers.map((t) => t.trigger)).size;
  return (
    <>
      <DraftFindings {...findings} />
      <Checklist {...checklist} />
      <details class="fold" open>
        <summary>
          <h2>Customer's mood</h2>
        </summary>
        <TrajectoryChart messages={snapshot.messages} trajectory={snapshot.trajectory} />
      </details>
      <details class="fold" open>
        <summary>
          <h2>
            Triggers{triggerCount > 0 && <span class="count"> · {triggerCount}</span>}
          </h2>
        </summary>
        <TriggerList triggers={snapshot.triggers} onOpenScript={onOpenScript} />
      </details>
    </>
  );
}
