/** Coaching figures in words: totals with what each means, adoption per rule, nudges per week, the phrases seen most. */
import type { CoachingFigures } from '../../lib/store/stats';
import type { Bar } from '../../lib/panel/figures';
import { BarChart } from './BarChart';

export interface StatsViewProps {
  figures: CoachingFigures;
  /** Adoption per rule, labelled with rule names. */
  byRule: readonly Bar[];
  /** Recent weeks, oldest first, readable labels, zero weeks kept. */
  byWeek: readonly Bar[];
  onExport: (format: 'json' | 'csv') => void;
  onDeleteAll: () => void;
}

const percent = (n: number) => `${Math.round(n * 100)}%`;

export function StatsView({ figures, byRule, byWeek, onExport, onDeleteAll }: StatsViewProps) {
  const { total } = figures;
  const totals = [
    { id: 'shown', label: 'Phrases flagged', value: String(total.shown), explain: 'Weak phrases Steady underlined in your replies.' },
    { id: 'accepted', label: 'Rewritten', value: String(total.accepted), explain: 'Times you used one of Steady’s rewrites.' },
    { id: 'ignored', label: 'Ignored', value: String(total.ignored), explain: 'Times you chose to keep your wording.' },
    { id: 'adoption', label: 'Rewrite rate', value: percent(total.adoption), explain: 'Rewritten, out of all phrases flagged.' },
    {
      id: 'calmer',
      label: 'Ended calmer',
      value: `${figures.deEscalations} of ${figures.conversations}`,
      explain: 'Conversations where the customer’s latest messages read calmer than their first ones.',
    },
  ];
  return (
    <div class="stats">
      <h2>Your coaching figures</h2>
      <dl class="totals">
        {totals.map((t) => (
          <div key={t.id}>
            <dt>{t.label}</dt>
            <dd data-testid={t.id}>{t.value}</dd>
            <dd class="explain">{t.explain}</dd>
          </div>
        ))}
      </dl>
      {total.shown === 0 && <p class="muted">No phrases flagged yet. Figures appear as you write replies.</p>}
      <BarChart title="Phrases flagged per week" explain="How many weak phrases Steady underlined each week." bars={byWeek} />
      <BarChart title="Rewrite rate per rule" explain="For each kind of phrase, how often you used a rewrite when it was flagged." bars={byRule} format={percent} max={1} />
      <BarChart
        title="Phrases you wrote most often"
        explain="The exact wording flagged most, counted across all your replies."
        bars={figures.topPhrases.map((p) => ({ label: `“${p.phrase}”`, value: p.count }))}
      />
      <p class="muted">Stored only in this browser.</p>
      <div class="actions">
        <button type="button" onClick={() => onExport('json')}>Export JSON</button>
        <button type="button" onClick={() => onExport('csv')}>Export CSV</button>
        <button type="button" class="danger" onClick={onDeleteAll}>Delete all my data</button>
      </div>
    </div>
  );
}
