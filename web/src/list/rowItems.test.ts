import { describe, expect, it } from 'vitest';
import type { ResourceKind } from '@/api/kube';
import { testKind as kind } from '@/testing/kinds';
import { hasRowItems, rowItems } from '@/list/rowItems';

const ref = (k: ResourceKind, name = 'web') => ({
  cluster: 'dev',
  kind: k,
  namespace: 'demo',
  name,
});

describe('rowItems', () => {
  it('offers a pod its logs and terminal, then edit and delete', () => {
    const items = rowItems(ref(kind('', 'pods'), 'web-1'));
    expect(items.map((i) => i.label)).toEqual(['Logs', 'Terminal', 'Edit YAML', 'Delete']);
    expect(items[0]).toMatchObject({
      href: '/c/dev/r/core/v1/pods/demo/web-1?tab=logs',
      question: { verb: 'get', resource: 'pods', subresource: 'log', name: 'web-1' },
    });
    expect(items[1]).toMatchObject({
      href: '/c/dev/r/core/v1/pods/demo/web-1?tab=terminal',
      question: { verb: 'create', subresource: 'exec', namespace: 'demo', name: 'web-1' },
    });
    expect(items[2]?.href).toBe('/c/dev/r/core/v1/pods/demo/web-1?edit=1');
    expect(items[3]).toMatchObject({ action: 'delete', question: { verb: 'delete' } });
  });

  it('offers a Deployment the logs of its pods, scale and restart', () => {
    const items = rowItems(ref(kind('apps', 'deployments')));
    expect(items.map((i) => i.id)).toEqual(['logs', 'edit', 'scale', 'restart', 'delete']);
    // Any pod of the namespace: the workload's logs are its pods'.
    expect(items[0]?.question).toEqual({
      verb: 'get',
      group: '',
      resource: 'pods',
      subresource: 'log',
      namespace: 'demo',
    });
    expect(items[2]).toMatchObject({
      action: 'scale',
      question: { verb: 'patch', resource: 'deployments', subresource: 'scale', name: 'web' },
    });
  });

  it('offers only what the kind supports', () => {
    const configmaps = kind('', 'configmaps', ['get', 'list', 'delete']);
    expect(rowItems(ref(configmaps)).map((i) => i.id)).toEqual(['delete']);
    const events = kind('', 'events', ['get', 'list', 'watch']);
    expect(hasRowItems(events)).toBe(false);
    expect(hasRowItems(configmaps)).toBe(true);
    expect(hasRowItems(kind('', 'pods', ['get', 'list']))).toBe(true);
  });
});
