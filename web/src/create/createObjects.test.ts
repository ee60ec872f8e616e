import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/http';
import type { KubeRequest, ResourceKind } from '@/api/kube';
import { createFromYaml, summarize } from '@/create/createObjects';
import type { Requester, Resolver } from '@/create/createObjects';

const kind = (
  group: string,
  resource: string,
  kindName: string,
  namespaced: boolean,
): ResourceKind => ({
  group,
  version: 'v1',
  resource,
  kind: kindName,
  namespaced,
  verbs: [],
  shortNames: [],
});

const known: Record<string, ResourceKind> = {
  'v1/ConfigMap': kind('', 'configmaps', 'ConfigMap', true),
  'v1/Namespace': kind('', 'namespaces', 'Namespace', false),
  'apps/v1/Deployment': { ...kind('apps', 'deployments', 'Deployment', true) },
};

const resolve: Resolver = (_cluster, apiVersion, kindName) => {
  const found = known[`${apiVersion}/${kindName}`];
  return found === undefined
    ? Promise.reject(new Error(`the cluster has no kind ${kindName} in ${apiVersion}`))
    : Promise.resolve(found);
};

interface Call {
  path: string;
  method: string | undefined;
  body: unknown;
}

/** A cluster that fails the requests `fail` picks, echoing the body otherwise. */
function fakeCluster(fail: (call: Call) => ApiError | null = () => null) {
  const calls: Call[] = [];
  const request = (<T>(_cluster: string, path: string, init: KubeRequest = {}): Promise<T> => {
    const call = { path, method: init.method, body: init.body };
    calls.push(call);
    const error = fail(call);
    return error === null ? Promise.resolve(init.body as T) : Promise.reject(error);
  }) as Requester;
  return { calls, request };
}

const two = `apiVersion: v1
kind: ConfigMap
metadata:
  name: first
data: {a: "1"}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: second
  namespace: other
`;

describe('createFromYaml', () => {
  it('dry-runs every document, then creates them in order, defaulting the namespace', async () => {
    const { calls, request } = fakeCluster();
    const report = await createFromYaml('dev', two, 'demo', request, resolve);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'POST /api/v1/namespaces/demo/configmaps?dryRun=All',
      'POST /api/v1/namespaces/other/configmaps?dryRun=All',
      'POST /api/v1/namespaces/demo/configmaps',
      'POST /api/v1/namespaces/other/configmaps',
    ]);
    expect(calls[2]?.body).toMatchObject({ metadata: { name: 'first', namespace: 'demo' } });
    expect(report.phase).toBe('created');
    expect(report.outcomes.map((o) => `${o.status} ${o.label}`)).toEqual([
      'created ConfigMap demo/first',
      'created ConfigMap other/second',
    ]);
    expect(summarize(report)).toBe('Created all 2 objects.');
  });

  it('sends nothing when a document cannot be read or resolved', async () => {
    const { calls, request } = fakeCluster();
    const text = `${two}---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n---\nfoo: [\n`;
    const report = await createFromYaml('dev', text, 'demo', request, resolve);
    expect(calls).toEqual([]);
    expect(report.phase).toBe('invalid');
    expect(report.outcomes.map((o) => o.status)).toEqual([
      'not-sent',
      'not-sent',
      'invalid',
      'invalid',
    ]);
    expect(report.outcomes[2]?.message).toBe('the cluster has no kind Widget in example.com/v1');
    expect(report.outcomes[3]?.message).toMatch(/^Line 1\d, column \d+: /);
    expect(summarize(report)).toContain('Nothing was sent');
  });

  it('creates nothing when a dry run fails', async () => {
    const { calls, request } = fakeCluster((call) =>
      call.path.includes('/other/') ? new ApiError(403, 'Forbidden', 'no access to other') : null,
    );
    const report = await createFromYaml('dev', two, 'demo', request, resolve);
    expect(calls.every((c) => c.path.endsWith('?dryRun=All'))).toBe(true);
    expect(report.phase).toBe('rejected');
    expect(report.outcomes.map((o) => o.status)).toEqual(['passed', 'rejected']);
    expect(summarize(report)).toBe(
      'Nothing was created: the cluster refused document 2 in a dry run.',
    );
  });

  it('says exactly what was created when a real create fails part way', async () => {
    const text = `${two}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: third}\n`;
    const { calls, request } = fakeCluster((call) =>
      call.path === '/api/v1/namespaces/other/configmaps'
        ? new ApiError(409, 'AlreadyExists', 'configmaps "second" already exists')
        : null,
    );
    const report = await createFromYaml('dev', text, 'demo', request, resolve);
    expect(calls.filter((c) => !c.path.endsWith('?dryRun=All'))).toHaveLength(2);
    expect(report.phase).toBe('partial');
    expect(report.outcomes.map((o) => o.status)).toEqual(['created', 'failed', 'not-attempted']);
    expect(summarize(report)).toBe(
      'Only part was created: ConfigMap demo/first (1 of 3); document 2 (ConfigMap other/second) failed and nothing after it was sent.',
    );
  });

  it('lets a dry run miss a namespace that an earlier document creates', async () => {
    const text = `apiVersion: v1\nkind: Namespace\nmetadata: {name: fresh}\n---\n${two.split('---')[0] ?? ''}`;
    const { request } = fakeCluster((call) =>
      call.path === '/api/v1/namespaces/fresh/configmaps?dryRun=All'
        ? new ApiError(404, 'NotFound', 'namespaces "fresh" not found')
        : null,
    );
    const report = await createFromYaml('dev', text, 'fresh', request, resolve);
    expect(report.phase).toBe('created');
    expect(report.outcomes.map((o) => o.label)).toEqual([
      'Namespace fresh',
      'ConfigMap fresh/first',
    ]);
  });

  it('reports an empty text', async () => {
    const { request } = fakeCluster();
    expect(await createFromYaml('dev', '\n---\n', 'demo', request, resolve)).toEqual({
      phase: 'empty',
      outcomes: [],
    });
  });
});
