import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveKind, splitApiVersion } from '@/nav/apiVersions';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

let urls: string[] = [];

beforeEach(() => {
  urls = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string) => {
      urls.push(url);
      if (url === '/clusters/dev/api/v1') {
        return Promise.resolve(
          json(200, {
            resources: [
              { name: 'configmaps', kind: 'ConfigMap', namespaced: true, verbs: ['get', 'create'] },
              { name: 'pods/log', kind: 'Pod', namespaced: true },
              { name: 'pods', kind: 'Pod', namespaced: true, shortNames: ['po'] },
              { name: 'namespaces', kind: 'Namespace', namespaced: false },
            ],
          }),
        );
      }
      if (url === '/clusters/dev/apis/apps/v1') {
        return Promise.resolve(
          json(200, { resources: [{ name: 'deployments', kind: 'Deployment', namespaced: true }] }),
        );
      }
      return Promise.resolve(
        json(404, { kind: 'Status', reason: 'NotFound', message: 'not found' }),
      );
    }),
  );
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('splitApiVersion', () => {
  it('splits group and version', () => {
    expect(splitApiVersion('v1')).toEqual({ group: '', version: 'v1' });
    expect(splitApiVersion('apps/v1')).toEqual({ group: 'apps', version: 'v1' });
  });
});

describe('resolveKind', () => {
  it('finds resources through discovery and caches each group version', async () => {
    expect(await resolveKind('dev', 'v1', 'Pod')).toEqual({
      group: '',
      version: 'v1',
      resource: 'pods',
      kind: 'Pod',
      namespaced: true,
      verbs: [],
      shortNames: ['po'],
    });
    expect((await resolveKind('dev', 'v1', 'Namespace')).namespaced).toBe(false);
    expect((await resolveKind('dev', 'apps/v1', 'Deployment')).resource).toBe('deployments');
    expect(urls).toEqual(['/clusters/dev/api/v1', '/clusters/dev/apis/apps/v1']);
  });

  it('says what the cluster lacks', async () => {
    await expect(resolveKind('dev', 'example.com/v1', 'Widget')).rejects.toThrow(
      'the cluster does not serve apiVersion example.com/v1',
    );
    await expect(resolveKind('dev', 'v1', 'Widget')).rejects.toThrow(
      'the cluster has no kind Widget in v1',
    );
  });
});
