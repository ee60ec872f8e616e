import { describe, expect, it } from 'vitest';
import { testKind as kind } from '@/testing/kinds';
import { accessQuestion, applicableActions } from '@/actions/applicable';
import { restartPatch } from '@/actions/requests';

describe('applicableActions', () => {
  it('offers scale and restart only to the workloads that have them', () => {
    expect(applicableActions(kind('apps', 'deployments'))).toEqual([
      'edit',
      'scale',
      'restart',
      'delete',
    ]);
    expect(applicableActions(kind('apps', 'daemonsets'))).toEqual(['edit', 'restart', 'delete']);
    expect(applicableActions(kind('', 'replicationcontrollers'))).toEqual([
      'edit',
      'scale',
      'delete',
    ]);
    expect(applicableActions(kind('', 'configmaps'))).toEqual(['edit', 'delete']);
    expect(applicableActions(kind('', 'events', ['get', 'list']))).toEqual([]);
  });
});

describe('accessQuestion', () => {
  it('asks about the verb, the object and the subresource', () => {
    expect(accessQuestion('scale', kind('apps', 'deployments'), 'demo', 'web')).toEqual({
      verb: 'patch',
      group: 'apps',
      resource: 'deployments',
      namespace: 'demo',
      name: 'web',
      subresource: 'scale',
    });
    const nodes = { ...kind('', 'nodes'), namespaced: false };
    expect(accessQuestion('delete', nodes, 'ignored', 'n1')).toEqual({
      verb: 'delete',
      group: '',
      resource: 'nodes',
      name: 'n1',
    });
  });
});

describe('restartPatch', () => {
  it('sets restartedAt on the pod template, in RFC 3339 seconds like kubectl', () => {
    expect(restartPatch(new Date('2026-03-04T05:06:07.890Z'))).toEqual({
      spec: {
        template: {
          metadata: {
            annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-03-04T05:06:07Z' },
          },
        },
      },
    });
  });
});
