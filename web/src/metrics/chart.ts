/** Where a usage chart draws its samples: pure geometry, tested without a DOM. */

export interface ChartPoint {
  at: number;
  value: number;
}

export interface ChartFrame {
  width: number;
  height: number;
  /** The right edge of the chart (ms since the epoch): usually the newest sample. */
  now: number;
  /** How much time the chart spans, right to left (ms). */
  span: number;
  /** The value at the top edge. */
  top: number;
}

/** Room left above and below the line so a stroke at 0 or at the top is not cut. */
const PAD = 2;

/**
 * SVG coordinates of each sample: time runs left to right over the last `span` ms ending at
 * `now` (older samples are left out), value bottom to top up to `top`.
 */
export function chartPoints(points: readonly ChartPoint[], frame: ChartFrame): [number, number][] {
  const { width, height, now, span } = frame;
  const top = frame.top > 0 ? frame.top : 1;
  const usable = height - 2 * PAD;
  return points
    .filter((p) => p.at >= now - span && p.at <= now)
    .map((p) => {
      const x = width - ((now - p.at) / span) * width;
      const y = height - PAD - (Math.min(p.value, top) / top) * usable;
      return [Number(x.toFixed(1)), Number(y.toFixed(1))];
    });
}

/** The top of a chart's scale: the limit when there is one, else the largest value (≥ 0+). */
export function chartTop(values: readonly number[], limit: number | undefined): number {
  if (limit !== undefined && limit > 0) return limit;
  const largest = Math.max(0, ...values);
  // 10 % of headroom so the line does not sit on the top edge.
  return largest > 0 ? largest * 1.1 : 1;
}

/** "2 min", "45 s": how much history a chart holds. */
export function spanText(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 90 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}
