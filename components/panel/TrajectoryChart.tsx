/**
 * The customer's mood in words ("getting more frustrated") and a labelled chart:
 * one point per customer message in conversation order, agent replies marked
 * between them on the neutral line.
 */
import type { AnalysedMessage, Trajectory } from '../../lib/ticket';
import { moodOf, trendText } from '../../lib/panel/words';

const WIDTH = 320;
const HEIGHT = 100;
const LEFT = 52;
const RIGHT = 8;
const TOP = 8;
const BOTTOM = 8;

export function TrajectoryChart({ messages, trajectory }: { messages: readonly AnalysedMessage[]; trajectory: Trajectory }) {
  const shown = messages.filter((m) => m.role === 'customer' || m.role === 'agent');
  const customers = shown.filter((m) => m.role === 'customer' && m.sentiment);
  if (customers.length === 0) return <p class="muted">No customer messages yet.</p>;
  const x = (i: number) => (shown.length === 1 ? (LEFT + WIDTH - RIGHT) / 2 : LEFT + (i * (WIDTH - LEFT - RIGHT)) / (shown.length - 1));
  const y = (score: number) => TOP + ((1 - score) / 2) * (HEIGHT - TOP - BOTTOM);
  const plotted = shown.flatMap((m, i) => (m.role === 'customer' && m.sentiment ? [{ m, i, score: m.sentiment.score }] : []));
  const path = plotted.map((p, k) => `${k ? 'L' : 'M'}${x(p.i).toFixed(1)},${y(p.score).toFixed(1)}`).join(' ');
  const summary = describe(trajectory, customers.length);
  const points = plotted.map((p, k) => `message ${k + 1} ${moodOf(p.score)}`).join(', ');
  return (
    <figure class="trajectory" data-trend={trajectory.trend}>
      <figcaption class="mood-words">{summary}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`Customer's mood by message: ${points}`}>
        {[
          [1, 'Pleased'],
          [0, 'Neutral'],
          [-1, 'Upset'],
        ].map(([score, text]) => (
          <g key={text}>
            <line class={score === 0 ? 'axis zero' : 'axis'} x1={LEFT - 4} x2={WIDTH - RIGHT} y1={y(score as number)} y2={y(score as number)} />
            <text class="axis-label" x={LEFT - 8} y={y(score as number) + 4} text-anchor="end">
              {text}
            </text>
          </g>
        ))}
        {shown.map((m, i) =>
          m.role === 'agent' ? (
            <rect key={m.id} class="agent-mark" x={x(i) - 3} y={y(0) - 3} width={6} height={6} transform={`rotate(45 ${x(i)} ${y(0)})`}>
              <title>Agent reply</title>
            </rect>
          ) : null,
        )}
        <path class="line" d={path} />
        {plotted.map((p, k) => (
          <circle key={p.m.id} class={`point ${p.score < -0.1 ? 'neg' : p.score > 0.1 ? 'pos' : 'neu'}`} cx={x(p.i)} cy={y(p.score)} r={4}>
            <title>{`Customer message ${k + 1}: ${moodOf(p.score)}`}</title>
          </circle>
        ))}
      </svg>
      <p class="legend small muted" aria-hidden="true">
        <span class="key-customer">●</span> customer message <span class="key-agent">◆</span> agent reply
      </p>
    </figure>
  );
}

function describe(t: Trajectory, count: number): string {
  if (t.now === null) return 'No customer messages yet.';
  if (count === 1 || t.start === null) return `One customer message so far: ${moodOf(t.now)}.`;
  const trend = trendText(t.trend);
  return `${trend.charAt(0).toUpperCase()}${trend.slice(1)}: ${moodOf(t.start)} at first, ${moodOf(t.now)} now.`;
}
