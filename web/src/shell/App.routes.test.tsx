import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '@/shell/App';
import type { ServerConfig } from '@/api/clusters';
import { fakeCluster, forgetEverything, review } from '@/testing/fakeCluster';
import type { Answer, SeenRequest } from '@/testing/fakeCluster';
import { FakeSocket } from '@/watch/fakeSocket';
import { WatchMux } from '@/watch/mux';
import { WatchMuxProvider } from '@/watch/WatchContext';

const config: ServerConfig = {
  baseUrl: '',
  clusterErrors: [],
  clusters: [
    {
      name: 'dev',
      server: 'https://127.0.0.1:16443/',
      source: 'kubeconfig',
      signInMethods: ['token'],
      signedInAs: { username: 'admin', groups: [], method: 'token' },
      credential: 'session',
      status: { reachable: true, version: 'v1.37.2' },
    },
  ],
};

const discovery = (resources: { resource: string; kind: string; scope: string }[]) => ({
  kind: 'APIGroupDiscoveryList',
  items: [
    {
      metadata: {},
      versions: [
        {
          version: 'v1',
          resources: resources.map((r) => ({
            resource: r.resource,
            responseKind: { kind: r.kind },
            scope: r.scope,
            verbs: ['list', 'watch', 'create'],
          })),
        },
      ],
    },
  ],
});

const coreKinds = discovery([
  { resource: 'pods', kind: 'Pod', scope: 'Namespaced' },
  { resource: 'configmaps', kind: 'ConfigMap', scope: 'Namespaced' },
  { resource: 'nodes', kind: 'Node', scope: 'Cluster' },
]);

const configmapTable = {
  kind: 'Table',
  metadata: { resourceVersion: '7' },
  columnDefinitions: [{ name: 'Name', type: 'string', format: 'name', priority: 0 }],
  rows: [
    {
      cells: ['settings'],
      object: { metadata: { name: 'settings', namespace: 'demo', uid: 'u1' } },
    },
  ],
};

/** An admin's view of a small cluster; `override` answers first. */
function cluster(override: (request: SeenRequest) => Answer = () => undefined) {
  return fakeCluster((request) => {
    const found = override(request);
    if (found !== undefined) return found;
    const { path } = request;
    if (path === '/config') return [200, config];
    if (path === '/clusters/dev/me') return [200, { username: 'admin', groups: [] }];
    if (path === '/clusters/dev/api') return [200, coreKinds];
    if (path === '/clusters/dev/apis') return [200, { kind: 'APIGroupDiscoveryList', items: [] }];
    if (path.endsWith('/selfsubjectaccessreviews')) return review(true);
    if (
      path.startsWith('/clusters/dev/api/v1/namespaces?') ||
      path === '/clusters/dev/api/v1/namespaces'
    ) {
      return [200, { items: [{ metadata: { name: 'default' } }, { metadata: { name: 'demo' } }] }];
    }
    if (path.startsWith('/clusters/dev/api/v1/configmaps?')) return [200, configmapTable];
    if (path.startsWith('/clusters/dev/api/v1/')) return [200, { items: [] }];
    return undefined;
  });
}

let mux: WatchMux;

function showApp() {
  return render(
    <WatchMuxProvider mux={mux}>
      <App />
    </WatchMuxProvider>,
  );
}

beforeEach(() => {
  forgetEverything();
  FakeSocket.all = [];
  mux = new WatchMux({ url: 'ws://test/watch', createSocket: (url) => new FakeSocket(url) });
  window.history.pushState(null, '', '/');
});

afterEach(() => {
  cleanup();
  mux.close();
  vi.unstubAllGlobals();
});

