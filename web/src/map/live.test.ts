import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KIND_SOURCES } from '@/map/kinds';
import { MapData } from '@/map/live';
import type { ObjectList } from '@/map/live';
import { FakeSocket, latestSocket } from '@/watch/fakeSocket';
import { WatchMux } from '@/watch/mux';

const pod = (name: string, rv = '1') => ({
  kind: 'Pod',
  metadata: {
    name,
    namespace: 'demo',
    uid: `uid-${name}`,
    resourceVersion: rv,
    managedFields: [{ manager: 'kubectl' }],
    annotations: { big: 'x'.repeat(100) },
  },
  spec: { nodeName: 'node-1' },
  status: { phase: 'Running' },
});

let mux: WatchMux;

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.all = [];
  mux = new WatchMux({ url: 'ws://test/watch', createSocket: (url) => new FakeSocket(url) });
});

afterEach(() => {
  mux.close();
  vi.useRealTimers();
});

/** Lets the pending list promises settle and the batch window pass. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
  await vi.advanceTimersByTimeAsync(200);
}

describe('MapData', () => {
  it('lists every page, watches from the first page’s version, and applies events', async () => {
    const asked: string[] = [];
    const first: ObjectList = {
      metadata: { resourceVersion: '10', continue: 'more' },
      items: [pod('a')],
    };
    const more: ObjectList = { metadata: { resourceVersion: '11' }, items: [pod('b')] };
    const data = new MapData({
      cluster: 'dev',
      namespace: 'demo',
      kinds: [KIND_SOURCES.Pod],
      mux,
      fetchList: (path) => {
        asked.push(path);
        return Promise.resolve(path.includes('continue=more') ? more : first);
      },
    });
    const heard = vi.fn();
    data.subscribe(heard);
    data.start();
    await settle();
    expect(asked).toEqual([
      '/api/v1/namespaces/demo/pods?limit=500',
      '/api/v1/namespaces/demo/pods?limit=500&continue=more',
    ]);
    const snapshot = data.getSnapshot();
    expect(snapshot.objects.map((o) => o.object.metadata.name).sort()).toEqual(['a', 'b']);
    expect(snapshot.listed.has('Pod')).toBe(true);
    expect(snapshot.loading).toBe(0);
    // Only what the map reads is kept.
    expect(snapshot.objects[0]?.object.metadata).not.toHaveProperty('managedFields');
    expect(snapshot.objects[0]?.object.metadata).not.toHaveProperty('annotations');

    const socket = latestSocket();
    socket.serverOpens();
    const [subscription] = socket.subscriptions();
    expect(subscription).toMatchObject({
      cluster: 'dev',
      path: '/api/v1/namespaces/demo/pods',
      resourceVersion: '10',
    });
    expect(subscription).not.toHaveProperty('table');
    const id = subscription?.['id'];
    socket.serverSends({ type: 'event', id, event: { type: 'DELETED', object: pod('a', '12') } });
    socket.serverSends({ type: 'event', id, event: { type: 'ADDED', object: pod('c', '13') } });
    await settle();
    expect(
      data
        .getSnapshot()
        .objects.map((o) => o.object.metadata.name)
        .sort(),
    ).toEqual(['b', 'c']);
    // The two events came within one batch: one update.
    expect(heard).toHaveBeenCalledTimes(2);
    data.stop();
  });

  it('reads ConfigMaps as metadata and watches them as tables', async () => {
    const accepts: (string | undefined)[] = [];
    const data = new MapData({
      cluster: 'dev',
      namespace: undefined,
      kinds: [KIND_SOURCES.ConfigMap],
      mux,
      fetchList: (_path, accept) => {
        accepts.push(accept);
        return Promise.resolve({ metadata: { resourceVersion: '5' }, items: [] });
      },
    });
    data.start();
    await settle();
    expect(accepts[0]).toContain('PartialObjectMetadataList');
    const socket = latestSocket();
    socket.serverOpens();
    const [subscription] = socket.subscriptions();
    expect(subscription).toMatchObject({ path: '/api/v1/configmaps', table: true });
    socket.serverSends({
      type: 'event',
      id: subscription?.['id'],
      event: {
        type: 'ADDED',
        object: {
          kind: 'Table',
          rows: [{ cells: [], object: { metadata: { name: 'cfg', namespace: 'demo' } } }],
        },
      },
    });
    await settle();
    expect(data.getSnapshot().objects.map((o) => o.object.metadata.name)).toEqual(['cfg']);
    data.stop();
  });

  it('says what failed and does not count the kind as read', async () => {
    const data = new MapData({
      cluster: 'dev',
      namespace: 'demo',
      kinds: [KIND_SOURCES.Secret],
      mux: null,
      fetchList: () => Promise.reject(new Error('forbidden')),
    });
    data.start();
    await settle();
    const snapshot = data.getSnapshot();
    expect(snapshot.errors).toEqual([{ kind: 'Secret', message: 'forbidden' }]);
    expect(snapshot.listed.has('Secret')).toBe(false);
    expect(snapshot.loading).toBe(0);
  });

  it('lists again when the watched version expired', async () => {
    let lists = 0;
    const data = new MapData({
      cluster: 'dev',
      namespace: 'demo',
      kinds: [KIND_SOURCES.Pod],
      mux,
      fetchList: () => {
        lists += 1;
        return Promise.resolve({ metadata: { resourceVersion: String(lists) }, items: [] });
      },
    });
    data.start();
    await settle();
    const socket = latestSocket();
    socket.serverOpens();
    const id = socket.subscriptions()[0]?.['id'];
    socket.serverSends({
      type: 'event',
      id,
      event: { type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } },
    });
    await settle();
    expect(lists).toBe(2);
    data.stop();
  });
});
