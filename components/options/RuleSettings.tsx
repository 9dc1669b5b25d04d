/** Categories and rules: on/off and severity. */
import type { RuleSpec, Severity } from '../../lib/engine/types';
import { SEVERITIES } from '../../lib/engine/types';

export interface RuleSettingsProps {
  categories: readonly string[];
  rules: readonly RuleSpec[];
  disabledRules: ReadonlySet<string>;
  disabledCategories: ReadonlySet<string>;
  severities: Readonly<Record<string, Severity>>;
  onToggleCategory: (category: string, on: boolean) => void;
  onToggleRule: (ruleId: string, on: boolean) => void;
  onSeverity: (ruleId: string, severity: Severity) => void;
}

export function RuleSettings(p: RuleSettingsProps) {
  return (
    <section aria-labelledby="rules-heading">
      <h2 id="rules-heading">Rules</h2>
      {p.categories.map((category) => {
        const on = !p.disabledCategories.has(category);
        const rules = p.rules.filter((r) => r.category === category);
        return (
          <details key={category} class="category" data-category={category}>
            <summary>
              <label onClick={(e) => e.stopPropagation()}>
                <input type="checkbox" checked={on} onChange={(e) => p.onToggleCategory(category, (e.currentTarget as HTMLInputElement).checked)} /> {category}
              </label>{' '}
              <span class="muted">({rules.length} rules)</span>
            </summary>
            <ul class="rule-list">
              {rules.map((r) => (
                <li key={r.id} data-rule={r.id}>
                  <label>
                    <input type="checkbox" disabled={!on} checked={on && !p.disabledRules.has(r.id)} onChange={(e) => p.onToggleRule(r.id, (e.currentTarget as HTMLInputElement).checked)} /> <code>{r.id}</code>
                  </label>
                  <select aria-label={`Severity of ${r.id}`} value={p.severities[r.id] ?? r.severity} onChange={(e) => p.onSeverity(r.id, (e.currentTarget as HTMLSelectElement).value as Severity)}>
                    {SEVERITIES.map((s) => (
                      <option key={s} value={s}>
                        {s}
                      </option>
                    ))}
                  </select>
                  <p class="muted">{r.message}</p>
                </li>
              ))}
            </ul>
          </details>
        );
      })}
    </section>
  );
}
