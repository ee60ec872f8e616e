import { describe, expect, it } from 'vitest';
import { formatCpu, formatMemory, podUsage, sumUsage, usageOf } from '@/metrics/usage';

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

  it('adds usages up and counts them', () => {
    expect(
      sumUsage([
        { cpu: 0.5, memory: 10 },
        { cpu: 0.25, memory: 6 },
      ]),
    ).toEqual({ cpu: 0.75, memory: 16, pods: 2 });
    expect(sumUsage([])).toEqual({ cpu: 0, memory: 0, pods: 0 });
  });

  it('writes CPU in millicores or cores and memory in Mi or Gi', () => {
    expect(formatCpu(0.0252)).toBe('25m');
    expect(formatCpu(0.9996)).toBe('1000m');
    expect(formatCpu(1)).toBe('1 core');
    expect(formatCpu(1.008)).toBe('1.01 cores');
    expect(formatCpu(64)).toBe('64 cores');
    expect(formatCpu(12.34)).toBe('12.3 cores');
    expect(formatMemory(48 * 2 ** 20)).toBe('48Mi');
    expect(formatMemory(1620 * 2 ** 20)).toBe('1.6Gi');
    expect(formatMemory(512 * 2 ** 30)).toBe('512Gi');
  });
});
