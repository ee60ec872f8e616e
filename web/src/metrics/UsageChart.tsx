import { chartPoints, chartTop, spanText } from '@/metrics/chart';
import type { ChartPoint } from '@/metrics/chart';

const WIDTH = 280;
const HEIGHT = 72;

/**
 * A small area chart of a usage history (SVG, coloured from the theme's tokens). Its text
 * alternative says the latest value, the limit and how much history it shows.
 */
export function UsageChart({
  title,
  points,
  span,
  format,
  limit,
}: {
  title: string;
  points: readonly ChartPoint[];
  /** How much time the chart spans (ms). */
  span: number;
  format: (value: number) => string;
  /** The top of the scale (e.g. allocatable); without it, the largest sample sets it. */
  limit?: number | undefined;
}) {
  const latest = points[points.length - 1];
  const first = points[0];
  const now = latest?.at ?? 0;
  const top = chartTop(
    points.map((p) => p.value),
    limit,
  );
  const xy = chartPoints(points, { width: WIDTH, height: HEIGHT, now, span, top });
  const line = xy.map(([x, y]) => `${x},${y}`).join(' ');
  const area = xy.length > 1 ? `${xy[0]?.[0]},${HEIGHT} ${line} ${WIDTH},${HEIGHT}` : '';
  const held = latest !== undefined && first !== undefined ? latest.at - first.at : 0;
  const of = limit === undefined ? '' : ` of ${format(limit)}`;
  const text =
    latest === undefined
      ? `${title}: no samples yet`
      : `${title}: now ${format(latest.value)}${of}, ${points.length} ${points.length === 1 ? 'sample' : 'samples'} over ${spanText(held)}`;
  return (
    <figure className="usage-chart">
      <figcaption>
        <span className="usage-chart-title">{title}</span>{' '}
        <span className="usage-chart-value">
          {latest === undefined ? '—' : format(latest.value)}
        </span>
        {limit !== undefined && <span className="muted"> of {format(limit)}</span>}
      </figcaption>
      <svg
        role="img"
        aria-label={text}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width={WIDTH}
        height={HEIGHT}
        preserveAspectRatio="none"
      >
        <title>{text}</title>
        <rect x="0" y="0" width={WIDTH} height={HEIGHT} className="usage-chart-bg" />
        <line x1="0" x2={WIDTH} y1={HEIGHT / 2} y2={HEIGHT / 2} className="usage-chart-grid" />
        {area !== '' && <polygon points={area} className="usage-chart-area" />}
        {xy.length > 1 && <polyline points={line} className="usage-chart-line" />}
        {xy.length === 1 && xy[0] !== undefined && (
          <circle cx={xy[0][0] - 3} cy={xy[0][1]} r="3" className="usage-chart-dot" />
        )}
      </svg>
      <p className="usage-chart-span muted">
        {latest === undefined
          ? 'Waiting for the first sample…'
          : held === 0
            ? 'One sample so far; a new one every 15 s'
            : `Last ${spanText(held)}, a sample every 15 s`}
      </p>
    </figure>
  );
}
