/** Small SVG line chart of the customer's sentiment, message by message (start → now). */
import type { Trajectory } from '../../lib/ticket';

const WIDTH = 300;
const HEIGHT = 72;
const PAD = 6;

export function TrajectoryChart({ trajectory }: { trajectory: Trajectory }) {
  const { points } = trajectory;
  if (points.length === 0) return <p class="muted">No customer messages yet.</p>;
  const x = (i: number) => (points.length === 1 ? WIDTH / 2 : PAD + (i * (WIDTH - 2 * PAD)) / (points.length - 1));
  const y = (score: number) => PAD + ((1 - score) / 2) * (HEIGHT - 2 * PAD);
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.score).toFixed(1)}`).join(' ');
  const label = `Customer sentiment over ${points.length} message${points.length === 1 ? '' : 's'}: ${describe(trajectory)}`;
  return (
    <figure class="trajectory" data-trend={trajectory.trend}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label} preserveAspectRatio="none">
        <line class="axis" x1={0} x2={WIDTH} y1={y(0)} y2={y(0)} />
        <path class="line" d={path} />
        {points.map((p, i) => (
          <circle key={p.messageId} class={p.score < -0.1 ? 'neg' : p.score > 0.1 ? 'pos' : 'neu'} cx={x(i)} cy={y(p.score)} r={3}>
            <title>{`Message ${i + 1}: ${p.score.toFixed(2)}`}</title>
          </circle>
        ))}
      </svg>
      <figcaption>{describe(trajectory)}</figcaption>
    </figure>
  );
}

function describe(t: Trajectory): string {
  const fmt = (n: number | null) => (n === null ? '–' : n.toFixed(2));
  // A flat line of complaints (a chargeback threat after a surprise charge) is not "steady" to the agent.
  const upset = t.now !== null && t.now <= -0.1;
  const trend = { rising: 'getting calmer', falling: 'getting more frustrated', flat: upset ? 'still upset' : 'steady', unknown: upset ? 'upset' : 'not enough messages yet' }[t.trend];
  return `Start ${fmt(t.start)} → now ${fmt(t.now)}: ${trend}`;
}
