import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Overview } from '@/overview/Overview';
import { accessQuestion, fakeCluster, forgetEverything, review } from '@/testing/fakeCluster';
import type { Answer, SeenRequest } from '@/testing/fakeCluster';

const pod = (name: string, phase: string) => ({
  metadata: { name, namespace: 'demo', creationTimestamp: '2026-01-01T00:00:00Z' },
  status: { phase },
});

/** A viewer bound to `demo`: it may list things there and nothing cluster-wide. */
function viewerCluster(): SeenRequest[] {
  return fakeCluster((request): Answer => {
    const { path } = request;
    if (path === '/clusters/dev/me') {
      return [200, { username: 'system:serviceaccount:demo:demo-viewer', groups: [] }];
    }
    if (path.endsWith('/selfsubjectaccessreviews')) {
      const question = accessQuestion(request);
      return review(question['verb'] === 'list' && question['namespace'] === 'demo');
    }
    if (path.startsWith('/clusters/dev/api/v1/namespaces/demo/pods?')) {
      return [
        200,
        { items: [pod('web-1', 'Running'), pod('web-2', 'Running'), pod('db-0', 'Pending')] },
      ];
    }
    if (path.startsWith('/clusters/dev/api/v1/namespaces/demo/events?')) {
      return [
        200,
        {
          items: [
            {
              metadata: { name: 'e1' },
              type: 'Warning',
              reason: 'BackOff',
              message: 'Back-off restarting failed container',
              lastTimestamp: '2026-01-02T00:00:00Z',
              involvedObject: { kind: 'Pod', namespace: 'demo', name: 'db-0' },
            },
          ],
        },
      ];
    }
    if (path.startsWith('/clusters/dev/apis/apps/v1/namespaces/demo/deployments?')) {
      return [
        200,
        {
          items: [
            { metadata: { name: 'web', namespace: 'demo' }, spec: { replicas: 3 }, status: {} },
          ],
        },
      ];
    }
    if (path.startsWith('/clusters/dev/apis/apps/v1/namespaces/demo/')) return [200, { items: [] }];
    if (path === '/clusters/dev/api' || path === '/clusters/dev/apis') {
      return [200, { kind: 'APIGroupDiscoveryList', items: [] }];
    }
    return undefined;
  });
}

beforeEach(() => {
  forgetEverything();
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('Overview', () => {
  it("shows a namespace-bound user its namespace's overview, asking before it reads", async () => {
    const seen = viewerCluster();
    render(<Overview cluster="dev" onNamespace={() => undefined} />);

    const pods = await screen.findByRole('region', { name: 'Pods' });
    await waitFor(() => {
      expect(within(pods).getByText('Running: 2')).toBeTruthy();
    });
    expect(within(pods).getByText('Pending: 1')).toBeTruthy();
    const behind = screen.getByRole('region', { name: 'Workloads not ready' });
    expect(await within(behind).findByRole('link', { name: 'Deployment demo/web' })).toBeTruthy();
    const warnings = screen.getByRole('region', { name: 'Recent warnings' });
    expect(await within(warnings).findByText('BackOff')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Recent changes' })).toBeTruthy();
    // Cluster-wide cards only for those who may list cluster-wide.
    expect(screen.queryByRole('region', { name: 'Nodes' })).toBeNull();
    expect(screen.queryByText(/you may not list/i)).toBeNull();

    // Nothing was read that the cluster refuses: no cluster-wide lists, no namespaces list.
    const reads = seen.filter((r) => r.method === 'GET').map((r) => r.path);
    expect(reads.filter((path) => !path.includes('/namespaces/demo/'))).toEqual(
      expect.not.arrayContaining([
        expect.stringMatching(/\/api\/v1\/(pods|events|nodes|namespaces)(\?|$)/),
      ]),
    );
    expect(reads.some((path) => path.startsWith('/clusters/dev/apis/apps/v1/deployments'))).toBe(
      false,
    );
    expect(reads.some((path) => path.startsWith('/clusters/dev/apis/metrics.k8s.io'))).toBe(false);
  });
});