describe('cluster pages', () => {
  it('show the sidebar and overview, and sidebar links navigate in place', async () => {
    cluster();
    window.history.pushState(null, '', '/c/dev');
    showApp();
    const nav = await screen.findByRole('navigation', { name: 'Resources' });
    const configmaps = await within(nav).findByRole('link', { name: 'ConfigMaps' });
    expect(
      within(nav).getByRole('button', { name: 'Workloads' }).getAttribute('aria-expanded'),
    ).toBe('true');
    expect(within(nav).getByRole('link', { name: 'Overview' }).getAttribute('aria-current')).toBe(
      'page',
    );
    expect(screen.getByRole('region', { name: 'Overview' })).toBeTruthy();
    expect(screen.getByText('dev', { selector: 'header a' })).toBeTruthy();

    fireEvent.click(configmaps);
    expect(window.location.pathname).toBe('/c/dev/r/core/v1/configmaps');
    expect(await screen.findByRole('link', { name: 'settings' })).toBeTruthy();
    expect(within(nav).getByRole('link', { name: 'ConfigMaps' }).getAttribute('aria-current')).toBe(
      'page',
    );

    // Sections collapse; the filter finds kinds by name.
    fireEvent.click(within(nav).getByRole('button', { name: 'Workloads' }));
    expect(within(nav).queryByRole('link', { name: 'Pods' })).toBeNull();
    fireEvent.change(within(nav).getByLabelText('Filter kinds'), { target: { value: 'node' } });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((l) => l.textContent),
    ).toEqual(['Overview', 'Apps (Helm)', 'Nodes']);
  });

  it('send a user whose session ended to sign in, and back after a token sign-in', async () => {
    let signedIn = false;
    const seen = cluster(({ path }) => {
      if (path === '/clusters/dev/set-token') {
        signedIn = true;
        return [200, { cluster: 'dev', username: 'admin', groups: [] }];
      }
      if (!signedIn && path.startsWith('/clusters/dev/')) {
        return [
          401,
          { status: 401, reason: 'Unauthorized', message: 'not signed in to cluster dev' },
        ];
      }
      return undefined;
    });
    window.history.pushState(null, '', '/c/dev/r/core/v1/configmaps?ns=demo');
    showApp();
    await waitFor(() => {
      expect(window.location.pathname).toBe('/c/dev/sign-in');
    });
    expect(window.location.search).toBe(
      '?return=%2Fc%2Fdev%2Fr%2Fcore%2Fv1%2Fconfigmaps%3Fns%3Ddemo',
    );
    fireEvent.change(await screen.findByLabelText('ServiceAccount token'), {
      target: { value: 'tok' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with token' }));
    await waitFor(() => {
      expect(`${window.location.pathname}${window.location.search}`).toBe(
        '/c/dev/r/core/v1/configmaps?ns=demo',
      );
    });
    expect(seen.some((r) => r.path === '/clusters/dev/set-token')).toBe(true);
  });

  it('refuse a return path to another site, and land on the overview instead', async () => {
    const seen = cluster(({ path }) =>
      path === '/clusters/dev/set-token'
        ? [200, { cluster: 'dev', username: 'admin', groups: [] }]
        : undefined,
    );
    window.history.pushState(null, '', '/c/dev/sign-in?return=//evil.example/');
    showApp();
    fireEvent.change(await screen.findByLabelText('ServiceAccount token'), {
      target: { value: 'tok' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with token' }));
    await waitFor(() => {
      expect(seen.filter((r) => r.path === '/config')).toHaveLength(2);
    });
    expect(window.location.pathname).toBe('/c/dev');
  });
});

describe('a cluster the caller has no credential for', () => {
  it('sends its pages to sign-in without asking the cluster', async () => {
    const signedOut: ServerConfig = {
      ...config,
      clusters: config.clusters.map((c) => ({ ...c, signedInAs: null, credential: 'none' })),
    };
    const seen = cluster(({ path }) => (path === '/config' ? [200, signedOut] : undefined));
    window.history.pushState(null, '', '/c/dev/r/core/v1/configmaps?ns=demo');
    showApp();
    expect(await screen.findByLabelText('ServiceAccount token')).toBeTruthy();
    expect(window.location.pathname).toBe('/c/dev/sign-in');
    expect(new URLSearchParams(window.location.search).get('return')).toBe(
      '/c/dev/r/core/v1/configmaps?ns=demo',
    );
    // Nothing but the configuration was asked: no 401 or 403 in the browser's console.
    expect(
      seen
        .filter((r) => r.path.startsWith('/clusters/'))
        .map((r) => r.path)
        .join(' '),
    ).toBe('');
  });
});

describe('keyboard shortcuts', () => {
  it('"/" focuses the search and "?" opens the help', async () => {
    cluster();
    window.history.pushState(null, '', '/c/dev');
    showApp();
    const search = await screen.findByRole('searchbox', { name: 'Search by name' });
    fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(search);
    // Typing "?" in the search box is just typing.
    fireEvent.keyDown(search, { key: '?' });
    expect(screen.queryByRole('dialog')).toBeNull();
    act(() => {
      search.blur();
    });
    fireEvent.keyDown(document.body, { key: '?' });
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(dialog.textContent).toContain('Search by name');
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('the search finds objects by name and links to them', async () => {
    cluster(({ path }) =>
      path.startsWith('/clusters/dev/api/v1/configmaps?limit=500')
        ? [200, { items: [{ metadata: { name: 'settings', namespace: 'demo' } }] }]
        : undefined,
    );
    window.history.pushState(null, '', '/c/dev');
    showApp();
    const search = await screen.findByRole('searchbox', { name: 'Search by name' });
    // Wait for the kinds the user may list.
    await within(screen.getByRole('navigation', { name: 'Resources' })).findByRole('link', {
      name: 'ConfigMaps',
    });
    fireEvent.change(search, { target: { value: 'sett' } });
    const results = await screen.findByRole('region', { name: 'Search results' });
    const hit = await within(results).findByRole('link', { name: 'settings' }, { timeout: 2000 });
    expect(hit.getAttribute('href')).toBe('/c/dev/r/core/v1/configmaps/demo/settings');
  });
});
