/** A labelled horizontal bar chart: whole labels, a value on every bar, zero shown as an empty track. */
export function BarChart({ title, explain, bars, format = String, max }: { title: string; explain: string; bars: readonly { label: string; value: number }[]; format?: (n: number) => string; max?: number }) {
  if (bars.length === 0) return null;
  const top = max ?? Math.max(...bars.map((b) => b.value), 1);
  return (
    <figure class="bar-chart">
      <figcaption>
        <span class="chart-title">{title}</span>
        <span class="explain">{explain}</span>
      </figcaption>
      <ul class="bars">
        {bars.map((b, i) => (
          <li key={`${b.label}:${i}`} class="bar-row">
            <span class="bar-label">{b.label}</span>
            <span class="bar-track" aria-hidden="true">
              <span class="bar" style={{ width: `${Math.min(100, (b.value / top) * 100)}%` }} />
            </span>
            <span class="bar-value">{format(b.value)}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
