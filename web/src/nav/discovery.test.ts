import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AGGREGATED_ACCEPT,
  kindsFromAggregated,
  kindsFromResourceList,
  loadDiscovery,
  resolveKind,
} from '@/nav/discovery';
import { fakeCluster, forgetEverything } from '@/testing/fakeCluster';

/** Shaped like the dev cluster's aggregated discovery answers. */
const aggregatedCore = {
  kind: 'APIGroupDiscoveryList',
  apiVersion: 'apidiscovery.k8s.io/v2',
  metadata: {},
  items: [
    {
      metadata: {},
      versions: [
        {
          version: 'v1',
          freshness: 'Current',
          resources: [
            {
              resource: 'pods',
              responseKind: { group: '', version: '', kind: 'Pod' },
              scope: 'Namespaced',
              verbs: ['create', 'get', 'list', 'watch'],
              shortNames: ['po'],
              subresources: [{ subresource: 'log', verbs: ['get'] }],
            },
            {
              resource: 'bindings',
              responseKind: { group: '', version: '', kind: 'Binding' },
              scope: 'Namespaced',
              verbs: ['create'],
            },
          ],
        },
      ],
    },
  ],
};

const aggregatedGroups = {
  kind: 'APIGroupDiscoveryList',
  apiVersion: 'apidiscovery.k8s.io/v2',
  metadata: {},
  items: [
    {
      metadata: { name: 'autoscaling' },
      versions: [
        {
          version: 'v2',
          resources: [
            {
              resource: 'horizontalpodautoscalers',
              responseKind: { kind: 'HorizontalPodAutoscaler' },
              scope: 'Namespaced',
              verbs: ['get', 'list', 'watch'],
              shortNames: ['hpa'],
            },
          ],
        },
        {
          version: 'v1',
          resources: [
            {
              resource: 'horizontalpodautoscalers',
              responseKind: { kind: 'HorizontalPodAutoscaler' },
              scope: 'Namespaced',
              verbs: ['get', 'list', 'watch'],
            },
          ],
        },
      ],
    },
    {
      metadata: { name: 'demo.lanthorn.dev' },
      versions: [
        {
          version: 'v1',
          resources: [
            {
              resource: 'widgets',
              responseKind: { kind: 'Widget' },
              scope: 'Namespaced',
              verbs: ['list', 'watch'],
              shortNames: ['wdg'],
            },
          ],
        },
      ],
    },
  ],
};

beforeEach(forgetEverything);
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('aggregated discovery', () => {
  it('keeps the preferred version of listable kinds, remembering every version', () => {
    const { kinds, all } = kindsFromAggregated(aggregatedGroups);
    expect(kinds.map((k) => `${k.group}/${k.version}/${k.resource}`)).toEqual([
      'autoscaling/v2/horizontalpodautoscalers',
      'demo.lanthorn.dev/v1/widgets',
    ]);
    expect(all).toHaveLength(3);
    expect(kinds[1]).toEqual({
      group: 'demo.lanthorn.dev',
      version: 'v1',
      resource: 'widgets',
      kind: 'Widget',
      namespaced: true,
      verbs: ['list', 'watch'],
      shortNames: ['wdg'],
    });
  });

  it('is asked for with the aggregated Accept header, both documents', async () => {
    const seen = fakeCluster(({ path }) =>
      path === '/clusters/dev/api'
        ? [200, aggregatedCore]
        : path === '/clusters/dev/apis'
          ? [200, aggregatedGroups]
          : undefined,
    );
    const discovery = await loadDiscovery('dev');
    expect(discovery.kinds.map((k) => k.resource)).toEqual([
      'pods',
      'horizontalpodautoscalers',
      'widgets',
    ]);
    expect(seen.map((r) => [r.path, r.accept])).toEqual([
      ['/clusters/dev/apis', AGGREGATED_ACCEPT],
      ['/clusters/dev/api', AGGREGATED_ACCEPT],
    ]);
    // Asked once per cluster.
    await loadDiscovery('dev');
    expect(seen).toHaveLength(2);
    // A URL naming another version still resolves.
    expect(
      (
        await resolveKind('dev', {
          group: 'autoscaling',
          version: 'v1',
          resource: 'horizontalpodautoscalers',
        })
      )?.version,
    ).toBe('v1');
  });
});

describe('legacy discovery', () => {
  it('leaves out subresources', () => {
    const kinds = kindsFromResourceList('', 'v1', {
      resources: [
        { name: 'pods', kind: 'Pod', namespaced: true, verbs: ['list'], shortNames: ['po'] },
        { name: 'pods/log', kind: 'Pod', namespaced: true, verbs: ['get'] },
      ],
    });
    expect(kinds.map((k) => k.resource)).toEqual(['pods']);
  });

  it('is used when the server does not aggregate, one request per preferred version', async () => {
    const seen = fakeCluster(({ path }) => {
      switch (path) {
        case '/clusters/dev/apis':
          return [
            200,
            {
              kind: 'APIGroupList',
              groups: [
                {
                  name: 'apps',
                  versions: [{ version: 'v1' }],
                  preferredVersion: { version: 'v1' },
                },
                { name: 'broken.example', preferredVersion: { version: 'v1' } },
              ],
            },
          ];
        case '/clusters/dev/api':
          return [200, { kind: 'APIVersions', versions: ['v1'] }];
        case '/clusters/dev/api/v1':
          return [
            200,
            {
              resources: [
                { name: 'nodes', kind: 'Node', namespaced: false, verbs: ['list'] },
                { name: 'bindings', kind: 'Binding', namespaced: true, verbs: ['create'] },
              ],
            },
          ];
        case '/clusters/dev/apis/apps/v1':
          return [
            200,
            {
              resources: [
                { name: 'deployments', kind: 'Deployment', namespaced: true, verbs: ['list'] },
                { name: 'deployments/scale', kind: 'Scale', namespaced: true, verbs: ['get'] },
              ],
            },
          ];
        case '/clusters/dev/apis/broken.example/v1':
          return [503, { message: 'service unavailable' }];
        default:
          return undefined;
      }
    });
    const discovery = await loadDiscovery('dev');
    expect(discovery.kinds.map((k) => `${k.group}/${k.resource}`)).toEqual([
      '/nodes',
      'apps/deployments',
    ]);
    expect(discovery.all).toHaveLength(3);
    expect(seen.map((r) => r.path)).toContain('/clusters/dev/apis/broken.example/v1');
  });
});
