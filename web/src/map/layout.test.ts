import { describe, expect, it } from 'vitest';
import { layoutGraph } from '@/map/layout';
import { runLayout } from '@/map/layoutClient';

const input = {
  nodes: [
    { id: 'svc', width: 200, height: 40 },
    { id: 'deploy', width: 200, height: 40 },
    { id: 'pod', width: 200, height: 40 },
  ],
  edges: [
    { from: 'deploy', to: 'pod' },
    { from: 'svc', to: 'pod' },
    { from: 'pod', to: 'nowhere' },
  ],
};

describe('layoutGraph', () => {
  it('places every node, edges pointing right', () => {
    const at = layoutGraph(input);
    expect(Object.keys(at).sort()).toEqual(['deploy', 'pod', 'svc']);
    expect(at['pod']?.x).toBeGreaterThan(at['deploy']?.x ?? Infinity);
    expect(at['pod']?.x).toBeGreaterThan(at['svc']?.x ?? Infinity);
    // The two sources share a rank, one above the other, without overlapping.
    expect(at['svc']?.x).toBe(at['deploy']?.x);
    expect(Math.abs((at['svc']?.y ?? 0) - (at['deploy']?.y ?? 0))).toBeGreaterThanOrEqual(40);
  });

  it('runs on the spot where there is no worker', async () => {
    expect(await runLayout(input)).toEqual(layoutGraph(input));
  });
});
