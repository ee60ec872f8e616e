import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ResourceKind } from '@/api/kube';
import { kindsToFind, kindsToSearch, searchNames } from '@/nav/searchNames';
import { fakeCluster, forgetEverything } from '@/testing/fakeCluster';

const kind = (group: string, resource: string, namespaced = true): ResourceKind => ({
  group,
  version: 'v1',
  resource,
  kind: resource,
  namespaced,
  verbs: ['list'],
  shortNames: [],
});

beforeEach(forgetEverything);
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('kindsToSearch', () => {
  it('puts common kinds first, then custom resources, skips noisy ones, caps the count', () => {
    const kinds = [
      kind('', 'events'),
      kind('storage.k8s.io', 'csidrivers', false),
      kind('demo.lanthorn.dev', 'widgets'),
      kind('', 'configmaps'),
      kind('apps', 'deployments'),
      kind('', 'pods'),
    ];
    expect(kindsToSearch(kinds).map((k) => k.resource)).toEqual([
      'pods',
      'deployments',
      'configmaps',
      'widgets',
      'csidrivers',
    ]);
    expect(kindsToSearch(kinds, 2).map((k) => k.resource)).toEqual(['pods', 'deployments']);
  });
});

describe('searchNames', () => {
  it('lists metadata only, in the namespaces given, and ranks exact names first', async () => {
    let running = 0;
    let most = 0;
    const seen = fakeCluster(({ path }) => {
      running += 1;
      most = Math.max(most, running);
      queueMicrotask(() => {
        running -= 1;
      });
      if (path.startsWith('/clusters/dev/api/v1/namespaces/demo/pods')) {
        return [
          200,
          {
            items: [
              { metadata: { name: 'web-1', namespace: 'demo' } },
              { metadata: { name: 'db', namespace: 'demo' } },
            ],
          },
        ];
      }
      if (path.startsWith('/clusters/dev/apis/apps/v1/namespaces/demo/deployments')) {
        return [200, { items: [{ metadata: { name: 'web', namespace: 'demo' } }] }];
      }
      if (path.startsWith('/clusters/dev/api/v1/nodes')) {
        return [200, { items: [{ metadata: { name: 'my-web-node' } }] }];
      }
      return [403, { message: 'forbidden' }];
    });
    const progress: number[] = [];
    const hits = await searchNames(
      'dev',
      [
        kind('', 'pods'),
        kind('apps', 'deployments'),
        kind('', 'nodes', false),
        kind('', 'secrets'),
      ],
      'WEB',
      ['demo'],
      { concurrency: 2, onHits: (h) => progress.push(h.length) },
    );
    expect(hits.map((h) => `${h.kind.resource}:${h.namespace ?? ''}/${h.name}`)).toEqual([
      'deployments:demo/web',
      'pods:demo/web-1',
      'nodes:/my-web-node',
    ]);
    expect(seen.map((r) => r.path)).toEqual([
      '/clusters/dev/api/v1/namespaces/demo/pods?limit=500',
      '/clusters/dev/apis/apps/v1/namespaces/demo/deployments?limit=500',
      '/clusters/dev/api/v1/nodes?limit=500',
      '/clusters/dev/api/v1/namespaces/demo/secrets?limit=500',
    ]);
    expect(seen[0]?.accept).toContain('as=PartialObjectMetadataList');
    expect(most).toBeLessThanOrEqual(2);
    expect(progress.length).toBeGreaterThan(0);
  });
});

describe('kindsToFind (the command palette)', () => {
  it('finds ReplicaSets too, but not events or leases', () => {
    const kinds = [
      kind('', 'events'),
      kind('coordination.k8s.io', 'leases'),
      kind('demo.lanthorn.dev', 'widgets'),
      kind('apps', 'replicasets'),
      kind('', 'services'),
      kind('apps', 'deployments'),
      kind('', 'pods'),
    ];
    expect(kindsToFind(kinds).map((k) => k.resource)).toEqual([
      'pods',
      'deployments',
      'replicasets',
      'services',
      'widgets',
    ]);
  });
});
