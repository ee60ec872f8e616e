import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KubeObject, ResourceKind } from '@/api/kube';
import type { ObjectRef } from '@/actions/requests';
import { KindActions } from '@/details/KindActions';
import { KindSections } from '@/details/KindSections';
import { accessAsked, json, stubServer } from '@/testing/testServer';
import type { SeenRequest } from '@/testing/testServer';

const kind = (group: string, resource: string, kindName: string, namespaced = true) =>
  ({
    group,
    version: 'v1',
    resource,
    kind: kindName,
    namespaced,
    verbs: [],
    shortNames: [],
  }) satisfies ResourceKind;

const ref = (k: ResourceKind, name: string): ObjectRef => ({
  cluster: 'dev',
  kind: k,
  namespace: k.namespaced ? 'demo' : undefined,
  name,
});

/** A cluster allowing `allowed` (`verb` or `verb/subresource`), answering `extra` first. */
function cluster(allowed: string[], extra: (request: SeenRequest) => Response | null = () => null) {
  return stubServer((request) => {
    const special = extra(request);
    if (special !== null) return special;
    const asked = accessAsked(request);
    if (asked !== null) {
      const verb =
        asked['subresource'] === undefined
          ? (asked['verb'] ?? '')
          : `${asked['verb'] ?? ''}/${asked['subresource']}`;
      return json(201, { status: { allowed: allowed.includes(verb) } });
    }
    return json(404, { kind: 'Status', reason: 'NotFound', message: 'not found' });
  });
}

function actions(target: ObjectRef, object: KubeObject, onChanged = vi.fn()) {
  render(
    <KindActions target={target} object={object} onChanged={onChanged} onUnauthorized={vi.fn()} />,
  );
  return onChanged;
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('KindActions', () => {
  it('suspends a CronJob and runs it now as a Job it owns', async () => {
    const cronJobs = { ...kind('batch', 'cronjobs', 'CronJob') };
    const cronJob: KubeObject = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'report', namespace: 'demo', uid: 'cj-1' },
      spec: { suspend: false, jobTemplate: { spec: { template: { spec: {} } } } },
    };
    const seen = cluster(['patch', 'create'], (request) =>
      request.method === 'POST' && request.url.endsWith('/jobs')
        ? json(201, { metadata: { name: 'report-manual-x' } })
        : request.method === 'PATCH'
          ? json(200, {})
          : null,
    );
    const onChanged = actions(ref(cronJobs, 'report'), cronJob);
    fireEvent.click(await screen.findByRole('button', { name: 'Suspend' }));
    const suspend = await screen.findByRole('dialog', { name: 'Suspend CronJob report?' });
    expect(seen.some((r) => r.method === 'PATCH')).toBe(false);
    fireEvent.click(within(suspend).getByRole('button', { name: 'Suspend' }));
    await waitFor(() => {
      expect(onChanged).toHaveBeenCalledWith('Suspended CronJob report: it starts no new runs.');
    });
    const patch = seen.find((r) => r.method === 'PATCH');
    expect(patch?.url).toBe('/clusters/dev/apis/batch/v1/namespaces/demo/cronjobs/report');
    expect(patch?.contentType).toBe('application/merge-patch+json');
    expect(patch?.body).toEqual({ spec: { suspend: true } });

    fireEvent.click(screen.getByRole('button', { name: 'Run now' }));
    const run = await screen.findByRole('dialog', { name: 'Run CronJob report now?' });
    fireEvent.click(within(run).getByRole('button', { name: 'Run now' }));
    await waitFor(() => {
      expect(onChanged).toHaveBeenCalledWith('Started Job report-manual-x from CronJob report.');
    });
    const job = seen.find((r) => r.method === 'POST' && r.url.endsWith('/jobs'));
    expect(job?.url).toBe('/clusters/dev/apis/batch/v1/namespaces/demo/jobs');
    expect(job?.body).toMatchObject({
      kind: 'Job',
      metadata: {
        name: expect.stringMatching(/^report-manual-[a-z0-9]+$/) as unknown,
        annotations: { 'cronjob.kubernetes.io/instantiate': 'manual' },
        ownerReferences: [{ kind: 'CronJob', name: 'report', uid: 'cj-1', controller: true }],
      },
    });
  });

  it('cordons a node, and offers Drain only with eviction rights', async () => {
    const nodes = kind('', 'nodes', 'Node', false);
    const node: KubeObject = { kind: 'Node', metadata: { name: 'n1' }, spec: {} };
    const seen = cluster(['patch'], (request) =>
      request.method === 'PATCH' ? json(200, {}) : null,
    );
    const onChanged = actions(ref(nodes, 'n1'), node);
    fireEvent.click(await screen.findByRole('button', { name: 'Cordon' }));
    const cordon = await screen.findByRole('dialog', { name: 'Cordon node n1?' });
    expect(seen.some((r) => r.method === 'PATCH')).toBe(false);
    fireEvent.click(within(cordon).getByRole('button', { name: 'Cordon' }));
    await waitFor(() => {
      expect(onChanged).toHaveBeenCalledWith('Cordoned node n1: no new pods are scheduled to it.');
    });
    expect(seen.find((r) => r.method === 'PATCH')?.body).toEqual({
      spec: { unschedulable: true },
    });
    expect(screen.queryByRole('button', { name: 'Drain' })).toBeNull();
  });
});

describe('KindSections', () => {
  const pods = kind('', 'pods', 'Pod');
  const pod: KubeObject = {
    kind: 'Pod',
    metadata: { name: 'web-1', namespace: 'demo' },
    spec: { containers: [{ name: 'nginx', ports: [{ name: 'http', containerPort: 80 }] }] },
  };

  const sections = () =>
    render(
      <KindSections
        target={ref(pods, 'web-1')}
        object={pod}
        onChanged={vi.fn()}
        onUnauthorized={vi.fn()}
      />,
    );

  it('shows usage charts when the metrics API answers', async () => {
    cluster(['list'], (request) => {
      if (request.url === '/clusters/dev/apis/metrics.k8s.io/v1beta1') return json(200, {});
      if (
        request.url ===
        '/clusters/dev/apis/metrics.k8s.io/v1beta1/namespaces/demo/pods?fieldSelector=metadata.name%3Dweb-1'
      ) {
        return json(200, { items: [{ containers: [{ usage: { cpu: '25m', memory: '48Mi' } }] }] });
      }
      return null;
    });
    sections();
    expect(await screen.findByRole('heading', { name: 'Usage' })).toBeTruthy();
    expect(await screen.findByRole('img', { name: /^CPU: now 25m/ })).toBeTruthy();
    expect(screen.getByRole('img', { name: /^Memory: now 48Mi/ })).toBeTruthy();
  });

  it("asks before reading a pod's usage and reads none when refused", async () => {
    const seen = cluster([], (request) =>
      request.url === '/clusters/dev/apis/metrics.k8s.io/v1beta1' ? json(200, {}) : null,
    );
    sections();
    expect(await screen.findByText('You may not read usage here.')).toBeTruthy();
    expect(seen.some((r) => r.url.includes('/metrics.k8s.io/v1beta1/namespaces/'))).toBe(false);
  });

  it('shows nothing about usage when the metrics API is missing', async () => {
    const seen = cluster([]);
    sections();
    expect(await screen.findByRole('table', { name: 'Container ports' })).toBeTruthy();
    await waitFor(() => {
      expect(seen.some((r) => r.url.endsWith('/metrics.k8s.io/v1beta1'))).toBe(true);
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(screen.queryByRole('heading', { name: 'Usage' })).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
