/** Emotional triggers found in the conversation, each with its evidence and a link to its script. */
import type { TriggerHit } from '../../lib/ticket';

const LABELS: Record<TriggerHit['trigger'], string> = {
  delay: 'Delay',
  repetition: 'Asking again / escalating',
  refund: 'Refund demand',
  churn: 'Leaving / cancelling',
  billing: 'Billing dispute',
  confusion: 'Confusion',
  'transfer-hold': 'Transfer or hold',
  policy: 'Policy limitation',
  abuse: 'Personal or abusive',
  'broken-promise': 'Promise not kept',
  gratitude: 'Gratitude',
  relief: 'Relief',
};

export function TriggerList({ triggers, onOpenScript }: { triggers: readonly TriggerHit[]; onOpenScript: (id: string) => void }) {
  if (triggers.length === 0) return <p class="muted">No emotional triggers found.</p>;
  // One entry per trigger, with every piece of evidence, in order of first appearance.
  const groups = new Map<TriggerHit['trigger'], TriggerHit[]>();
  for (const t of triggers) groups.set(t.trigger, [...(groups.get(t.trigger) ?? []), t]);
  return (
    <ul class="triggers" aria-label="Emotional triggers">
      {[...groups].map(([trigger, hits]) => (
        <li key={trigger} data-trigger={trigger}>
          <span class="trigger-name">{LABELS[trigger]}</span>
          {hits.map((t) => (
            <q key={`${t.messageId}:${t.start}`} class="evidence">
              {t.evidence}
            </q>
          ))}
          <button type="button" class="link" onClick={() => onOpenScript(hits[0].script)}>
            Open script
          </button>
        </li>
      ))}
    </ul>
  );
}
