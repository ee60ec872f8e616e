import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ResourceKind } from '@/api/kube';
import { categoryOf, sectionKinds } from '@/nav/categories';
import { listableKinds } from '@/nav/listableKinds';
import { namespaceOfServiceAccount } from '@/nav/namespaces';
import { rulesAllow } from '@/nav/rules';
import type { ResourceRule } from '@/nav/rules';
import {
  accessQuestion,
  fakeCluster,
  forgetEverything,
  review,
  rulesNamespace,
} from '@/testing/fakeCluster';

const kind = (group: string, resource: string, namespaced = true, k = resource): ResourceKind => ({
  group,
  version: 'v1',
  resource,
  kind: k,
  namespaced,
  verbs: ['list', 'watch'],
  shortNames: [],
});

const pods = kind('', 'pods', true, 'Pod');
const secrets = kind('', 'secrets', true, 'Secret');
const roles = kind('rbac.authorization.k8s.io', 'roles', true, 'Role');
const nodes = kind('', 'nodes', false, 'Node');
const storageClasses = kind('storage.k8s.io', 'storageclasses', false, 'StorageClass');
const widgets = kind('demo.lanthorn.dev', 'widgets', true, 'Widget');

beforeEach(forgetEverything);
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('rulesAllow', () => {
  const rules: ResourceRule[] = [
    { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods', 'pods/log'] },
    { verbs: ['*'], apiGroups: ['apps'], resources: ['*'] },
    { verbs: ['list'], apiGroups: ['*'], resources: ['widgets'] },
    { verbs: ['list'], apiGroups: [''], resources: ['secrets'], resourceNames: ['one'] },
  ];
  it('matches verbs, groups and resources, wildcards included', () => {
    expect(rulesAllow(rules, 'list', '', 'pods')).toBe(true);
    expect(rulesAllow(rules, 'watch', '', 'pods')).toBe(false);
    expect(rulesAllow(rules, 'list', 'apps', 'deployments')).toBe(true);
    expect(rulesAllow(rules, 'list', 'demo.lanthorn.dev', 'widgets')).toBe(true);
    expect(rulesAllow(rules, 'list', '', 'configmaps')).toBe(false);
  });
  it('does not let rules about named objects grant a list', () => {
    expect(rulesAllow(rules, 'list', '', 'secrets')).toBe(false);
  });
});

describe('categories', () => {
  it('puts kinds in their sections', () => {
    expect(categoryOf(pods)).toBe('Workloads');
    expect(categoryOf(kind('networking.k8s.io', 'ingresses'))).toBe('Network');
    expect(categoryOf(kind('gateway.networking.k8s.io', 'httproutes'))).toBe('Network');
    expect(categoryOf(kind('storage.k8s.io', 'csidrivers'))).toBe('Storage');
    expect(categoryOf(kind('coordination.k8s.io', 'leases'))).toBe('Configuration');
    expect(categoryOf(roles)).toBe('Access control');
    expect(categoryOf(kind('apiextensions.k8s.io', 'customresourcedefinitions'))).toBe('Cluster');
    expect(categoryOf(kind('flowcontrol.apiserver.k8s.io', 'flowschemas'))).toBe('Cluster');
    expect(categoryOf(widgets)).toBe('Custom resources');
  });

  it('orders sections and kinds, and keeps one of duplicate built-in resources', () => {
    const sections = sectionKinds([
      widgets,
      kind('apps', 'deployments', true, 'Deployment'),
      pods,
      kind('events.k8s.io', 'events', true, 'Event'),
      kind('', 'events', true, 'Event'),
      nodes,
    ]);
    expect(
      sections.map((s) => [s.category, s.kinds.map((k) => `${k.group}/${k.resource}`)]),
    ).toEqual([
      ['Workloads', ['/pods', 'apps/deployments']],
      ['Cluster', ['/nodes', '/events']],
      ['Custom resources', ['demo.lanthorn.dev/widgets']],
    ]);
  });
});

describe('namespaceOfServiceAccount', () => {
  it('reads the namespace of a ServiceAccount username', () => {
    expect(namespaceOfServiceAccount('system:serviceaccount:demo:demo-viewer')).toBe('demo');
    expect(namespaceOfServiceAccount('admin@example.com')).toBeUndefined();
    expect(namespaceOfServiceAccount('system:serviceaccount:demo')).toBeUndefined();
  });
});

describe('listableKinds', () => {
  const all = [pods, secrets, roles, nodes, storageClasses, widgets];

  it('asks one question of a user who may list everything', async () => {
    const seen = fakeCluster(() => review(true));
    expect(await listableKinds('dev', all, ['demo'])).toEqual(all);
    expect(seen.map(accessQuestion)).toEqual([{ verb: 'list', group: '*', resource: '*' }]);
  });

  it('uses the rules of the namespaces in view, confirming only what they allow', async () => {
    const seen = fakeCluster((request) => {
      if (request.path.endsWith('/selfsubjectrulesreviews')) {
        expect(rulesNamespace(request)).toBe('demo');
        return [
          200,
          {
            status: {
              resourceRules: [
                { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] },
                { verbs: ['list'], apiGroups: ['demo.lanthorn.dev'], resources: ['widgets'] },
                { verbs: ['list'], apiGroups: ['storage.k8s.io'], resources: ['storageclasses'] },
              ],
            },
          },
        ];
      }
      const question = accessQuestion(request);
      // Cluster-wide: only storage classes.
      return review(question['resource'] === 'storageclasses');
    });
    const kinds = await listableKinds('dev', all, ['demo']);
    expect(kinds.map((k) => k.resource)).toEqual(['pods', 'storageclasses', 'widgets']);
    const questions = seen
      .filter((r) => r.path.endsWith('/selfsubjectaccessreviews'))
      .map((r) => accessQuestion(r)['resource']);
    // The catch-all question, then only storage classes needed confirming.
    expect(questions).toEqual(['*', 'storageclasses']);
  });

  it('asks per kind when the rules are incomplete', async () => {
    fakeCluster((request) => {
      if (request.path.endsWith('/selfsubjectrulesreviews')) {
        return [200, { status: { resourceRules: [], incomplete: true } }];
      }
      const question = accessQuestion(request);
      return review(question['resource'] === 'secrets' && question['namespace'] === 'demo');
    });
    expect((await listableKinds('dev', all, ['demo'])).map((k) => k.resource)).toEqual(['secrets']);
  });
});
