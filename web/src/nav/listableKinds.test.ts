import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ResourceKind } from '@/api/kube';
import { listableKinds } from '@/nav/listableKinds';
import { namespacesInView } from '@/nav/viewNamespaces';
import { fakeCluster, forgetEverything, review, rulesNamespace } from '@/testing/fakeCluster';

const kind = (group: string, resource: string, namespaced = true): ResourceKind => ({
  group,
  version: 'v1',
  resource,
  kind: resource,
  namespaced,
  verbs: ['list', 'watch'],
  shortNames: [],
});

beforeEach(forgetEverything);
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('listableKinds for a viewer bound to one namespace', () => {
  it('keeps every kind it may list there while it looks into a namespace it may not read', async () => {
    const all = [
      kind('', 'pods'),
      kind('', 'configmaps'),
      kind('apps', 'deployments'),
      kind('apps', 'replicasets'),
      kind('', 'nodes', false),
    ];
    fakeCluster((request) => {
      if (request.path.endsWith('/selfsubjectrulesreviews')) {
        const rules =
          rulesNamespace(request) === 'demo'
            ? [{ verbs: ['get', 'list', 'watch'], apiGroups: ['', 'apps'], resources: ['*'] }]
            : [];
        return [200, { status: { resourceRules: rules } }];
      }
      return review(false);
    });
    const kinds = await listableKinds('dev', all, namespacesInView(['kube-system'], ['demo']));
    expect(kinds.map((k) => k.resource)).toEqual([
      'pods',
      'configmaps',
      'deployments',
      'replicasets',
    ]);
  });
});
