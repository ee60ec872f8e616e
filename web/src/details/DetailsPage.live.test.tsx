import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KubeObject, ResourceKind } from '@/api/kube';
import { DetailsPage } from '@/details/DetailsPage';
import { applyListEvent } from '@/details/live';
import { accessAsked, json, stubServer } from '@/testing/testServer';
import type { SeenRequest } from '@/testing/testServer';
import { FakeSocket, latestSocket } from '@/watch/fakeSocket';
import { WatchMux } from '@/watch/mux';
import { WatchMuxProvider } from '@/watch/WatchContext';

const deployments: ResourceKind = {
  group: 'apps',
  version: 'v1',
  resource: 'deployments',
  kind: 'Deployment',
  namespaced: true,
  verbs: ['get', 'list', 'watch'],
  shortNames: [],
};

const pods: ResourceKind = { ...deployments, group: '', resource: 'pods', kind: 'Pod' };

const deployment = (replicas: number, rv: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'demo', uid: 'dep-1', resourceVersion: rv, labels },
  spec: { replicas, selector: { matchLabels: { app: 'web' } } },
  status: { replicas, readyReplicas: replicas },
});

const pod = (name: string, rv: string, phase = 'Running') => ({
  metadata: {
    name,
    namespace: 'demo',
    uid: `pod-${name}`,
    resourceVersion: rv,
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'rs-1' }],
  },
  spec: { containers: [{ name: 'web' }] },
  status: { phase },
});

let mux: WatchMux;

function server(extra: (request: SeenRequest) => Response | null = () => null) {
  return stubServer((request) => {
    const special = extra(request);
    if (special !== null) return special;
    if (accessAsked(request) !== null) return json(201, { status: { allowed: false } });
    const path = request.url.replace('/clusters/dev', '');
    if (path === '/apis/apps/v1/namespaces/demo/deployments/web') {
      return json(200, deployment(3, '10'));
    }
    if (path.startsWith('/apis/apps/v1/namespaces/demo/replicasets?')) {
      return json(200, {
        metadata: { resourceVersion: '11' },
        items: [
          {
            metadata: {
              name: 'rs',
              namespace: 'demo',
              uid: 'rs-1',
              ownerReferences: [{ uid: 'dep-1' }],
            },
          },
        ],
      });
    }
    if (path.startsWith('/api/v1/namespaces/demo/pods?')) {
      return json(200, { metadata: { resourceVersion: '12' }, items: [pod('web-a', '12')] });
    }
    return json(200, { items: [] });
  });
}

function show(kind = deployments, name = 'web') {
  render(
    <WatchMuxProvider mux={mux}>
      <DetailsPage cluster="dev" kind={kind} namespace="demo" name={name} navigate={vi.fn()} />
    </WatchMuxProvider>,
  );
}

const subscription = (socket: FakeSocket, path: string) => {
  const found = socket.subscriptions().find((s) => s['path'] === path);
  if (found === undefined) throw new Error(`no subscription to ${path}`);
  return found;
};

beforeEach(() => {
  FakeSocket.all = [];
  mux = new WatchMux({
    url: 'ws://lanthorn.test/watch',
    createSocket: (url) => new FakeSocket(url),
    idleCloseMs: 10,
  });
});

afterEach(() => {
  cleanup();
  mux.close();
  vi.unstubAllGlobals();
});

