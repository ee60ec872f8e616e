import { describe, expect, it } from 'vitest';
import { autoscalerCounts, behaviorLines, metricRows } from '@/details/kinds/autoscaling';

const hpa = {
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' },
    minReplicas: 2,
    maxReplicas: 2,
    metrics: [
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
      },
      {
        type: 'Resource',
        resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '200Mi' } },
      },
      {
        type: 'ContainerResource',
        containerResource: {
          name: 'cpu',
          container: 'api',
          target: { type: 'Utilization', averageUtilization: 80 },
        },
      },
      {
        type: 'Pods',
        pods: {
          metric: { name: 'checkouts_in_flight' },
          target: { type: 'AverageValue', averageValue: '10' },
        },
      },
      {
        type: 'Object',
        object: {
          metric: { name: 'requests_per_second' },
          describedObject: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'shop' },
          target: { type: 'Value', value: '2k' },
        },
      },
      {
        type: 'External',
        external: {
          metric: { name: 'queue_depth', selector: { matchLabels: { queue: 'orders' } } },
          target: { type: 'AverageValue', averageValue: '30' },
        },
      },
    ],
  },
  status: {
    currentReplicas: 2,
    desiredReplicas: 3,
    currentMetrics: [
      { type: 'Resource', resource: { name: 'memory', current: { averageValue: '150Mi' } } },
      {
        type: 'Resource',
        resource: { name: 'cpu', current: { averageUtilization: 35, averageValue: '35m' } },
      },
      {
        type: 'Object',
        object: {
          metric: { name: 'requests_per_second' },
          describedObject: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'shop' },
          current: { value: '1500' },
        },
      },
    ],
  },
};

describe('autoscaler metrics', () => {
  it('sets each target beside its current value, matched by what it measures', () => {
    expect(metricRows(hpa).map((r) => [r.type, r.name, r.target, r.current])).toEqual([
      ['Resource', 'cpu', '70% of requests', '35% (35m per pod)'],
      ['Resource', 'memory', '200Mi per pod', '150Mi per pod'],
      ['ContainerResource', 'cpu of container api', '80% of requests', 'unknown'],
      ['Pods', 'checkouts_in_flight', '10 per pod', 'unknown'],
      ['Object', 'requests_per_second', '2k', '1500'],
      ['External', 'queue_depth', '30 per pod', 'unknown'],
    ]);
    const rows = metricRows(hpa);
    expect(rows[4]?.object).toEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      name: 'shop',
    });
    expect(rows[5]?.selector).toBe('queue=orders');
    expect(rows[0]?.selector).toBeUndefined();
  });

  it('reads an autoscaling/v1 object as its one CPU metric', () => {
    expect(
      metricRows({
        spec: { targetCPUUtilizationPercentage: 50 },
        status: { currentCPUUtilizationPercentage: 12 },
      }).map((r) => [r.type, r.name, r.target, r.current]),
    ).toEqual([['Resource', 'cpu', '50% of requests', '12%']]);
    expect(metricRows({})).toEqual([]);
    // No current metrics reported yet (the cluster's answer may say null).
    expect(metricRows({ ...hpa, status: { currentMetrics: null } })[0]?.current).toBe('unknown');
  });
});

describe('autoscaler replicas and behavior', () => {
  it('counts min, max, current and desired replicas', () => {
    expect(autoscalerCounts(hpa)).toEqual([
      { label: 'Min', value: 2 },
      { label: 'Max', value: 2 },
      { label: 'Current', value: 2 },
      { label: 'Desired', value: 3 },
    ]);
    expect(autoscalerCounts({ spec: { maxReplicas: 5 } })[0]).toEqual({ label: 'Min', value: 1 });
  });

  it('says the scaling behavior in words', () => {
    expect(
      behaviorLines({
        spec: {
          behavior: {
            scaleUp: {
              stabilizationWindowSeconds: 0,
              selectPolicy: 'Max',
              policies: [
                { type: 'Pods', value: 4, periodSeconds: 15 },
                { type: 'Percent', value: 100, periodSeconds: 15 },
              ],
            },
            scaleDown: {
              stabilizationWindowSeconds: 300,
              policies: [{ type: 'Percent', value: 10, periodSeconds: 60 }],
            },
          },
        },
      }),
    ).toEqual([
      'Scale up: stabilization window 0s, at most 4 pods per 15s or 100% per 15s (whichever changes more)',
      'Scale down: stabilization window 300s, at most 10% per 60s',
    ]);
    expect(
      behaviorLines({ spec: { behavior: { scaleDown: { selectPolicy: 'Disabled' } } } }),
    ).toEqual(['Scale down: disabled']);
    expect(behaviorLines({ spec: { behavior: { scaleUp: {} } } })).toEqual([
      'Scale up: the defaults',
    ]);
    expect(behaviorLines({})).toEqual([]);
  });
});
