/** Emotional triggers found in the conversation, each with its evidence and a link to its script. */
import type { TriggerHit } from '../../lib/ticket';

const LABELS: Record<TriggerHit['trigger'], string> = {
  delay: 'Delay',
  refund: 'Refund demand',
  churn: 'Leaving / cancelling',
  billing: 'Billing dispute',
  confusion: 'Confusion',
  'transfer-hold': 'Transfer or hold',
  policy: 'Policy limitation',
  abuse: 'Personal or abusive',
  gratitude: 'Gratitude',
  relief: 'Relief',
};

export function TriggerList({ triggers, onOpenScript }: { triggers: readonly TriggerHit[]; onOpenScript: (id: string) => void }) {
  if (triggers.length === 0) return <p class="muted">No emotional triggers found.</p>;
  return (
    <ul class="triggers" aria-label="Emotional triggers">
      {triggers.map((t) => (
        <li key={`${t.trigger}:${t.messageId}:${t.start}`} data-trigger={t.trigger}>
          <span class="trigger-name">{LABELS[t.trigger]}</span>
          <q class="evidence">{t.evidence}</q>
          <button type="button" class="link" onClick={() => onOpenScript(t.script)}>
            Open script
          </button>
        </li>
      ))}
    </ul>
  );
}
