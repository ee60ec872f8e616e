import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@/api/kube';
import { formatAge } from '@/ui/age';
import { eventsPath, newestFirst } from '@/details/events';
import type { ObjectEvent } from '@/details/events';
import { listHref, objectHref, signInHref } from '@/details/links';
import { isOwnedBy, podSummary, selectorQuery } from '@/api/related';
import { decodeSecretValue, secretForDisplay } from '@/details/secret';

describe('links', () => {
  it('builds object, list and sign-in URLs', () => {
    const deployments = { group: 'apps', version: 'v1', resource: 'deployments' };
    const nodes = { group: '', version: 'v1', resource: 'nodes' };
    expect(objectHref('dev', deployments, 'demo', 'web')).toBe(
      '/c/dev/r/apps/v1/deployments/demo/web',
    );
    expect(objectHref('dev', nodes, undefined, 'n1')).toBe('/c/dev/r/core/v1/nodes/_/n1');
    expect(objectHref('a b', nodes, undefined, 'x/y')).toBe('/c/a%20b/r/core/v1/nodes/_/x%2Fy');
    expect(listHref('dev', deployments, 'demo')).toBe('/c/dev/r/apps/v1/deployments?ns=demo');
    expect(listHref('dev', nodes, undefined)).toBe('/c/dev/r/core/v1/nodes');
    expect(signInHref('dev', '/c/dev/r/x?ns=a')).toBe(
      '/c/dev/sign-in?return=%2Fc%2Fdev%2Fr%2Fx%3Fns%3Da',
    );
  });
});

describe('formatAge', () => {
  const now = Date.parse('2026-01-10T00:00:00Z');
  it('counts like kubectl', () => {
    expect(formatAge('2026-01-09T23:59:30Z', now)).toBe('30s');
    expect(formatAge('2026-01-09T23:00:00Z', now)).toBe('60m');
    expect(formatAge('2026-01-09T00:00:00Z', now)).toBe('24h');
    expect(formatAge('2026-01-01T00:00:00Z', now)).toBe('9d');
    expect(formatAge(undefined, now)).toBe('—');
  });
});

describe('selectorQuery', () => {
  it('writes label selectors as the labelSelector parameter', () => {
    expect(selectorQuery({ matchLabels: { app: 'web', tier: 'front' } })).toBe(
      'app=web,tier=front',
    );
    expect(
      selectorQuery({
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'env', operator: 'In', values: ['a', 'b'] },
          { key: 'x', operator: 'NotIn', values: ['c'] },
          { key: 'has', operator: 'Exists' },
          { key: 'not', operator: 'DoesNotExist' },
        ],
      }),
    ).toBe('app=web,env in (a,b),x notin (c),has,!not');
    expect(selectorQuery({ app: 'rc' })).toBe('app=rc');
    expect(selectorQuery({})).toBeNull();
    expect(selectorQuery(undefined)).toBeNull();
  });
});

describe('pods', () => {
  const pod: KubeObject = {
    metadata: {
      name: 'p',
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u1' }],
    },
    spec: { nodeName: 'n1', containers: [{}, {}] },
    status: {
      phase: 'Running',
      containerStatuses: [
        { ready: true, restartCount: 1 },
        { ready: false, restartCount: 3 },
      ],
    },
  };
  it('summarizes a pod and checks its owner', () => {
    expect(podSummary(pod)).toEqual({ phase: 'Running', ready: '1/2', restarts: 4, node: 'n1' });
    expect(isOwnedBy(pod, 'u1')).toBe(true);
    expect(isOwnedBy(pod, new Set(['u2']))).toBe(false);
  });

  it("says a pod's state as kubectl does: a waiting or, once stopped, a terminated reason", () => {
    const withState = (phase: string, state: object): KubeObject => ({
      metadata: { name: 'p' },
      status: { phase, containerStatuses: [{ state }] },
    });
    const phaseOf = (object: KubeObject) => podSummary(object).phase;
    expect(phaseOf(withState('Running', { waiting: { reason: 'CrashLoopBackOff' } }))).toBe(
      'CrashLoopBackOff',
    );
    expect(phaseOf(withState('Pending', { waiting: { reason: 'ContainerCreating' } }))).toBe(
      'ContainerCreating',
    );
    expect(phaseOf(withState('Failed', { terminated: { reason: 'OOMKilled' } }))).toBe('OOMKilled');
    // A running pod's container that ended before is not its state.
    expect(phaseOf(withState('Running', { terminated: { reason: 'Error' } }))).toBe('Running');
  });
});

describe('events', () => {
  it('sorts newest first by whichever time the reporter set', () => {
    const event = (name: string, fields: Partial<ObjectEvent>): ObjectEvent => ({
      metadata: { name },
      ...fields,
    });
    const sorted = newestFirst([
      event('old', { lastTimestamp: '2026-01-01T00:00:00Z' }),
      event('series', { series: { lastObservedTime: '2026-01-04T00:00:00Z' } }),
      event('new', { eventTime: '2026-01-03T00:00:00.000000Z' }),
      event('created', {
        metadata: { name: 'created', creationTimestamp: '2026-01-02T00:00:00Z' },
      }),
    ]);
    expect(sorted.map((e) => e.metadata.name)).toEqual(['series', 'new', 'created', 'old']);
  });

  it('asks for the events of one object', () => {
    expect(eventsPath('demo', 'u-1')).toBe(
      '/api/v1/namespaces/demo/events?fieldSelector=involvedObject.uid%3Du-1',
    );
    expect(eventsPath(undefined, 'u-1')).toBe(
      '/api/v1/events?fieldSelector=involvedObject.uid%3Du-1',
    );
  });
});

describe('secrets', () => {
  it('decodes text and says when a value is binary', () => {
    const utf8 = String.fromCharCode(...new TextEncoder().encode('héllo ✓'));
    expect(decodeSecretValue(btoa(utf8))).toBe('héllo ✓');
    expect(decodeSecretValue(btoa('plain'))).toBe('plain');
    expect(decodeSecretValue(btoa(String.fromCharCode(0xff, 0xfe, 0x00)))).toBe(
      '(binary, 3 bytes)',
    );
    expect(decodeSecretValue('***')).toBe('(not valid base64)');
  });

  it('hides values and the last-applied annotation until revealed', () => {
    const secret: KubeObject = {
      kind: 'Secret',
      metadata: {
        name: 's',
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"k":"dg=="}}',
        },
      },
      data: { k: btoa('v') },
    };
    const hidden = secretForDisplay(secret, false);
    expect(hidden['data']).toEqual({ k: '(hidden, 1 bytes)' });
    expect(JSON.stringify(hidden)).not.toContain('dg==');
    const shown = secretForDisplay(secret, true);
    expect(shown['data']).toEqual({ k: 'v' });
    expect(secret['data']).toEqual({ k: btoa('v') });
  });
});
