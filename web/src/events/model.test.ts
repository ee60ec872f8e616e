import { describe, expect, it } from 'vitest';
import type { ResourceKind } from '@/api/kube';
import {
  involvedObjectText,
  involvedObjectUrl,
  lastSeen,
  newestFirst,
  occurrences,
  reporter,
} from '@/events/model';
import type { KubeEvent } from '@/events/model';

const event = (name: string, fields: Partial<KubeEvent> = {}): KubeEvent => ({
  metadata: { name },
  ...fields,
});

const kind = (group: string, version: string, resource: string, k: string, namespaced = true) =>
  ({
    group,
    version,
    resource,
    kind: k,
    namespaced,
    verbs: ['list'],
    shortNames: [],
  }) satisfies ResourceKind;

describe('events', () => {
  it('sorts by when they last happened, newest first, whichever field says so', () => {
    const sorted = newestFirst([
      event('old', { lastTimestamp: '2026-01-01T00:00:00Z' }),
      event('series', {
        lastTimestamp: '2026-01-01T00:00:00Z',
        series: { lastObservedTime: '2026-01-05T00:00:00Z' },
      }),
      event('micro', { lastTimestamp: null, eventTime: '2026-01-03T00:00:00.000000Z' }),
      event('created', {
        metadata: { name: 'created', creationTimestamp: '2026-01-02T00:00:00Z' },
      }),
      event('never'),
    ]);
    expect(sorted.map((e) => e.metadata.name)).toEqual([
      'series',
      'micro',
      'created',
      'old',
      'never',
    ]);
  });

  it('puts warnings first among events of the same moment, then names', () => {
    const at = '2026-01-01T00:00:00Z';
    const sorted = newestFirst([
      event('b', { type: 'Normal', lastTimestamp: at }),
      event('c', { type: 'Warning', lastTimestamp: at }),
      event('a', { type: 'Normal', lastTimestamp: at }),
    ]);
    expect(sorted.map((e) => e.metadata.name)).toEqual(['c', 'a', 'b']);
  });

  it('does not reorder the list given', () => {
    const list = [event('x', { lastTimestamp: '2026-01-01T00:00:00Z' }), event('y')];
    newestFirst(list);
    expect(list.map((e) => e.metadata.name)).toEqual(['x', 'y']);
  });

  it('reads when, how often and who', () => {
    expect(lastSeen(event('e'))).toBeUndefined();
    expect(occurrences(event('e'))).toBe(1);
    expect(occurrences(event('e', { count: 4 }))).toBe(4);
    expect(occurrences(event('e', { count: 4, series: { count: 9 } }))).toBe(9);
    expect(reporter(event('e', { source: { component: 'kubelet', host: 'node-1' } }))).toBe(
      'kubelet, node-1',
    );
    expect(reporter(event('e', { reportingComponent: 'widget-controller' }))).toBe(
      'widget-controller',
    );
  });

  it('links the involved object through the kinds the cluster serves', () => {
    const kinds = [
      kind('apps', 'v1', 'deployments', 'Deployment'),
      kind('', 'v1', 'nodes', 'Node', false),
      kind('', 'v1', 'pods', 'Pod'),
      kind('networking.k8s.io', 'v1', 'ingresses', 'Ingress'),
      kind('demo.lanthorn.dev', 'v1', 'widgets', 'Widget'),
    ];
    const web = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'demo', name: 'web' };
    expect(involvedObjectUrl('dev', web, kinds)).toBe('/c/dev/r/apps/v1/deployments/demo/web');
    expect(
      involvedObjectUrl(
        'dev',
        { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', namespace: 'demo', name: 'shop' },
        kinds,
      ),
    ).toBe('/c/dev/r/networking.k8s.io/v1/ingresses/demo/shop');
    // Node events often name no apiVersion; a Node is cluster-scoped whatever the event says.
    expect(
      involvedObjectUrl('dev', { kind: 'Node', namespace: 'default', name: 'kwok-node-2' }, kinds),
    ).toBe('/c/dev/r/core/v1/nodes/_/kwok-node-2');
    // Another served version of the same kind is linked; an unknown kind is not.
    expect(
      involvedObjectUrl(
        'dev',
        { apiVersion: 'demo.lanthorn.dev/v1beta1', kind: 'Widget', namespace: 'demo', name: 'a' },
        kinds,
      ),
    ).toBe('/c/dev/r/demo.lanthorn.dev/v1/widgets/demo/a');
    expect(involvedObjectUrl('dev', { kind: 'Gadget', name: 'g' }, kinds)).toBeUndefined();
    expect(involvedObjectUrl('dev', undefined, kinds)).toBeUndefined();
    expect(involvedObjectText(web)).toBe('Deployment demo/web');
    expect(involvedObjectText({ kind: 'Node', name: 'n1' })).toBe('Node n1');
  });
});
