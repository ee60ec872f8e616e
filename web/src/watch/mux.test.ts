import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, WatchMux } from '@/watch/mux';
import type { WatchHandlers } from '@/watch/mux';
import { FakeSocket, latestSocket } from '@/watch/fakeSocket';
import type { WatchEvent, WatchFailure } from '@/watch/events';

function recorder() {
  const events: WatchEvent[] = [];
  const errors: WatchFailure[] = [];
  let expired = 0;
  const handlers: WatchHandlers = {
    onEvent: (event) => events.push(event),
    onError: (failure) => errors.push(failure),
    onExpired: () => {
      expired += 1;
    },
  };
  return { events, errors, handlers, expired: () => expired };
}

const tableEvent = (type: string, name: string, rv: string) => ({
  type,
  object: {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion: rv },
    columnDefinitions: [],
    rows: [
      { cells: [name], object: { metadata: { name, uid: `uid-${name}`, resourceVersion: rv } } },
    ],
  },
});

const newMux = () =>
  new WatchMux({
    url: 'ws://lanthorn.test/watch',
    createSocket: (url) => new FakeSocket(url),
    random: () => 0.5,
    idleCloseMs: 1_000,
  });

beforeEach(() => {
  FakeSocket.all = [];
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('WatchMux', () => {
  it('shares one socket between subscriptions and subscribes once it opens', () => {
    const mux = newMux();
    const a = recorder();
    const b = recorder();
    mux.subscribe(
      { cluster: 'dev', path: '/api/v1/namespaces/demo/configmaps', table: true },
      a.handlers,
    );
    mux.subscribe(
      { cluster: 'dev', path: '/api/v1/pods', resourceVersion: '7', labelSelector: 'a=b' },
      b.handlers,
    );
    expect(FakeSocket.all).toHaveLength(1);
    expect(latestSocket().url).toBe('ws://lanthorn.test/watch');
    expect(mux.getState()).toBe('connecting');
    latestSocket().serverOpens();
    expect(mux.getState()).toBe('live');
    const [first, second] = latestSocket().subscriptions();
    expect(first).toEqual({
      type: 'subscribe',
      id: first?.['id'],
      cluster: 'dev',
      path: '/api/v1/namespaces/demo/configmaps',
      table: true,
    });
    expect(second).toMatchObject({ resourceVersion: '7', labelSelector: 'a=b' });
    expect(second).not.toHaveProperty('table');
    expect(first?.['id']).not.toBe(second?.['id']);
  });

  it('routes events by id and unsubscribes', () => {
    const mux = newMux();
    const a = recorder();
    const b = recorder();
    const subA = mux.subscribe({ cluster: 'dev', path: '/a' }, a.handlers);
    mux.subscribe({ cluster: 'dev', path: '/b' }, b.handlers);
    const socket = latestSocket();
    socket.serverOpens();
    const [idA, idB] = socket.subscriptions().map((m) => m['id']);
    socket.serverSends({ type: 'event', id: idB, event: tableEvent('ADDED', 'x', '10') });
    socket.serverSends({ type: 'event', id: 'unknown', event: tableEvent('ADDED', 'y', '11') });
    socket.serverSends('not json at all');
    expect(a.events).toHaveLength(0);
    expect(b.events.map((e) => e.type)).toEqual(['ADDED']);
    subA.unsubscribe();
    expect(socket.sent[socket.sent.length - 1]).toEqual({ type: 'unsubscribe', id: idA });
    socket.serverSends({ type: 'event', id: idA, event: tableEvent('ADDED', 'z', '12') });
    expect(a.events).toHaveLength(0);
  });

  it('reconnects with growing backoff and resubscribes from the last version seen', () => {
    const mux = newMux();
    const a = recorder();
    mux.subscribe(
      { cluster: 'dev', path: '/api/v1/pods', resourceVersion: '5', table: true },
      a.handlers,
    );
    let socket = latestSocket();
    socket.serverOpens();
    const [sub] = socket.subscriptions();
    socket.serverSends({
      type: 'event',
      id: sub?.['id'],
      event: tableEvent('MODIFIED', 'p', '42'),
    });
    socket.serverDrops();
    expect(mux.getState()).toBe('reconnecting');
    expect(FakeSocket.all).toHaveLength(1);
    // First retry: 0.5 s with jitter 0.5 → 375 ms.
    vi.advanceTimersByTime(374);
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(2);
    latestSocket().serverDrops();
    vi.advanceTimersByTime(749);
    expect(FakeSocket.all).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(3);
    socket = latestSocket();
    socket.serverOpens();
    expect(mux.getState()).toBe('live');
    expect(socket.subscriptions()).toEqual([
      expect.objectContaining({ path: '/api/v1/pods', resourceVersion: '42', table: true }),
    ]);
  });

  it('caps the backoff at 10 s', () => {
    expect(backoffDelay(0, () => 1)).toBe(500);
    expect(backoffDelay(3, () => 1)).toBe(4_000);
    expect(backoffDelay(5, () => 1)).toBe(10_000);
    expect(backoffDelay(12, () => 0)).toBe(5_000);
  });

  it('resubscribes from the last version when the server ends a watch', () => {
    const mux = newMux();
    const a = recorder();
    mux.subscribe({ cluster: 'dev', path: '/p' }, a.handlers);
    const socket = latestSocket();
    socket.serverOpens();
    const id = socket.subscriptions()[0]?.['id'];
    socket.serverSends({ type: 'event', id, event: tableEvent('ADDED', 'p', '77') });
    vi.advanceTimersByTime(5_000);
    socket.serverSends({ type: 'ended', id });
    const again = socket.subscriptions()[1];
    expect(again).toMatchObject({ path: '/p', resourceVersion: '77' });
    expect(again?.['id']).not.toBe(id);
    // Ended right away again: wait before the next try.
    socket.serverSends({ type: 'ended', id: again?.['id'] });
    expect(socket.subscriptions()).toHaveLength(2);
    vi.advanceTimersByTime(500);
    expect(socket.subscriptions()).toHaveLength(3);
  });

  it('asks for a relist on 410 Gone and reports other failures', () => {
    const mux = newMux();
    const a = recorder();
    const b = recorder();
    mux.subscribe({ cluster: 'dev', path: '/a', resourceVersion: '1' }, a.handlers);
    mux.subscribe({ cluster: 'dev', path: '/b' }, b.handlers);
    const socket = latestSocket();
    socket.serverOpens();
    const [idA, idB] = socket.subscriptions().map((m) => m['id']);
    socket.serverSends({
      type: 'event',
      id: idA,
      event: {
        type: 'ERROR',
        object: {
          kind: 'Status',
          code: 410,
          reason: 'Expired',
          message: 'too old resource version',
        },
      },
    });
    expect(a.expired()).toBe(1);
    expect(a.errors).toHaveLength(0);
    socket.serverSends({
      type: 'error',
      id: idB,
      status: 403,
      reason: 'Forbidden',
      message: 'pods is forbidden',
    });
    expect(b.errors).toEqual([{ status: 403, reason: 'Forbidden', message: 'pods is forbidden' }]);
    // Both are gone: a reconnect does not bring them back.
    socket.serverDrops();
    vi.advanceTimersByTime(20_000);
    expect(FakeSocket.all).toHaveLength(1);
    expect(mux.getState()).toBe('idle');
  });

  it('closes the socket a while after the last subscription ends and reports state changes', () => {
    const mux = newMux();
    const states: string[] = [];
    mux.onStateChange(() => states.push(mux.getState()));
    const sub = mux.subscribe({ cluster: 'dev', path: '/a' }, recorder().handlers);
    latestSocket().serverOpens();
    sub.unsubscribe();
    vi.advanceTimersByTime(999);
    expect(latestSocket().closed).toBe(false);
    vi.advanceTimersByTime(1);
    expect(latestSocket().closed).toBe(true);
    expect(states).toEqual(['connecting', 'live', 'idle']);
    // A new subscription opens a new socket.
    mux.subscribe({ cluster: 'dev', path: '/a' }, recorder().handlers);
    expect(FakeSocket.all).toHaveLength(2);
  });

  it('lists again when the server ended a watch because the tab read too slowly', () => {
    const mux = newMux();
    const a = recorder();
    mux.subscribe({ cluster: 'dev', path: '/api/v1/pods', resourceVersion: '5' }, a.handlers);
    latestSocket().serverOpens();
    const [sub] = latestSocket().subscriptions();
    latestSocket().serverSends({
      type: 'error',
      id: sub?.['id'],
      status: 410,
      reason: 'SlowClient',
      message: 'the browser read this socket too slowly',
    });
    expect(a.expired()).toBe(1);
    expect(a.errors).toEqual([]);
  });

  it('keeps its watches across a session that ended and subscribes them on a new socket', () => {
    const mux = newMux();
    const a = recorder();
    mux.subscribe({ cluster: 'dev', path: '/api/v1/pods', resourceVersion: '5' }, a.handlers);
    const first = latestSocket();
    first.serverOpens();
    const [sub] = first.subscriptions();
    first.serverSends({ type: 'event', id: sub?.['id'], event: tableEvent('ADDED', 'a', '9') });
    first.serverSends({
      type: 'error',
      id: sub?.['id'],
      status: 401,
      reason: 'SessionEnded',
      message: 'the session this socket was opened with has ended',
    });
    expect(a.errors).toEqual([]);
    expect(first.closed).toBe(true);
    expect(mux.getState()).toBe('reconnecting');
    vi.advanceTimersByTime(1_000);
    const second = latestSocket();
    expect(second).not.toBe(first);
    second.serverOpens();
    expect(second.subscriptions()).toEqual([
      expect.objectContaining({ path: '/api/v1/pods', resourceVersion: '9' }),
    ]);
  });

  it('treats a socket error like a close', () => {
    const mux = newMux();
    mux.subscribe({ cluster: 'dev', path: '/a' }, recorder().handlers);
    const socket = latestSocket();
    socket.onerror?.(new Event('error'));
    expect(socket.closed).toBe(true);
    socket.serverDrops();
    expect(mux.getState()).toBe('reconnecting');
  });
});

describe('WatchMux log subscriptions', () => {
  function logRecorder(
    resume: (reason?: unknown) => Record<string, unknown> = () => ({ sinceSeconds: 5 }),
  ) {
    const lines: string[][] = [];
    const errors: WatchFailure[] = [];
    let ended = 0;
    return {
      lines,
      errors,
      ended: () => ended,
      handlers: {
        onLines: (batch: string[]) => lines.push(batch),
        onEnded: () => {
          ended += 1;
        },
        onError: (failure: WatchFailure) => errors.push(failure),
        resumeOptions: resume,
      },
    };
  }

  it('shares the socket with watches and routes lines by id', () => {
    const mux = newMux();
    const watch = recorder();
    const log = logRecorder();
    mux.subscribe({ cluster: 'dev', path: '/api/v1/pods' }, watch.handlers);
    mux.subscribeLogs(
      {
        cluster: 'dev',
        path: '/api/v1/namespaces/demo/pods/web-1/log',
        options: { container: 'web', follow: true, timestamps: true, tailLines: 100 },
      },
      log.handlers,
    );
    expect(FakeSocket.all).toHaveLength(1);
    latestSocket().serverOpens();
    const [, sub] = latestSocket().subscriptions();
    expect(sub).toEqual({
      type: 'subscribe',
      id: sub?.['id'],
      cluster: 'dev',
      path: '/api/v1/namespaces/demo/pods/web-1/log',
      logs: { container: 'web', follow: true, timestamps: true, tailLines: 100 },
    });
    latestSocket().serverSends({ type: 'log', id: sub?.['id'], lines: ['a', 'b'] });
    latestSocket().serverSends({ type: 'log', id: sub?.['id'], lines: ['c'] });
    expect(log.lines).toEqual([['a', 'b'], ['c']]);
    expect(watch.events).toEqual([]);
  });

  it('does not subscribe again when a log ends, and passes refusals on', () => {
    const mux = newMux();
    const ended = logRecorder();
    const refused = logRecorder();
    const path = '/api/v1/namespaces/demo/pods/web-1/log';
    mux.subscribeLogs({ cluster: 'dev', path, options: {} }, ended.handlers);
    mux.subscribeLogs({ cluster: 'dev', path, options: { previous: true } }, refused.handlers);
    latestSocket().serverOpens();
    const [first, second] = latestSocket().subscriptions();
    latestSocket().serverSends({ type: 'ended', id: first?.['id'] });
    latestSocket().serverSends({
      type: 'error',
      id: second?.['id'],
      status: 400,
      reason: 'BadRequest',
      message: 'previous terminated container "web" not found',
    });
    expect(ended.ended()).toBe(1);
    expect(refused.errors).toEqual([
      {
        status: 400,
        reason: 'BadRequest',
        message: 'previous terminated container "web" not found',
      },
    ]);
    vi.advanceTimersByTime(30_000);
    expect(latestSocket().subscriptions()).toHaveLength(2);
  });

  it('resumes a log with the options its owner gives after the socket comes back', () => {
    const mux = newMux();
    const log = logRecorder(() => ({ follow: true, timestamps: true, sinceSeconds: 12 }));
    const subscription = mux.subscribeLogs(
      {
        cluster: 'dev',
        path: '/api/v1/namespaces/demo/pods/web-1/log',
        options: { follow: true, tailLines: 10 },
      },
      log.handlers,
    );
    latestSocket().serverOpens();
    latestSocket().serverDrops();
    vi.advanceTimersByTime(1_000);
    latestSocket().serverOpens();
    const [again] = latestSocket().subscriptions();
    expect(again?.['logs']).toEqual({ follow: true, timestamps: true, sinceSeconds: 12 });
    subscription.unsubscribe();
    expect(latestSocket().sent[latestSocket().sent.length - 1]).toEqual({
      type: 'unsubscribe',
      id: again?.['id'],
    });
  });
  it('reads a log on from where it stopped when the server ended it at its time limit', () => {
    const mux = newMux();
    const reasons: unknown[] = [];
    const log = logRecorder((reason?: unknown) => {
      reasons.push(reason);
      return { follow: true, timestamps: true, sinceSeconds: 3 };
    });
    mux.subscribeLogs(
      { cluster: 'dev', path: '/api/v1/namespaces/demo/pods/web-1/log', options: { follow: true } },
      log.handlers,
    );
    latestSocket().serverOpens();
    const [first] = latestSocket().subscriptions();
    latestSocket().serverSends({ type: 'ended', id: first?.['id'], resume: true });
    expect(log.ended()).toBe(0);
    const [, again] = latestSocket().subscriptions();
    expect(again?.['logs']).toEqual({ follow: true, timestamps: true, sinceSeconds: 3 });
    expect(again?.['id']).not.toBe(first?.['id']);
    expect(reasons).toEqual(['timeLimit']);
    // A slow tab's log resumes the same way.
    latestSocket().serverSends({
      type: 'error',
      id: again?.['id'],
      status: 410,
      reason: 'SlowClient',
      message: 'too slow',
    });
    expect(log.errors).toEqual([]);
    expect(latestSocket().subscriptions()).toHaveLength(3);
    expect(reasons).toEqual(['timeLimit', 'fellBehind']);
  });

  it('passes a fieldSelector on, to follow one object of a collection', () => {
    const mux = newMux();
    mux.subscribe(
      {
        cluster: 'dev',
        path: '/apis/apps/v1/namespaces/demo/deployments',
        resourceVersion: '9',
        fieldSelector: 'metadata.name=web',
      },
      recorder().handlers,
    );
    latestSocket().serverOpens();
    expect(latestSocket().subscriptions()[0]).toMatchObject({
      path: '/apis/apps/v1/namespaces/demo/deployments',
      resourceVersion: '9',
      fieldSelector: 'metadata.name=web',
    });
  });
});
