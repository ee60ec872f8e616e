import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '@/api/query';
import { CacheWatch } from '@/details/live';
import { FakeSocket, latestSocket } from '@/watch/fakeSocket';
import { WatchMux } from '@/watch/mux';

const cm = (rv: string, data: Record<string, string> = {}) => ({
  kind: 'ConfigMap',
  metadata: { name: 'settings', namespace: 'demo', uid: 'cm-1', resourceVersion: rv },
  data,
});

const key = ['cluster', 'dev', '/api/v1/namespaces/demo/configmaps/settings'];

let mux: WatchMux;

beforeEach(() => {
  FakeSocket.all = [];
  mux = new WatchMux({ url: 'ws://t/watch', createSocket: (url) => new FakeSocket(url) });
});

afterEach(() => {
  mux.close();
  vi.unstubAllGlobals();
});

function watchOf(client: ReturnType<typeof createQueryClient>) {
  return new CacheWatch({
    mux,
    client,
    queryKey: key,
    request: {
      cluster: 'dev',
      path: '/api/v1/namespaces/demo/configmaps',
      fieldSelector: 'metadata.name=settings',
    },
    shape: { object: 'settings' },
  });
}

describe('CacheWatch', () => {
  it('watches one object from now and writes its changes into the cache', () => {
    const client = createQueryClient();
    client.setQueryData(key, cm('5'));
    const watch = watchOf(client);
    watch.start();
    const socket = latestSocket();
    socket.serverOpens();
    const [sub] = socket.subscriptions();
    // The object's own resourceVersion may be compacted away: no version, its state comes first.
    expect(sub).toMatchObject({ fieldSelector: 'metadata.name=settings' });
    expect(sub?.['resourceVersion']).toBeUndefined();
    socket.serverSends({
      type: 'event',
      id: sub?.['id'],
      event: { type: 'MODIFIED', object: cm('6', { a: 'b' }) },
    });
    expect(client.getQueryData(key)).toEqual(cm('6', { a: 'b' }));
    expect(watch.getSnapshot()).toEqual({ watching: true, deleted: false, error: undefined });
    socket.serverSends({
      type: 'event',
      id: sub?.['id'],
      event: { type: 'DELETED', object: cm('7') },
    });
    expect(watch.getSnapshot().deleted).toBe(true);
    watch.stop();
  });

  it('reads the object again when the watch expired, then watches on', async () => {
    const client = createQueryClient();
    client.setQueryData(key, cm('5'));
    const fetchQuery = vi.spyOn(client, 'fetchQuery').mockImplementation(() => {
      client.setQueryData(key, cm('50'));
      return Promise.resolve(cm('50'));
    });
    const watch = watchOf(client);
    watch.start();
    const socket = latestSocket();
    socket.serverOpens();
    const [sub] = socket.subscriptions();
    socket.serverSends({
      type: 'event',
      id: sub?.['id'],
      event: { type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } },
    });
    await vi.waitFor(() => {
      expect(socket.subscriptions()).toHaveLength(2);
    });
    expect(fetchQuery).toHaveBeenCalledOnce();
    expect(socket.subscriptions()[1]?.['resourceVersion']).toBeUndefined();
    watch.stop();
  });

  it('says why when the watch is refused', () => {
    const client = createQueryClient();
    client.setQueryData(key, cm('5'));
    const watch = watchOf(client);
    watch.start();
    const socket = latestSocket();
    socket.serverOpens();
    const [sub] = socket.subscriptions();
    socket.serverSends({
      type: 'error',
      id: sub?.['id'],
      status: 403,
      reason: 'Forbidden',
      message: 'cannot watch configmaps',
    });
    expect(watch.getSnapshot()).toEqual({
      watching: false,
      deleted: false,
      error: 'cannot watch configmaps',
    });
  });
});
