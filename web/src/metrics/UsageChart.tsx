/** A small line chart of the last samples (SVG), scaled to their maximum (or `limit`). */
export function UsageChart({
  title,
  values,
  format,
  limit,
}: {
  title: string;
  values: readonly number[];
  format: (value: number) => string;
  /** The top of the scale (e.g. allocatable), else the largest sample. */
  limit?: number;
}) {
  const width = 240;
  const height = 60;
  const top = Math.max(limit ?? 0, ...values, Number.MIN_VALUE);
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const points = values
    .map((v, i) => `${(i * step).toFixed(1)},${(height - (v / top) * (height - 4) - 2).toFixed(1)}`)
    .join(' ');
  const latest = values[values.length - 1];
  const text =
    latest === undefined
      ? `${title}: no samples yet`
      : `${title}: now ${format(latest)}${limit === undefined ? '' : ` of ${format(limit)}`}, ${values.length} samples`;
  return (
    <figure className="usage-chart">
      <svg
        role="img"
        aria-label={text}
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
      >
        <title>{text}</title>
        <rect x="0" y="0" width={width} height={height} className="usage-chart-bg" />
        {values.length > 1 && <polyline points={points} className="usage-chart-line" />}
        {values.length === 1 && (
          <circle cx={width / 2} cy={height - ((latest ?? 0) / top) * (height - 4) - 2} r="2" />
        )}
      </svg>
      <figcaption>
        {title}: {latest === undefined ? '—' : format(latest)}
        {limit !== undefined && latest !== undefined && (
          <span className="muted"> of {format(limit)}</span>
        )}
      </figcaption>
    </figure>
  );
}
