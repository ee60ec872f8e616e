import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ResourceKind } from '@/api/kube';
import { DetailsPage } from '@/details/DetailsPage';
import { accessQuestion, fakeCluster, forgetEverything, review } from '@/testing/fakeCluster';
import { DEFAULT_TAIL_LINES } from '@/routes';
import { FakeSocket, latestSocket } from '@/watch/fakeSocket';
import { WatchMux } from '@/watch/mux';
import { WatchMuxProvider } from '@/watch/WatchContext';

const kind = (group: string, resource: string, name: string): ResourceKind => ({
  group,
  version: 'v1',
  resource,
  kind: name,
  namespaced: true,
  verbs: ['get'],
  shortNames: [],
});
const pods = kind('', 'pods', 'Pod');
const deployments = kind('apps', 'deployments', 'Deployment');

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-a', namespace: 'demo', uid: 'pod-a' },
  spec: { containers: [{ name: 'nginx' }] },
  status: { phase: 'Running' },
};

/** The cluster: the pod and a Deployment, allowing the `verb/subresource`s in `allowed`. */
function cluster(allowed: string[]) {
  return fakeCluster((request) => {
    if (request.path.endsWith('/selfsubjectaccessreviews')) {
      const asked = accessQuestion(request);
      const verb = `${asked['verb'] ?? ''}/${asked['subresource'] ?? ''}`;
      return review(allowed.includes(verb));
    }
    if (request.path === '/clusters/dev/api/v1/namespaces/demo/pods/web-a') return [200, pod];
    if (request.path === '/clusters/dev/apis/apps/v1/namespaces/demo/deployments/web') {
      return [
        200,
        {
          kind: 'Deployment',
          metadata: { name: 'web', namespace: 'demo', uid: 'dep-1' },
          spec: { selector: { matchLabels: { app: 'web' } }, template: { spec: {} } },
        },
      ];
    }
    return undefined;
  });
}

function show(k: ResourceKind, name: string, tab?: string) {
  const navigate = vi.fn();
  const mux = new WatchMux({
    url: 'ws://lanthorn.test/watch',
    createSocket: (url) => new FakeSocket(url),
    random: () => 0.5,
  });
  const logs = { follow: true, previous: false, timestamps: false, tail: DEFAULT_TAIL_LINES };
  render(
    <WatchMuxProvider mux={mux}>
      <DetailsPage
        cluster="dev"
        kind={k}
        namespace="demo"
        name={name}
        {...(tab === undefined ? {} : { tab })}
        {...(tab === 'logs' ? { logs } : {})}
        navigate={navigate}
      />
    </WatchMuxProvider>,
  );
  return navigate;
}

const tabNames = () =>
  within(screen.getByRole('tablist'))
    .getAllByRole('tab')
    .map((t) => t.textContent);

beforeEach(() => {
  FakeSocket.all = [];
  forgetEverything();
  window.history.pushState(null, '', '/c/dev/r/core/v1/pods/demo/web-a');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('Logs and Terminal tabs', () => {
  it('offers them on a pod as far as the cluster allows', async () => {
    cluster(['get/log', 'create/exec']);
    show(pods, 'web-a');
    await waitFor(() => {
      expect(tabNames()).toEqual(['Overview', 'YAML', 'Events', 'Logs', 'Terminal', 'Related']);
    });
  });

  it('offers neither to a user who may not read logs or exec', async () => {
    const seen = cluster([]);
    show(pods, 'web-a', 'logs');
    await waitFor(() => {
      expect(seen.filter((r) => r.path.endsWith('/selfsubjectaccessreviews'))).toHaveLength(3);
    });
    await waitFor(() => {
      expect(tabNames()).toEqual(['Overview', 'YAML', 'Events', 'Related']);
    });
    // The address asked for Logs: refused, the page shows Overview.
    expect(screen.getByRole('tab', { name: 'Overview' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    expect(screen.getByText('You may not read the logs of this Pod.')).toBeTruthy();
  });

  it('gives a workload Logs but no Terminal', async () => {
    cluster(['get/log', 'create/exec', 'create/attach']);
    show(deployments, 'web');
    await waitFor(() => {
      expect(tabNames()).toEqual(['Overview', 'YAML', 'Events', 'Logs', 'Related']);
    });
  });

  it('streams the log while its tab is shown and stops when it is left', async () => {
    cluster(['get/log']);
    const navigate = show(pods, 'web-a', 'logs');
    await waitFor(() => {
      expect(FakeSocket.all).toHaveLength(1);
    });
    act(() => {
      latestSocket().serverOpens();
    });
    let id: unknown;
    await waitFor(() => {
      const sub = latestSocket()
        .subscriptions()
        .find((s) => s['path'] === '/api/v1/namespaces/demo/pods/web-a/log');
      expect(sub).toBeDefined();
      id = sub?.['id'];
    });
    fireEvent.click(screen.getByRole('tab', { name: 'YAML' }));
    expect(latestSocket().sent).toContainEqual({ type: 'unsubscribe', id });
    expect(navigate).toHaveBeenLastCalledWith('/c/dev/r/core/v1/pods/demo/web-a?tab=yaml', {
      replace: true,
    });
  });
});
