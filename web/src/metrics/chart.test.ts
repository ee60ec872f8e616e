import { describe, expect, it } from 'vitest';
import { chartPoints, chartTop, spanText } from '@/metrics/chart';

const frame = { width: 100, height: 54, now: 60_000, span: 60_000, top: 10 };

describe('usage chart geometry', () => {
  it('puts the newest sample at the right edge and the oldest at the left', () => {
    const xy = chartPoints(
      [
        { at: 0, value: 0 },
        { at: 30_000, value: 5 },
        { at: 60_000, value: 10 },
      ],
      frame,
    );
    expect(xy).toEqual([
      [0, 52],
      [50, 27],
      [100, 2],
    ]);
  });

  it('leaves out samples older than the span and clamps values above the top', () => {
    const xy = chartPoints(
      [
        { at: -1, value: 1 },
        { at: 60_000, value: 50 },
      ],
      frame,
    );
    expect(xy).toEqual([[100, 2]]);
  });

  it('scales to the limit, else to the largest value with headroom', () => {
    expect(chartTop([1, 2], 8)).toBe(8);
    expect(chartTop([1, 2], undefined)).toBeCloseTo(2.2);
    expect(chartTop([], undefined)).toBe(1);
    expect(chartTop([0, 0], 0)).toBe(1);
  });

  it('says how much history there is', () => {
    expect(spanText(45_000)).toBe('45 s');
    expect(spanText(150_000)).toBe('3 min');
  });
});
