import { describe, expect, it } from 'vitest';
import { addSample, formatCpu, formatMemory, podUsage, usageOf } from '@/metrics/usage';

describe('usage', () => {
  it("adds up a pod's containers", () => {
    expect(
      podUsage({
        containers: [
          { usage: { cpu: '25m', memory: '48Mi' } },
          { usage: { cpu: '250000n', memory: '16Mi' } },
        ],
      }),
    ).toEqual({ cpu: 0.025 + 0.00025, memory: 64 * 2 ** 20 });
    expect(usageOf(undefined)).toEqual({ cpu: 0, memory: 0 });
  });

  it('writes CPU and memory as kubectl top does', () => {
    expect(formatCpu(0.0252)).toBe('25m');
    expect(formatCpu(2)).toBe('2000m');
    expect(formatCpu(32)).toBe('32.0');
    expect(formatMemory(48 * 2 ** 20)).toBe('48Mi');
    expect(formatMemory(256 * 2 ** 30)).toBe('256.0Gi');
  });

  it('keeps the last samples only', () => {
    let samples: number[] = [];
    for (let i = 0; i < 25; i += 1) samples = addSample(samples, i, 20);
    expect(samples).toHaveLength(20);
    expect(samples[0]).toBe(5);
    expect(samples[19]).toBe(24);
  });
});
