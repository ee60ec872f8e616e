import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServerConfig } from '@/api/clusters';
import { App } from '@/shell/App';
import { fakeCluster, forgetEverything, review } from '@/testing/fakeCluster';
import type { Answer, SeenRequest } from '@/testing/fakeCluster';
import { FakeSocket } from '@/watch/fakeSocket';
import { WatchMux } from '@/watch/mux';
import { WatchMuxProvider } from '@/watch/WatchContext';

const config: ServerConfig = {
  baseUrl: '',
  clusterErrors: [],
  clusters: ['dev', 'prod'].map((name) => ({
    name,
    server: 'https://127.0.0.1:16443/',
    source: 'kubeconfig' as const,
    signInMethods: ['token' as const],
    signedInAs: { username: 'admin@example.com', groups: ['cluster-admins'], method: 'token' },
    credential: 'session' as const,
    status: { reachable: true, version: 'v1.37.2' },
  })),
};

const discovery = {
  kind: 'APIGroupDiscoveryList',
  items: [
    {
      metadata: { name: 'apps' },
      versions: [
        {
          version: 'v1',
          resources: [
            {
              resource: 'deployments',
              responseKind: { kind: 'Deployment' },
              scope: 'Namespaced',
              verbs: ['list', 'watch'],
            },
          ],
        },
      ],
    },
  ],
};

function cluster(override: (request: SeenRequest) => Answer = () => undefined) {
  return fakeCluster((request) => {
    const found = override(request);
    if (found !== undefined) return found;
    const { path } = request;
    if (path === '/config') return [200, config];
    if (path === '/clusters/dev/me') {
      return [
        200,
        { username: 'admin@example.com', groups: ['cluster-admins', 'system:authenticated'] },
      ];
    }
    if (path === '/clusters/dev/api') return [200, { kind: 'APIGroupDiscoveryList', items: [] }];
    if (path === '/clusters/dev/apis') return [200, discovery];
    if (path.endsWith('/selfsubjectaccessreviews')) return review(true);
    if (path.startsWith('/clusters/dev/api/v1/namespaces')) {
      return [200, { items: [{ metadata: { name: 'demo' } }] }];
    }
    if (path.startsWith('/clusters/dev/apis/apps/v1/deployments?limit=500')) {
      return [200, { items: [{ metadata: { name: 'web', namespace: 'demo' } }] }];
    }
    if (path.startsWith('/clusters/dev/apis/apps/v1/namespaces/demo/deployments/web')) {
      const metadata = { name: 'web', namespace: 'demo', uid: 'u1', resourceVersion: '1' };
      return [200, { apiVersion: 'apps/v1', kind: 'Deployment', metadata, spec: {}, status: {} }];
    }
    if (path.startsWith('/clusters/dev/portforwards')) return [200, { forwards: [] }];
    if (path.startsWith('/clusters/dev/api')) return [200, { items: [] }];
    return undefined;
  });
}

let mux: WatchMux;

beforeEach(() => {
  forgetEverything();
  window.localStorage.clear();
  FakeSocket.all = [];
  mux = new WatchMux({ url: 'ws://test/watch', createSocket: (url) => new FakeSocket(url) });
  window.history.pushState(null, '', '/');
});

afterEach(() => {
  cleanup();
  mux.close();
  vi.unstubAllGlobals();
});

const showApp = () =>
  render(
    <WatchMuxProvider mux={mux}>
      <App />
    </WatchMuxProvider>,
  );

describe('the command palette', () => {
  it('opens with Ctrl-K, finds a Deployment by name and goes there with Enter', async () => {
    cluster();
    window.history.pushState(null, '', '/c/dev');
    showApp();
    await screen.findByRole('navigation', { name: 'Resources' });
    fireEvent.keyDown(document.body, { key: 'k', ctrlKey: true });
    const dialog = await screen.findByRole(
      'dialog',
      { name: 'Command palette' },
      { timeout: 5000 },
    );
    const box = within(dialog).getByRole('combobox', { name: 'Go to' });
    expect(document.activeElement).toBe(box);
    fireEvent.change(box, { target: { value: 'web' } });
    const listbox = within(dialog).getByRole('listbox');
    await within(listbox).findByRole(
      'option',
      { name: /web.*Deployment in demo/ },
      { timeout: 3000 },
    );
    const first = within(listbox).getAllByRole('option')[0];
    expect(first?.getAttribute('aria-selected')).toBe('true');
    expect(box.getAttribute('aria-activedescendant')).toBe(first?.id);
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(window.location.pathname).toBe('/c/dev/r/apps/v1/deployments/demo/web');
    expect(screen.queryByRole('dialog')).toBeNull();

    // Opened again, it remembers the Deployment; arrows move and Esc closes.
    fireEvent.keyDown(document.body, { key: 'k', metaKey: true });
    const again = await screen.findByRole('dialog', { name: 'Command palette' });
    const recent = within(again).getAllByRole('option');
    expect(recent[0]?.textContent).toContain('web');
    const input = within(again).getByRole('combobox');
    fireEvent.change(input, { target: { value: 'go to deploy' } });
    const options = within(again).getAllByRole('option');
    expect(options[0]?.textContent).toContain('Deployments');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    expect(options[0]?.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('the header', () => {
  it("shows the user's name with who they are and a sign-out, and a cluster switcher", async () => {
    let signedOut = false;
    const seen = cluster(({ path }) => {
      if (path === '/sign-out') {
        signedOut = true;
        return [200, { endSessionUrl: null }];
      }
      if (path === '/config' && signedOut) {
        const clusters = config.clusters.map((c) => ({
          ...c,
          signedInAs: null,
          credential: 'none' as const,
        }));
        return [200, { ...config, clusters }];
      }
      return undefined;
    });
    window.history.pushState(null, '', '/c/dev/r/apps/v1/deployments/demo/web');
    showApp();
    const account = await screen.findByRole('button', { name: /^Account/ });
    expect(account.textContent).toContain('admin@example.com');
    fireEvent.click(account);
    const panel = screen.getByRole('group', { name: 'Account' });
    expect(await within(panel).findByText('system:authenticated')).toBeTruthy();
    expect(panel.textContent).toContain('with a ServiceAccount token');

    const crumbs = screen.getByRole('navigation', { name: 'Breadcrumb' });
    expect(within(crumbs).getByRole('link', { name: 'dev' }).getAttribute('href')).toBe('/c/dev');
    await within(crumbs).findByRole('link', { name: 'Deployments' });
    expect(within(crumbs).getByText('web').getAttribute('aria-current')).toBe('page');

    const switcher = screen.getByRole('combobox', { name: 'Switch cluster' });
    expect(
      within(switcher)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['dev', 'prod']);

    const before = seen.length;
    fireEvent.click(within(panel).getByRole('button', { name: 'Sign out' }));
    await waitFor(() => {
      expect(window.location.pathname).toBe('/c/dev/sign-in');
    });
    // Signed out, nothing asks the cluster again (it would be refused): only the sign-out
    // and the configuration read again.
    await waitFor(() => {
      expect(seen.slice(before).filter((r) => r.path === '/config')).toHaveLength(1);
    });
    const after = seen.slice(before).map((r) => r.path);
    expect(after, JSON.stringify(after)).toEqual(['/sign-out', '/config']);
    expect(screen.getByLabelText('ServiceAccount token')).toBeTruthy();
  });
});
