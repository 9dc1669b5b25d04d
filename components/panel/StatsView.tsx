/** Coaching figures: nudges, adoption per rule and per week, top phrases, de-escalations. */
import type { CoachingFigures } from '../../lib/store/stats';
import { BarChart } from './BarChart';

export interface StatsViewProps {
  figures: CoachingFigures;
  onExport: (format: 'json' | 'csv') => void;
  onDeleteAll: () => void;
}

const percent = (n: number) => `${Math.round(n * 100)}%`;

export function StatsView({ figures, onExport, onDeleteAll }: StatsViewProps) {
  const { total } = figures;
  const rules = Object.entries(figures.byRule).sort((a, b) => b[1].shown - a[1].shown).slice(0, 8);
  const weeks = Object.entries(figures.byWeek).sort(([a], [b]) => a.localeCompare(b)).slice(-8);
  return (
    <div class="stats">
      <h2>Your coaching figures</h2>
      <dl class="totals">
        <div><dt>Nudges shown</dt><dd data-testid="shown">{total.shown}</dd></div>
        <div><dt>Accepted</dt><dd>{total.accepted}</dd></div>
        <div><dt>Ignored</dt><dd>{total.ignored}</dd></div>
        <div><dt>Adoption</dt><dd>{percent(total.adoption)}</dd></div>
        <div><dt>Calmer by the end</dt><dd>{figures.deEscalations} of {figures.conversations}</dd></div>
      </dl>
      {total.shown === 0 && <p class="muted">No nudges yet. Figures appear as you write replies.</p>}
      <BarChart title="Adoption per rule" bars={rules.map(([label, c]) => ({ label, value: c.adoption }))} format={percent} />
      <BarChart title="Nudges per week" bars={weeks.map(([label, c]) => ({ label, value: c.shown }))} />
      <BarChart title="Most frequent weak phrases" bars={figures.topPhrases.map((p) => ({ label: p.phrase, value: p.count }))} />
      <p class="muted">Stored only in this browser.</p>
      <div class="actions">
        <button type="button" onClick={() => onExport('json')}>Export JSON</button>
        <button type="button" onClick={() => onExport('csv')}>Export CSV</button>
        <button type="button" class="danger" onClick={onDeleteAll}>Delete all my data</button>
      </div>
    </div>
  );
}
