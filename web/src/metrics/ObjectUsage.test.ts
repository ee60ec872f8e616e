import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@/api/kube';
import { nodeAllocatable, podLimits } from '@/metrics/ObjectUsage';

const pod = (containers: unknown[]): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'demo' },
  spec: { containers },
});

describe('chart scales of objects', () => {
  it("adds a pod's container limits when every container has one", () => {
    const limits = podLimits(
      pod([
        { resources: { limits: { cpu: '500m', memory: '64Mi' } } },
        { resources: { limits: { cpu: '250m' } } },
      ]),
    );
    expect(limits.cpu).toBeCloseTo(0.75);
    // One container has no memory limit: the pod may use more than the other's 64Mi.
    expect(limits.memory).toBeUndefined();
    expect(podLimits(pod([]))).toEqual({ cpu: undefined, memory: undefined });
  });

  it("reads a node's allocatable", () => {
    const node: KubeObject = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'n' },
      status: { allocatable: { cpu: '32', memory: '256Gi' } },
    };
    expect(nodeAllocatable(node)).toEqual({ cpu: 32, memory: 256 * 2 ** 30 });
  });
});
