import { describe, expect, it } from 'vitest';
import {
  aggregationSelectors,
  automountText,
  roleRefTarget,
  ruleRows,
  subjectRows,
} from '@/details/kinds/rbac';

describe('role rules', () => {
  it('gives one row per rule, the core group named core', () => {
    expect(
      ruleRows({
        rules: [
          { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'] },
          {
            apiGroups: ['apps'],
            resources: ['deployments'],
            resourceNames: ['web'],
            verbs: ['patch'],
          },
          { nonResourceURLs: ['/healthz', '/version'], verbs: ['get'] },
        ],
      }),
    ).toEqual([
      {
        key: '0',
        apiGroups: ['core'],
        resources: ['secrets'],
        resourceNames: [],
        verbs: ['get', 'list', 'watch'],
        nonResourceURLs: [],
      },
      {
        key: '1',
        apiGroups: ['apps'],
        resources: ['deployments'],
        resourceNames: ['web'],
        verbs: ['patch'],
        nonResourceURLs: [],
      },
      {
        key: '2',
        apiGroups: [],
        resources: [],
        resourceNames: [],
        verbs: ['get'],
        nonResourceURLs: ['/healthz', '/version'],
      },
    ]);
    // An aggregated ClusterRole before the controller filled it in.
    expect(ruleRows({ rules: null })).toEqual([]);
  });

  it('links the ClusterRoles an aggregation rule selects', () => {
    expect(
      aggregationSelectors('dev', {
        aggregationRule: {
          clusterRoleSelectors: [
            { matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } },
          ],
        },
      }),
    ).toEqual([
      {
        selector: 'rbac.authorization.k8s.io/aggregate-to-view=true',
        href: '/c/dev/r/rbac.authorization.k8s.io/v1/clusterroles?l=rbac.authorization.k8s.io%2Faggregate-to-view%3Dtrue',
      },
    ]);
    expect(aggregationSelectors('dev', {})).toEqual([]);
  });
});

describe('bindings', () => {
  const binding = {
    metadata: { name: 'lanthorn:secret-readers', namespace: 'demo' },
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'Role',
      name: 'lanthorn:secret-reader',
    },
    subjects: [
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'demo-viewers' },
      { kind: 'ServiceAccount', name: 'demo-viewer', namespace: 'demo' },
      { kind: 'ServiceAccount', name: 'builder' },
      { kind: 'User', name: 'alice@example.com' },
    ],
  };

  it('links the role: a Role in the namespace, or a ClusterRole', () => {
    expect(roleRefTarget('dev', binding)).toEqual({
      label: 'Role lanthorn:secret-reader',
      href: '/c/dev/r/rbac.authorization.k8s.io/v1/roles/demo/lanthorn%3Asecret-reader',
    });
    expect(
      roleRefTarget('dev', { metadata: {}, roleRef: { kind: 'ClusterRole', name: 'view' } }),
    ).toEqual({
      label: 'ClusterRole view',
      href: '/c/dev/r/rbac.authorization.k8s.io/v1/clusterroles/_/view',
    });
  });

  it('links ServiceAccount subjects, in the binding namespace when they name none', () => {
    expect(subjectRows('dev', binding).map((s) => [s.kind, s.name, s.namespace, s.href])).toEqual([
      ['Group', 'demo-viewers', undefined, undefined],
      [
        'ServiceAccount',
        'demo-viewer',
        'demo',
        '/c/dev/r/core/v1/serviceaccounts/demo/demo-viewer',
      ],
      ['ServiceAccount', 'builder', 'demo', '/c/dev/r/core/v1/serviceaccounts/demo/builder'],
      ['User', 'alice@example.com', undefined, undefined],
    ]);
    expect(subjectRows('dev', { metadata: {}, subjects: null })).toEqual([]);
  });

  it('says whether pods mount the ServiceAccount token', () => {
    expect(automountText(undefined)).toMatch(/^Yes \(not set/);
    expect(automountText(true)).toBe('Yes');
    expect(automountText(false)).toMatch(/^No/);
  });
});
