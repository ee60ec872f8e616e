import { describe, expect, it } from 'vitest';
import {
  changedAt,
  allocatableOf,
  nodesReady,
  parseQuantity,
  podsByPhase,
  podsByPhaseOf,
  podsPerNamespace,
  recentChanges,
  recentEvents,
  workloadsBehind,
} from '@/overview/summary';

describe('overview summaries', () => {
  it('counts ready nodes', () => {
    const ready = { status: { conditions: [{ type: 'Ready', status: 'True' }] } };
    const notReady = { status: { conditions: [{ type: 'Ready', status: 'False' }] } };
    expect(nodesReady({ items: [ready, notReady, {}] })).toEqual({ ready: 1, total: 3 });
    expect(nodesReady({})).toEqual({ ready: 0, total: 0 });
  });

  it('groups pods by phase and notices a cut list', () => {
    const pod = (phase?: string) => (phase === undefined ? {} : { status: { phase } });
    const summary = podsByPhase({
      items: [pod('Running'), pod('Running'), pod('Pending'), pod()],
      metadata: { continue: 'abc' },
    });
    expect(summary.phases).toEqual([
      ['Running', 2],
      ['Pending', 1],
      ['Unknown', 1],
    ]);
    expect(summary.partial).toBe(true);
    expect(podsByPhase({ items: [] }).partial).toBe(false);
  });

  it('keeps the newest events first', () => {
    const events = recentEvents(
      {
        items: [
          { reason: 'old', lastTimestamp: '2026-11-29T01:00:00Z' },
          { reason: 'new', lastTimestamp: '2026-11-29T03:00:00Z' },
          { reason: 'mid', eventTime: '2026-11-29T02:00:00Z', lastTimestamp: null },
        ],
      },
      2,
    );
    expect(events.map((e) => e.reason)).toEqual(['new', 'mid']);
  });

  it('lists workloads with fewer ready replicas than desired, most missing first', () => {
    const deployments = {
      items: [
        {
          metadata: { namespace: 'a', name: 'ok' },
          spec: { replicas: 2 },
          status: { readyReplicas: 2 },
        },
        {
          metadata: { namespace: 'a', name: 'one-short' },
          spec: { replicas: 3 },
          status: { readyReplicas: 2 },
        },
        { metadata: { namespace: 'b', name: 'none-ready' }, spec: { replicas: 4 }, status: {} },
        { metadata: { namespace: 'b', name: 'scaled-to-zero' }, spec: { replicas: 0 }, status: {} },
      ],
    };
    const daemons = {
      items: [
        {
          metadata: { namespace: 'k', name: 'agent' },
          status: { desiredNumberScheduled: 5, numberReady: 4 },
        },
      ],
    };
    const behind = workloadsBehind([
      { kind: 'Deployment', list: deployments },
      { kind: 'DaemonSet', list: daemons },
    ]);
    expect(behind.map((b) => `${b.kind} ${b.namespace}/${b.name} ${b.ready}/${b.desired}`)).toEqual(
      ['Deployment b/none-ready 0/4', 'DaemonSet k/agent 4/5', 'Deployment a/one-short 2/3'],
    );
  });

  it('parses quantities in every suffix and refuses malformed ones', () => {
    expect(parseQuantity('250m')).toBeCloseTo(0.25);
    expect(parseQuantity('2')).toBe(2);
    expect(parseQuantity('1500000n')).toBeCloseTo(0.0015);
    expect(parseQuantity('1Ki')).toBe(1024);
    expect(parseQuantity('1.5Gi')).toBe(1.5 * 2 ** 30);
    expect(parseQuantity('1e3')).toBe(1000);
    expect(parseQuantity('3M')).toBe(3e6);
    expect(parseQuantity('12Q')).toBeNaN();
    expect(parseQuantity('abc')).toBeNaN();
  });

  it('adds what the nodes can allocate, skipping malformed values', () => {
    const total = allocatableOf({
      items: [
        { status: { allocatable: { cpu: '2', memory: '4Gi' } } },
        { status: { allocatable: { cpu: '1500m', memory: 'x' } } },
        { status: {} },
      ],
    });
    expect(total).toEqual({ cpu: 3.5, memory: 4 * 2 ** 30 });
  });
});

describe('overview summaries across namespaces', () => {
  const pod = (namespace: string, phase: string) => ({
    metadata: { namespace },
    status: { phase },
  });

  it('counts pods by phase over several lists and per namespace', () => {
    const demo = {
      items: [pod('demo', 'Running'), pod('demo', 'Running'), pod('demo', 'Pending')],
    };
    const staging = { items: [pod('staging', 'Failed')], metadata: { continue: 'x' } };
    expect(podsByPhaseOf([demo, staging])).toEqual({
      phases: [
        ['Running', 2],
        ['Failed', 1],
        ['Pending', 1],
      ],
      partial: true,
    });
    expect(podsByPhaseOf([demo]).partial).toBe(false);
    expect(podsPerNamespace([staging, demo])).toEqual([
      {
        namespace: 'demo',
        phases: [
          ['Running', 2],
          ['Pending', 1],
        ],
        total: 3,
      },
      { namespace: 'staging', phases: [['Failed', 1]], total: 1 },
    ]);
  });

  it('says when an object last changed: its newest field manager, else its creation', () => {
    expect(
      changedAt({
        creationTimestamp: '2026-01-01T00:00:00Z',
        managedFields: [
          { time: '2026-01-02T00:00:00Z' },
          { time: '2026-01-04T00:00:00Z' },
          { time: 'garbage' },
          {},
        ],
      }),
    ).toBe('2026-01-04T00:00:00Z');
    expect(changedAt({ creationTimestamp: '2026-01-01T00:00:00Z' })).toBe('2026-01-01T00:00:00Z');
    expect(changedAt(undefined)).toBeUndefined();
  });

  it('lists the most recently changed objects first', () => {
    const meta = (name: string, time: string) => ({
      metadata: { name, namespace: 'demo', managedFields: [{ time }] },
    });
    const changes = recentChanges(
      [
        { kind: 'Deployment', items: [meta('web', '2026-01-02T00:00:00Z'), { metadata: {} }] },
        {
          kind: 'Pod',
          items: [meta('web-1', '2026-01-03T00:00:00Z'), meta('db-0', '2026-01-01T00:00:00Z')],
        },
      ],
      2,
    );
    expect(changes).toEqual([
      { kind: 'Pod', namespace: 'demo', name: 'web-1', at: '2026-01-03T00:00:00Z' },
      { kind: 'Deployment', namespace: 'demo', name: 'web', at: '2026-01-02T00:00:00Z' },
    ]);
  });
});
