/** Kinds of phrase and their rules (and the whole-reply checks): on/off and severity, by name, with an example each. */
import type { Severity } from '../../lib/engine/types';
import { SEVERITIES } from '../../lib/engine/types';

export interface RuleItem {
  id: string;
  title: string;
  severity: Severity;
  message: string;
  /** A phrase the rule flags. */
  example?: string;
}

export interface RuleGroup {
  category: string;
  name: string;
  example?: string;
  rules: readonly RuleItem[];
}

export interface RuleSettingsProps {
  groups: readonly RuleGroup[];
  disabledRules: ReadonlySet<string>;
  disabledCategories: ReadonlySet<string>;
  severities: Readonly<Record<string, Severity>>;
  onToggleCategory: (category: string, on: boolean) => void;
  onToggleRule: (ruleId: string, on: boolean) => void;
  onSeverity: (ruleId: string, severity: Severity) => void;
}

const SEVERITY_NAMES: Record<Severity, string> = { suggestion: 'Suggestion', warning: 'Warning', problem: 'Problem' };

export function RuleSettings(p: RuleSettingsProps) {
  return (
    <section aria-labelledby="rules-heading">
      <h2 id="rules-heading">What Steady checks</h2>
      {p.groups.map(({ category, name, example, rules }) => {
        const on = !p.disabledCategories.has(category);
        return (
          // The switch sits beside the summary, not in it: a control inside a summary is a control inside a control.
          <div key={category} class="category-row">
            <input
              type="checkbox"
              class="category-switch"
              aria-label={`Check for: ${name}`}
              checked={on}
              onChange={(e) => p.onToggleCategory(category, (e.currentTarget as HTMLInputElement).checked)}
            />
            <details class="category" data-category={category}>
              <summary>
                {name}{' '}
                <span class="muted">
                  ({rules.length} {rules.length === 1 ? 'rule' : 'rules'})
                </span>
              </summary>
              {example && <p class="muted category-example">For example: “{example}”</p>}
              <ul class="rule-list">
                {rules.map((r) => (
                  <li key={r.id} data-rule={r.id}>
                    <label class="rule-name">
                      <input type="checkbox" disabled={!on} checked={on && !p.disabledRules.has(r.id)} onChange={(e) => p.onToggleRule(r.id, (e.currentTarget as HTMLInputElement).checked)} /> {r.title}
                    </label>
                    <select aria-label={`How serious: ${r.title}`} value={p.severities[r.id] ?? r.severity} onChange={(e) => p.onSeverity(r.id, (e.currentTarget as HTMLSelectElement).value as Severity)}>
                      {SEVERITIES.map((s) => (
                        <option key={s} value={s}>
                          {SEVERITY_NAMES[s]}
                        </option>
                      ))}
                    </select>
                    <p class="muted rule-about">
                      {r.example && <span class="example">“{r.example}” </span>}
                      {r.message}
                    </p>
                  </li>
                ))}
              </ul>
            </details>
          </div>
        );
      })}
    </section>
  );
}
