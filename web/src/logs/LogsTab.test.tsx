import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chosenPods, LogsTab } from '@/logs/LogsTab';
import { NavigationProvider } from '@/nav/navigation';
import { fakeCluster, forgetEverything } from '@/testing/fakeCluster';
import { DEFAULT_TAIL_LINES } from '@/routes';
import type { LogQuery, LogResource } from '@/routes';
import { FakeSocket, latestSocket } from '@/watch/fakeSocket';
import { WatchMux } from '@/watch/mux';
import { WatchMuxProvider } from '@/watch/WatchContext';

const owner = (uid: string) => [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'x', uid }];

const podObject = (name: string) => ({
  kind: 'Pod',
  metadata: { name, namespace: 'demo', uid: `pod-${name}`, ownerReferences: owner('rs-1') },
  spec: { containers: [{ name: 'nginx' }, { name: 'sidecar' }] },
});

const deployment = {
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'demo', uid: 'dep-1' },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: { spec: { containers: [{ name: 'nginx' }] } },
  },
};

function cluster() {
  return fakeCluster((request) => {
    if (request.path.startsWith('/clusters/dev/apis/apps/v1/namespaces/demo/replicasets?')) {
      return [
        200,
        {
          items: [
            {
              metadata: {
                name: 'web-1',
                uid: 'rs-1',
                ownerReferences: [
                  { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'dep-1' },
                ],
              },
            },
          ],
        },
      ];
    }
    if (request.path.startsWith('/clusters/dev/api/v1/namespaces/demo/pods?')) {
      return [200, { items: [podObject('web-b'), podObject('web-a')] }];
    }
    return undefined;
  });
}

const query = (extra: Partial<LogQuery> = {}): LogQuery => ({
  follow: true,
  previous: false,
  timestamps: false,
  tail: DEFAULT_TAIL_LINES,
  ...extra,
});

function show(resource: LogResource, logQuery: LogQuery) {
  const onQuery = vi.fn();
  const mux = new WatchMux({
    url: 'ws://lanthorn.test/watch',
    createSocket: (url) => new FakeSocket(url),
    random: () => 0.5,
  });
  render(
    <NavigationProvider navigate={vi.fn()}>
      <WatchMuxProvider mux={mux}>
        <LogsTab
          cluster="dev"
          resource={resource}
          object={resource === 'pods' ? podObject('web-a') : deployment}
          query={logQuery}
          onQuery={onQuery}
        />
      </WatchMuxProvider>
    </NavigationProvider>,
  );
  return onQuery;
}

/** Plays the server: lines for the subscription of `pod`. */
function send(pod: string, lines: string[]) {
  const socket = latestSocket();
  const sub = socket.subscriptions().find((s) => String(s['path']).includes(`/pods/${pod}/`));
  act(() => {
    socket.serverSends({ type: 'log', id: sub?.['id'], lines });
  });
}

beforeEach(() => {
  FakeSocket.all = [];
  forgetEverything();
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('chosenPods', () => {
  it('streams the pod asked for, all of them for *, else the first', () => {
    expect(chosenPods(['a', 'b'], 'b')).toEqual(['b']);
    expect(chosenPods(['a', 'b'], '*')).toEqual(['a', 'b']);
    expect(chosenPods(['a', 'b'], undefined)).toEqual(['a']);
    expect(chosenPods(['a', 'b'], 'gone')).toEqual(['a']);
    expect(chosenPods([], undefined)).toEqual([]);
  });
});

describe('LogsTab', () => {
  it("streams a pod's default container and highlights what is searched", async () => {
    cluster();
    const onQuery = show('pods', query({ q: 'error' }));
    await waitFor(() => {
      expect(FakeSocket.all).toHaveLength(1);
    });
    act(() => {
      latestSocket().serverOpens();
    });
    expect(latestSocket().subscriptions()).toEqual([
      expect.objectContaining({
        path: '/api/v1/namespaces/demo/pods/web-a/log',
        logs: {
          container: 'nginx',
          follow: true,
          previous: false,
          timestamps: true,
          tailLines: 1000,
        },
      }),
    ]);
    send('web-a', ['2026-01-01T00:00:01Z all good', '2026-01-01T00:00:02Z an Error here']);
    const log = await screen.findByRole('log', { name: 'Log lines of web-a' });
    await waitFor(() => {
      expect(log.textContent).toContain('an Error here');
    });
    expect(within(log).getByText('Error').tagName).toBe('MARK');
    expect(screen.getByText('1 of 1 matching lines')).toBeTruthy();
    expect(log.textContent).not.toContain('2026-01-01T00:00:01Z');

    expect(screen.queryByLabelText('Pod')).toBeNull();
    fireEvent.change(screen.getByLabelText('Container'), { target: { value: '*' } });
    expect(onQuery).toHaveBeenCalledWith({ container: '*' });
  });

  it("streams a Deployment's first pod, and another one picked", async () => {
    cluster();
    const onQuery = show('deployments', query());
    await waitFor(() => {
      expect(FakeSocket.all).toHaveLength(1);
    });
    act(() => {
      latestSocket().serverOpens();
    });
    await waitFor(() => {
      expect(
        latestSocket()
          .subscriptions()
          .map((s) => s['path']),
      ).toEqual(['/api/v1/namespaces/demo/pods/web-a/log']);
    });
    const picker = screen.getByLabelText('Pod');
    expect([...picker.querySelectorAll('option')].map((o) => o.textContent)).toEqual([
      'web-a',
      'web-b',
      'All 2 pods, merged',
    ]);
    fireEvent.change(picker, { target: { value: 'web-b' } });
    expect(onQuery).toHaveBeenCalledWith({ pod: 'web-b' });
  });

  it('merges the pods of a Deployment, each line prefixed with its pod', async () => {
    cluster();
    show('deployments', query({ pod: '*' }));
    await waitFor(() => {
      expect(FakeSocket.all).toHaveLength(1);
    });
    act(() => {
      latestSocket().serverOpens();
    });
    expect(
      latestSocket()
        .subscriptions()
        .map((s) => s['path']),
    ).toEqual(['/api/v1/namespaces/demo/pods/web-a/log', '/api/v1/namespaces/demo/pods/web-b/log']);
    send('web-b', ['2026-01-01T00:00:02Z b two']);
    send('web-a', ['2026-01-01T00:00:01Z a one', '2026-01-01T00:00:03Z a three']);
    const log = await screen.findByRole('log', { name: 'Log lines of web' });
    await waitFor(() => {
      expect([...log.querySelectorAll('.log-line')].map((l) => l.textContent)).toEqual([
        '[web-a] a one',
        '[web-b] b two',
        '[web-a] a three',
      ]);
    });
  });

  it("shows the cluster's refusal of a previous container's log", async () => {
    cluster();
    show('pods', query({ previous: true }));
    await waitFor(() => {
      expect(FakeSocket.all).toHaveLength(1);
    });
    act(() => {
      latestSocket().serverOpens();
    });
    const sub = latestSocket().subscriptions()[0];
    act(() => {
      latestSocket().serverSends({
        type: 'error',
        id: sub?.['id'],
        status: 400,
        reason: 'BadRequest',
        message: 'previous terminated container "nginx" in pod "web-a" not found',
      });
    });
    expect((await screen.findByRole('alert')).textContent).toContain(
      'previous terminated container "nginx" in pod "web-a" not found',
    );
  });
});
