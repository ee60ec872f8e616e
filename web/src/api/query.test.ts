import { QueryObserver } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { canI } from '@/api/access';
import { ApiError, parseError, request } from '@/api/http';
import { onUnauthorized } from '@/api/kube';
import {
  clusterFactKey,
  clusterGetKey,
  createQueryClient,
  invalidateClusterReads,
  keyRequest,
  lanthornKey,
  queryClient,
  shouldRetry,
  userChanged,
  configKey,
} from '@/api/query';

const json = (status: number, body: unknown, statusText = '') =>
  new Response(JSON.stringify(body), {
    status,
    statusText,
    headers: { 'content-type': 'application/json' },
  });

interface Seen {
  url: string;
  accept: string | undefined;
}

function stubFetch(answer: (url: string) => Response | Promise<Response>): Seen[] {
  const seen: Seen[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string, init: RequestInit = {}) => {
      seen.push({ url, accept: (init.headers as Record<string, string>)['accept'] });
      return Promise.resolve(answer(url));
    }),
  );
  return seen;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('query keys', () => {
  it('map a cluster GET key to the proxy path, with its Accept header', async () => {
    expect(keyRequest(clusterGetKey('dev', '/api/v1/namespaces'))).toEqual({
      cluster: 'dev',
      path: '/api/v1/namespaces',
    });
    expect(keyRequest(clusterGetKey('dev', '/apis', 'application/yaml'))).toEqual({
      cluster: 'dev',
      path: '/apis',
      accept: 'application/yaml',
    });
    expect(keyRequest(lanthornKey('/config'))).toEqual({ path: '/config' });
    // Answers worked out by their own functions are no plain GET.
    expect(keyRequest(clusterFactKey('dev', 'discovery'))).toBeNull();

    const seen = stubFetch(() => json(200, { items: [] }));
    const client = createQueryClient();
    expect(
      await client.fetchQuery({ queryKey: clusterGetKey('a b', '/api/v1/pods?limit=5') }),
    ).toEqual({ items: [] });
    await client.fetchQuery({ queryKey: clusterGetKey('dev', '/apis', 'application/yaml') });
    await client.fetchQuery({ queryKey: lanthornKey('/config') });
    expect(seen).toEqual([
      { url: '/clusters/a%20b/api/v1/pods?limit=5', accept: 'application/json' },
      { url: '/clusters/dev/apis', accept: 'application/yaml' },
      { url: '/config', accept: 'application/json' },
    ]);
  });

  it('refuse a key that names no request', async () => {
    const client = createQueryClient();
    await expect(client.fetchQuery({ queryKey: ['cluster', 'dev', 'nothing'] })).rejects.toThrow(
      'no query function for ["cluster","dev","nothing"]',
    );
  });
});

describe('the error parser', () => {
  it('reads a Kubernetes Status', () => {
    const error = parseError(
      403,
      'Forbidden',
      {
        kind: 'Status',
        code: 403,
        reason: 'Forbidden',
        message: 'pods is forbidden: User "x" cannot list resource "pods"',
      },
      'cluster',
    );
    expect(error).toBeInstanceOf(ApiError);
    expect([error.status, error.reason, error.message]).toEqual([
      403,
      'Forbidden',
      'pods is forbidden: User "x" cannot list resource "pods"',
    ]);
  });

  it("reads Lanthorn's own error body", () => {
    const error = parseError(401, 'Unauthorized', {
      status: 401,
      reason: 'Unauthorized',
      message: 'not signed in to cluster dev',
    });
    expect([error.status, error.reason, error.message]).toEqual([
      401,
      'Unauthorized',
      'not signed in to cluster dev',
    ]);
  });

  it('falls back to the status line for a body without a message', () => {
    expect(parseError(502, 'Bad Gateway', undefined).message).toBe(
      'the server answered 502 Bad Gateway',
    );
    const error = parseError(500, '', { message: '' }, 'cluster');
    expect([error.reason, error.message]).toEqual(['Error', 'the cluster answered 500']);
  });

  it('is what every request throws; no answer at all is status 0', async () => {
    stubFetch(() => json(404, { kind: 'Status', reason: 'NotFound', message: 'no such pod' }));
    await expect(request('/clusters/dev/api/v1/pods/x')).rejects.toMatchObject({
      status: 404,
      reason: 'NotFound',
      message: 'no such pod',
    });
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(request('/config')).rejects.toMatchObject({
      status: 0,
      message: 'Lanthorn could not be reached',
    });
  });
});

describe('retries', () => {
  it('are for requests that got no answer, not for 4xx answers', () => {
    for (const status of [400, 401, 403, 404, 409, 422, 500, 503]) {
      expect(shouldRetry(0, new ApiError(status, 'Error', 'no'))).toBe(false);
    }
    expect(shouldRetry(0, new ApiError(0, 'Unreachable', 'down'))).toBe(true);
    expect(shouldRetry(1, new ApiError(0, 'Unreachable', 'down'))).toBe(true);
    expect(shouldRetry(2, new ApiError(0, 'Unreachable', 'down'))).toBe(false);
    expect(shouldRetry(0, new Error('a bug'))).toBe(false);
  });

  it('do not ask again when the cluster said 403 or 404', async () => {
    for (const status of [401, 403, 404]) {
      const seen = stubFetch(() => json(status, { kind: 'Status', message: `said ${status}` }));
      const client = createQueryClient();
      await expect(
        client.fetchQuery({ queryKey: clusterGetKey('dev', '/api/v1/secrets') }),
      ).rejects.toMatchObject({ status });
      expect(seen).toHaveLength(1);
    }
  });

  it('ask again when nothing answered', async () => {
    let calls = 0;
    vi.stubGlobal(
      'fetch',
      vi.fn(() => {
        calls += 1;
        return calls === 1
          ? Promise.reject(new TypeError('Failed to fetch'))
          : Promise.resolve(json(200, { ok: true }));
      }),
    );
    const client = createQueryClient();
    client.setDefaultOptions({
      queries: { ...client.getDefaultOptions().queries, retryDelay: 0 },
    });
    expect(await client.fetchQuery({ queryKey: lanthornKey('/config') })).toEqual({ ok: true });
    expect(calls).toBe(2);
  });
});

