import { describe, expect, it } from 'vitest';
import { appendSample, HISTORY_SAMPLES } from '@/metrics/history';
import type { UsageSample } from '@/metrics/history';

const at = (seconds: number, cpu = seconds): UsageSample => ({
  at: seconds * 1000,
  cpu,
  memory: 1,
});

describe('usage history', () => {
  it('keeps samples oldest first and drops the oldest beyond the limit', () => {
    let history: UsageSample[] = [];
    for (let i = 0; i < HISTORY_SAMPLES + 5; i += 1) history = appendSample(history, at(i * 15));
    expect(history).toHaveLength(HISTORY_SAMPLES);
    expect(history[0]?.at).toBe(5 * 15 * 1000);
    expect(history[history.length - 1]?.at).toBe((HISTORY_SAMPLES + 4) * 15 * 1000);
  });

  it('replaces a sample taken within half a period of the previous one', () => {
    const history = appendSample(appendSample([], at(0, 1)), at(5, 2));
    expect(history).toEqual([at(5, 2)]);
    const spaced = appendSample(history, at(20, 3));
    expect(spaced.map((s) => s.cpu)).toEqual([2, 3]);
  });

  it('does not change the history it was given', () => {
    const before = [at(0)];
    appendSample(before, at(15));
    expect(before).toEqual([at(0)]);
  });
});
