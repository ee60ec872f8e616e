import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/http';
import type { KubeObject } from '@/api/kube';
import { evictAll, outcomeText, planDrain } from '@/nodes/drain';
import type { EvictionDeps, PodOutcome } from '@/nodes/drain';
import { evictionBody } from '@/nodes/requests';

const pod = (namespace: string, name: string, extra: Partial<KubeObject['metadata']> = {}) => ({
  metadata: { name, namespace, ...extra },
});
const owned = (kind: string) => ({
  ownerReferences: [{ apiVersion: 'apps/v1', kind, name: 'x', uid: 'u', controller: true }],
});

describe('planDrain', () => {
  it('evicts every pod but DaemonSet and mirror pods', () => {
    const plan = planDrain([
      pod('demo', 'web-2', owned('ReplicaSet')),
      pod('demo', 'log-agent-x', owned('DaemonSet')),
      pod('kube-system', 'etcd-node', { annotations: { 'kubernetes.io/config.mirror': 'abc' } }),
      pod('demo', 'web-1', owned('ReplicaSet')),
      pod('demo', 'bare'),
    ]);
    expect(plan.evict.map((p) => p.metadata.name)).toEqual(['bare', 'web-1', 'web-2']);
    expect(plan.skip.map((s) => [s.pod.metadata.name, s.reason])).toEqual([
      ['log-agent-x', 'daemonset'],
      ['etcd-node', 'mirror'],
    ]);
  });

  it('posts a policy/v1 Eviction naming the pod', () => {
    expect(evictionBody(pod('demo', 'web-1'))).toEqual({
      apiVersion: 'policy/v1',
      kind: 'Eviction',
      metadata: { name: 'web-1', namespace: 'demo' },
    });
  });
});

/** A cluster answering each pod's evictions in turn, on a clock that moves only by sleeping. */
function fakeCluster(answers: Record<string, (number | 'ok')[]>) {
  let now = 1_000_000;
  const calls: string[] = [];
  const deps: EvictionDeps = {
    evict: (target) => {
      const name = target.metadata.name;
      calls.push(name);
      const answer = answers[name]?.shift() ?? 'ok';
      if (answer === 'ok') return Promise.resolve();
      const message =
        answer === 429
          ? "Cannot evict pod as it would violate the pod's disruption budget."
          : 'boom';
      return Promise.reject(new ApiError(answer, 'TooManyRequests', message));
    },
    sleep: (ms) => {
      now += ms;
      return Promise.resolve();
    },
    now: () => now,
  };
  return { deps, calls, now: () => now };
}

describe('evictAll', () => {
  it('retries a pod a budget blocks until it is let through', async () => {
    const cluster = fakeCluster({ 'web-1': [429, 429, 'ok'], 'web-2': ['ok'] });
    const updates: [number, PodOutcome['state']][] = [];
    const pods = [pod('demo', 'web-1'), pod('demo', 'web-2')];
    const outcomes = await evictAll(
      pods,
      cluster.deps,
      { timeoutMs: 60_000, retryMs: 5_000, concurrency: 1 },
      (index, outcome) => updates.push([index, outcome.state]),
    );
    expect(outcomes.map((o) => o.state)).toEqual(['evicted', 'evicted']);
    expect(cluster.calls).toEqual(['web-1', 'web-1', 'web-1', 'web-2']);
    expect(updates).toContainEqual([0, 'waiting']);
    expect(cluster.now()).toBe(1_000_000 + 10_000);
  });

  it('reports a pod as blocked by its budget when time runs out', async () => {
    const cluster = fakeCluster({ 'web-1': [429, 429, 429, 429, 429] });
    const [outcome] = await evictAll(
      [pod('demo', 'web-1')],
      cluster.deps,
      { timeoutMs: 12_000, retryMs: 5_000 },
      () => undefined,
    );
    expect(outcome).toEqual({
      state: 'blocked',
      message: "Cannot evict pod as it would violate the pod's disruption budget.",
    });
    // Tried at 0 s, 5 s and 10 s; another try at 15 s would pass the 12 s limit.
    expect(cluster.calls).toHaveLength(3);
    expect(outcomeText(outcome ?? { state: 'pending' }, 0)).toMatch(
      /^blocked by its PodDisruptionBudget/,
    );
  });

  it('tells a pod already gone and other errors apart', async () => {
    const cluster = fakeCluster({ gone: [404], bad: [500] });
    const outcomes = await evictAll(
      [pod('demo', 'gone'), pod('demo', 'bad')],
      cluster.deps,
      { timeoutMs: 1_000, retryMs: 500 },
      () => undefined,
    );
    expect(outcomes).toEqual([{ state: 'gone' }, { state: 'error', message: 'boom' }]);
  });

  it('stops retrying when stopped', async () => {
    const controller = new AbortController();
    const cluster = fakeCluster({ 'web-1': [429, 429, 429] });
    const sleep = cluster.deps.sleep;
    cluster.deps.sleep = (ms) => {
      controller.abort();
      return sleep(ms);
    };
    const [outcome] = await evictAll(
      [pod('demo', 'web-1')],
      cluster.deps,
      { timeoutMs: 60_000, retryMs: 5_000, signal: controller.signal },
      () => undefined,
    );
    expect(outcome).toEqual({ state: 'stopped' });
  });

  it('says how long a blocked pod is still retried', () => {
    expect(
      outcomeText({ state: 'waiting', attempts: 2, message: 'x', deadline: 30_000 }, 18_500),
    ).toBe('blocked by a PodDisruptionBudget; trying again (12 s left)');
    expect(outcomeText({ state: 'skipped', reason: 'daemonset' }, 0)).toBe(
      'skipped: DaemonSet pod',
    );
  });
});
