/** The "Now" tab: sentiment trajectory, triggers, and the live checklist. */
import type { TicketSnapshot } from '../../lib/ticket';
import { TrajectoryChart } from './TrajectoryChart';
import { TriggerList } from './TriggerList';
import { Checklist, type ChecklistProps } from './Checklist';

export function NowView({ snapshot, checklist, onOpenScript }: { snapshot: TicketSnapshot | null; checklist: ChecklistProps; onOpenScript: (id: string) => void }) {
  return (
    <>
      {snapshot && (
        <>
          <h2>Customer sentiment</h2>
          <TrajectoryChart trajectory={snapshot.trajectory} />
          <h2>Triggers</h2>
          <TriggerList triggers={snapshot.triggers} onOpenScript={onOpenScript} />
        </>
      )}
      <Checklist {...checklist} />
    </>
  );
}
