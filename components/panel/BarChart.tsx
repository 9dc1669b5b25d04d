/** A small horizontal bar chart (SVG), labelled for screen readers. */
export function BarChart({ title, bars, format = String }: { title: string; bars: readonly { label: string; value: number }[]; format?: (n: number) => string }) {
  if (bars.length === 0) return null;
  const max = Math.max(...bars.map((b) => b.value), 1);
  const rowHeight = 20;
  return (
    <figure class="bar-chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 320 ${bars.length * rowHeight}`} role="img" aria-label={`${title}: ${bars.map((b) => `${b.label} ${format(b.value)}`).join(', ')}`}>
        {bars.map((b, i) => (
          <g key={b.label} transform={`translate(0 ${i * rowHeight})`}>
            <text x={0} y={14} class="bar-label">
              {b.label.length > 22 ? `${b.label.slice(0, 21)}…` : b.label}
            </text>
            <rect x={150} y={4} height={12} width={Math.max(1, (b.value / max) * 130)} class="bar" />
            <text x={150 + Math.max(1, (b.value / max) * 130) + 4} y={14} class="bar-value">
              {format(b.value)}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
