import { describe, expect, it } from 'vitest';
import type { ResourceKind } from '@/api/kube';
import { paletteItems } from '@/palette/items';
import { rankItems } from '@/palette/rank';

const kind = (group: string, resource: string, k: string, namespaced = true): ResourceKind => ({
  group,
  version: 'v1',
  resource,
  kind: k,
  namespaced,
  verbs: ['list'],
  shortNames: resource === 'deployments' ? ['deploy'] : [],
});

const deployments = kind('apps', 'deployments', 'Deployment');
const replicasets = kind('apps', 'replicasets', 'ReplicaSet');
const pods = kind('', 'pods', 'Pod');
const nodes = kind('', 'nodes', 'Node', false);

const sources = {
  cluster: 'dev',
  kinds: [pods, deployments, replicasets, nodes],
  namespaces: ['demo', 'shop'],
  hits: [
    { kind: deployments, namespace: 'demo', name: 'web' },
    { kind: replicasets, namespace: 'demo', name: 'web-7d9f' },
    { kind: pods, namespace: 'demo', name: 'web-7d9f-abcde' },
    { kind: pods, namespace: 'demo', name: 'api-1' },
    { kind: nodes, namespace: undefined, name: 'kwok-node-0' },
  ],
  linkNamespaces: undefined,
  current: undefined,
};

describe('paletteItems', () => {
  it('finds objects of every kind, ReplicaSets too, with their pages', () => {
    const found = rankItems(paletteItems(sources, undefined), 'web');
    expect(found[0]).toMatchObject({
      label: 'web',
      detail: 'Deployment in demo',
      href: '/c/dev/r/apps/v1/deployments/demo/web',
    });
    expect(found.map((i) => i.detail)).toContain('ReplicaSet in demo');
  });

  it('offers kinds, namespaces and pages', () => {
    const items = paletteItems(sources, undefined);
    expect(rankItems(items, 'nodes')[0]).toMatchObject({
      type: 'kind',
      href: '/c/dev/r/core/v1/nodes',
    });
    expect(rankItems(items, 'deploy')[0]?.label).toBe('Deployments');
    expect(rankItems(items, 'shop')[0]).toMatchObject({
      type: 'namespace',
      href: '/c/dev/r/core/v1/pods?ns=shop',
    });
    expect(rankItems(items, 'overview')[0]?.href).toBe('/c/dev');
  });

  it('opens a namespace on the list in view', () => {
    const onDeployments = { ...sources, current: deployments };
    expect(rankItems(paletteItems(onDeployments, 'go'), 'demo')[0]?.href).toBe(
      '/c/dev/r/apps/v1/deployments?ns=demo',
    );
  });

  it('keeps a namespace-bound user in its namespaces', () => {
    const bound = { ...sources, linkNamespaces: ['demo'] };
    expect(rankItems(paletteItems(bound, 'go'), 'pods')[0]?.href).toBe(
      '/c/dev/r/core/v1/pods?ns=demo',
    );
  });

  it('"scale web" offers what scales, "logs api" the logs pages, "go to" no objects', () => {
    const scale = rankItems(paletteItems(sources, 'scale'), 'web');
    expect(scale.map((i) => i.detail)).toEqual([
      'Scale Deployment in demo',
      'Scale ReplicaSet in demo',
    ]);
    expect(scale[0]?.href).toBe('/c/dev/r/apps/v1/deployments/demo/web');
    const logs = rankItems(paletteItems(sources, 'logs'), 'api');
    expect(logs).toHaveLength(1);
    expect(logs[0]?.href).toBe('/c/dev/r/core/v1/pods/demo/api-1?tab=logs');
    expect(rankItems(paletteItems(sources, 'logs'), 'kwok')).toEqual([]);
    const go = rankItems(paletteItems(sources, 'go'), 'web');
    expect(go.filter((i) => i.type === 'object')).toEqual([]);
    expect(rankItems(paletteItems(sources, 'go'), 'nodes')[0]?.label).toBe('Nodes');
  });
});