describe('a live object page', () => {
  it('follows its object over the watch socket, writing events into the cache', async () => {
    const seen = server();
    show();
    await screen.findByRole('heading', { name: 'Deployment web' });
    const socket = latestSocket();
    act(() => {
      socket.serverOpens();
    });
    expect((await screen.findByText('Live')).className).toContain('live');
    const watch = subscription(socket, '/apis/apps/v1/namespaces/demo/deployments');
    expect(watch['fieldSelector']).toBe('metadata.name=web');
    expect(watch['resourceVersion']).toBeUndefined();

    const reads = seen.length;
    act(() => {
      socket.serverSends({
        type: 'event',
        id: watch['id'],
        event: { type: 'MODIFIED', object: deployment(5, '20', { team: 'blue' }) },
      });
    });
    expect(await screen.findByText('team=blue')).toBeTruthy();
    const counts = screen.getByRole('list', { name: 'Replica counts' });
    expect(within(counts).getAllByText('5')).toHaveLength(2);
    // The object and its pods are watched, so neither is read again (other sections, such
    // as events and the rollout history, read their own lists again).
    await new Promise((resolve) => setTimeout(resolve, 0));
    const again = seen
      .slice(reads)
      .filter((r) => r.method === 'GET')
      .map((r) => r.url)
      .filter((url) => url.endsWith('/deployments/web') || url.includes('/pods?'));
    expect(again).toEqual([]);
  });

  it('keeps its pods live and says when the object is deleted', async () => {
    server();
    show();
    await screen.findByRole('heading', { name: 'Deployment web' });
    const socket = latestSocket();
    act(() => {
      socket.serverOpens();
    });
    // The workload's pods are on its Related tab.
    fireEvent.click(screen.getByRole('tab', { name: 'Related' }));
    await screen.findByRole('link', { name: 'web-a' });
    await waitFor(() => {
      subscription(socket, '/api/v1/namespaces/demo/pods');
    });
    const podWatch = subscription(socket, '/api/v1/namespaces/demo/pods');
    expect(podWatch['labelSelector']).toBe('app=web');
    expect(podWatch['resourceVersion']).toBe('12');
    act(() => {
      socket.serverSends({
        type: 'event',
        id: podWatch['id'],
        event: { type: 'ADDED', object: pod('web-b', '30', 'Pending') },
      });
    });
    expect(await screen.findByRole('link', { name: 'web-b' })).toBeTruthy();

    const watch = subscription(socket, '/apis/apps/v1/namespaces/demo/deployments');
    act(() => {
      socket.serverSends({
        type: 'event',
        id: watch['id'],
        event: { type: 'DELETED', object: deployment(5, '31') },
      });
    });
    expect((await screen.findByRole('alert')).textContent).toContain(
      'This Deployment was deleted.',
    );
  });

  it('shows a pod’s containers with image, state and Secret references, not their values', async () => {
    server((request) =>
      request.url === '/clusters/dev/api/v1/namespaces/demo/pods/web-a'
        ? json(200, {
            kind: 'Pod',
            metadata: { name: 'web-a', namespace: 'demo', uid: 'p1', resourceVersion: '5' },
            spec: {
              nodeName: 'kwok-node-1',
              containers: [
                {
                  name: 'web',
                  image: 'nginx:1.27',
                  resources: { requests: { cpu: '100m' }, limits: { cpu: '500m' } },
                  env: [
                    { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'pw' } } },
                  ],
                },
              ],
              initContainers: [{ name: 'setup', image: 'busybox:1' }],
            },
            status: {
              containerStatuses: [
                {
                  name: 'web',
                  ready: true,
                  restartCount: 2,
                  state: { running: { startedAt: '2026-01-01T00:00:00Z' } },
                  lastState: { terminated: { reason: 'Error', exitCode: 1 } },
                },
              ],
              initContainerStatuses: [
                { name: 'setup', state: { terminated: { reason: 'Completed', exitCode: 0 } } },
              ],
            },
          })
        : null,
    );
    show(pods, 'web-a');
    const web = await screen.findByRole('region', { name: 'Container web' });
    expect(within(web).getByText('nginx:1.27')).toBeTruthy();
    expect(within(web).getByText('Running')).toBeTruthy();
    expect(within(web).getByText('(Error, exit code 1)', { exact: false })).toBeTruthy();
    expect(within(web).getByText('500m')).toBeTruthy();
    expect(within(web).getByRole('link', { name: 'Secret db' }).getAttribute('href')).toBe(
      '/c/dev/r/core/v1/secrets/demo/db',
    );
    const setup = screen.getByRole('region', { name: 'Init container setup' });
    expect(within(setup).getByText('busybox:1')).toBeTruthy();
    expect(within(setup).getByText('Terminated')).toBeTruthy();
    expect(
      within(screen.getByRole('region', { name: 'Scheduling' }))
        .getByRole('link', { name: 'kwok-node-1' })
        .getAttribute('href'),
    ).toBe('/c/dev/r/core/v1/nodes/_/kwok-node-1');
  });
});

describe('applyListEvent', () => {
  const list = { metadata: { resourceVersion: '1' }, items: [pod('a', '1') as KubeObject] };
  it('replaces, adds and removes by uid, keeping the newest resourceVersion', () => {
    const modified = applyListEvent(list, { type: 'MODIFIED', object: pod('a', '2', 'Failed') });
    expect(modified.items.map((p) => (p['status'] as { phase: string }).phase)).toEqual(['Failed']);
    expect(modified.metadata.resourceVersion).toBe('2');
    const added = applyListEvent(modified, { type: 'ADDED', object: pod('b', '3') });
    expect(added.items.map((p) => p.metadata.name)).toEqual(['a', 'b']);
    const deleted = applyListEvent(added, { type: 'DELETED', object: pod('a', '4') });
    expect(deleted.items.map((p) => p.metadata.name)).toEqual(['b']);
    expect(applyListEvent(list, { type: 'BOOKMARK', object: { nope: 1 } })).toBe(list);
  });
});