describe('a change of user', () => {
  it("drops the previous user's answers", async () => {
    let allowed = true;
    const seen = stubFetch(() => json(201, { status: { allowed } }));
    const question = { verb: 'list', group: '', resource: 'secrets', namespace: 'demo' };
    expect(await canI('dev', question)).toBe(true);
    // Kept: asked once.
    expect(await canI('dev', question)).toBe(true);
    expect(seen).toHaveLength(1);

    allowed = false;
    await userChanged();
    expect(queryClient.getQueryCache().getAll()).toEqual([]);
    expect(await canI('dev', question)).toBe(false);
    expect(seen).toHaveLength(2);
  });

  it('forgets even what a page shows, asks it afresh when the page draws, and reads /config again', async () => {
    let answer = 'first';
    const seen = stubFetch(() => json(200, { answer }));
    const client = createQueryClient();
    const key = clusterGetKey('dev', '/api/v1/namespaces/demo');
    const observer = new QueryObserver(client, { queryKey: key });
    const unsubscribe = observer.subscribe(() => undefined);
    await client.fetchQuery({ queryKey: key });
    const config = new QueryObserver(client, {
      queryKey: configKey,
      queryFn: () => ({ clusters: [answer] }),
    });
    const unsubscribeConfig = config.subscribe(() => undefined);
    await client.fetchQuery({ queryKey: configKey, queryFn: () => ({ clusters: [answer] }) });
    answer = 'second';
    const before = seen.length;
    await userChanged(client);
    // Not asked again with the new user's credential behind the page's back…
    expect(client.getQueryData(key)).toBeUndefined();
    expect(seen.slice(before)).toEqual([]);
    expect(client.getQueryData(configKey)).toEqual({ clusters: ['second'] });
    // …but when the page draws again (its observer told its options again).
    observer.setOptions({ queryKey: key });
    await vi.waitFor(() => {
      expect(client.getQueryData(key)).toEqual({ answer: 'second' });
    });
    unsubscribe();
    unsubscribeConfig();
  });

  it('is told of a 401 from a cluster', async () => {
    stubFetch(() => json(401, { reason: 'Unauthorized', message: 'not signed in' }));
    const told: string[] = [];
    const stop = onUnauthorized((cluster) => told.push(cluster));
    await expect(
      queryClient.fetchQuery({ queryKey: clusterGetKey('dev', '/api/v1/pods') }),
    ).rejects.toMatchObject({ status: 401 });
    stop();
    expect(told).toEqual(['dev']);
  });
});

describe('after a change to a cluster', () => {
  it("reads again that cluster's GETs on screen, not other clusters' nor worked-out answers", async () => {
    const seen = stubFetch(() => json(200, { items: [] }));
    const client = createQueryClient();
    const shown = [
      clusterGetKey('dev', '/apis/apps/v1/namespaces/demo/deployments/web'),
      clusterGetKey('prod', '/api/v1/pods'),
    ];
    const discovery = clusterFactKey('dev', 'discovery');
    const observers = [
      ...shown.map((queryKey) => new QueryObserver(client, { queryKey })),
      new QueryObserver(client, { queryKey: discovery, queryFn: () => 'kinds' }),
    ];
    const stops = observers.map((observer) => observer.subscribe(() => undefined));
    await Promise.all(observers.map((observer) => observer.refetch()));
    seen.length = 0;
    await invalidateClusterReads('dev', client);
    expect(seen.map((r) => r.url)).toEqual([
      '/clusters/dev/apis/apps/v1/namespaces/demo/deployments/web',
    ]);
    for (const stop of stops) stop();
  });

  it('does not read again what the change removed (a 404 in the console)', async () => {
    const seen = stubFetch(() => json(200, { items: [] }));
    const client = createQueryClient();
    const gone = '/api/v1/namespaces/demo/configmaps/old';
    const keys = [
      clusterGetKey('dev', gone),
      clusterGetKey('dev', '/api/v1/namespaces/demo/configmaps'),
    ];
    const observers = keys.map((queryKey) => new QueryObserver(client, { queryKey }));
    const stops = observers.map((observer) => observer.subscribe(() => undefined));
    await Promise.all(observers.map((observer) => observer.refetch()));
    seen.length = 0;
    await invalidateClusterReads('dev', client, [gone]);
    expect(seen.map((r) => r.url)).toEqual(['/clusters/dev/api/v1/namespaces/demo/configmaps']);
    // What it showed stays, for the page that says it was deleted.
    expect(client.getQueryData(keys[0] ?? [])).toEqual({ items: [] });
    for (const stop of stops) stop();
  });
});
