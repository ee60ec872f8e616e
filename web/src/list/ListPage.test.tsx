import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ResourceKind } from '@/api/kube';
import { listTestbed } from '@/list/listTestbed';
import { accessQuestion, fakeCluster, forbidden, review } from '@/testing/fakeCluster';
import type { Answer, SeenRequest } from '@/testing/fakeCluster';
import type { ListQuery } from '@/routes';
import { latestSocket } from '@/watch/fakeSocket';

const configmaps: ResourceKind = {
  group: '',
  version: 'v1',
  resource: 'configmaps',
  kind: 'ConfigMap',
  namespaced: true,
  verbs: ['create', 'list', 'watch'],
  shortNames: ['cm'],
};

const columns = [
  { name: 'Name', type: 'string', format: 'name', priority: 0 },
  { name: 'Data', type: 'string', format: '', priority: 0 },
  { name: 'Age', type: 'string', format: '', priority: 0 },
  { name: 'Hidden', type: 'string', format: '', priority: 1 },
];

const row = (name: string, namespace = 'demo', data = 1) => ({
  cells: [name, data, '1h', 'x'],
  object: {
    kind: 'PartialObjectMetadata',
    metadata: {
      name,
      namespace,
      uid: `uid-${namespace}-${name}`,
      resourceVersion: '5',
      creationTimestamp: new Date(Date.now() - (3 * 60 + 8) * 60_000 - 20_000).toISOString(),
    },
  },
});

const table = (rows: unknown[], rv = '100') => ({
  kind: 'Table',
  apiVersion: 'meta.k8s.io/v1',
  metadata: { resourceVersion: rv },
  columnDefinitions: columns,
  rows,
});

const testbed = listTestbed();
const navigate = testbed.navigate;
const show = (query: ListQuery, kind = configmaps) => testbed.show(kind, query);

/** The dev cluster as a demo viewer sees it, plus what each test adds. */
function viewerCluster(extra: (request: SeenRequest) => Answer = () => undefined) {
  return fakeCluster((request) => {
    const found = extra(request);
    if (found !== undefined) return found;
    const { path } = request;
    if (path === '/clusters/dev/me') {
      return [200, { username: 'system:serviceaccount:demo:demo-viewer', groups: [] }];
    }
    if (
      path.startsWith('/clusters/dev/api/v1/namespaces?') ||
      path === '/clusters/dev/api/v1/namespaces'
    ) {
      return forbidden('namespaces is forbidden');
    }
    if (path.endsWith('/selfsubjectaccessreviews')) {
      const question = accessQuestion(request);
      return review(question['verb'] === 'create' && question['namespace'] === 'demo');
    }
    return undefined;
  });
}

describe('ListPage', () => {
  it('shows the priority-0 columns, links names to details and updates live', async () => {
    const seen = viewerCluster(({ path }) =>
      path.startsWith('/clusters/dev/api/v1/namespaces/demo/configmaps?')
        ? [200, table([row('api-config', 'demo', 3), row('web-config')])]
        : undefined,
    );
    show({ ns: ['demo'] });
    const link = await screen.findByRole('link', { name: 'api-config' });
    expect(link.getAttribute('href')).toBe('/c/dev/r/core/v1/configmaps/demo/api-config');
    const list = seen.find((r) => r.path.includes('/configmaps?'));
    expect(list?.path).toBe(
      '/clusters/dev/api/v1/namespaces/demo/configmaps?includeObject=Metadata&limit=500',
    );
    expect(list?.accept).toBe('application/json;as=Table;v=v1;g=meta.k8s.io,application/json');
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['Name', 'Data', 'Age']);
    const cells = within(screen.getAllByRole('row')[1] as HTMLElement)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells).toEqual(['api-config', '3', '3h8m']);

    // Live once the socket opens; events change the rows in place.
    act(() => {
      latestSocket().serverOpens();
    });
    expect((await screen.findByRole('status')).textContent).toBe('Live');
    const id = latestSocket().subscriptions()[0]?.['id'];
    expect(latestSocket().subscriptions()[0]).toMatchObject({
      path: '/api/v1/namespaces/demo/configmaps',
      resourceVersion: '100',
      table: true,
    });
    act(() => {
      latestSocket().serverSends({
        type: 'event',
        id,
        event: { type: 'ADDED', object: table([row('new-config')], '101') },
      });
      latestSocket().serverSends({
        type: 'event',
        id,
        event: { type: 'DELETED', object: table([row('web-config')], '102') },
      });
    });
    expect(await screen.findByRole('link', { name: 'new-config' })).toBeTruthy();
    await waitFor(() => {
      expect(screen.queryByRole('link', { name: 'web-config' })).toBeNull();
    });
    act(() => {
      latestSocket().serverDrops();
    });
    expect(screen.getByRole('status').textContent).toBe('Reconnecting…');

    // May create in demo, starting from a template of the listed kind.
    expect((await screen.findByRole('link', { name: 'Create' })).getAttribute('href')).toBe(
      '/c/dev/create?ns=demo&template=%2Fv1%2FConfigMap',
    );
  });

  it('filters by name and sorts through the URL', async () => {
    viewerCluster(({ path }) =>
      path.includes('/configmaps?')
        ? [
            200,
            table([row('b-config', 'demo', 1), row('A-config', 'demo', 5), row('c', 'demo', 2)]),
          ]
        : undefined,
    );
    const view = show({ ns: ['demo'], q: 'CONFIG', sort: '-Data' });
    await screen.findByRole('link', { name: 'A-config' });
    expect(
      screen
        .getAllByRole('link')
        .filter((l) => l.textContent?.includes('config'))
        .map((l) => l.textContent),
    ).toEqual(['A-config', 'b-config']);
    expect(screen.getByRole('columnheader', { name: 'Data' }).getAttribute('aria-sort')).toBe(
      'descending',
    );
    expect(screen.getByRole('columnheader', { name: 'Name' }).getAttribute('aria-sort')).toBe(
      'none',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Data' }));
    expect(navigate).toHaveBeenLastCalledWith(
      '/c/dev/r/core/v1/configmaps?ns=demo&q=CONFIG&sort=Data',
      { replace: true },
    );
    fireEvent.change(screen.getByLabelText('Filter by name'), { target: { value: 'b' } });
    expect(navigate).toHaveBeenLastCalledWith(
      '/c/dev/r/core/v1/configmaps?ns=demo&q=b&sort=-Data',
      {
        replace: true,
      },
    );
    fireEvent.change(screen.getByLabelText('Label selector'), { target: { value: ' app=web ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(navigate).toHaveBeenLastCalledWith(
      '/c/dev/r/core/v1/configmaps?ns=demo&q=CONFIG&l=app%3Dweb&sort=-Data',
      { replace: false },
    );
    view.unmount();
  });

  it('sends the label selector to the cluster and shows its complaint', async () => {
    const seen = viewerCluster(({ path }) =>
      path.includes('/configmaps?')
        ? [
            400,
            {
              kind: 'Status',
              code: 400,
              reason: 'BadRequest',
              message: "unable to parse requirement: found '=', expected: identifier",
            },
          ]
        : undefined,
    );
    show({ ns: ['demo'], l: 'a===b' });
    expect((await screen.findByRole('alert')).textContent).toContain('unable to parse requirement');
    expect(seen.find((r) => r.path.includes('/configmaps?'))?.path).toContain(
      'labelSelector=a%3D%3D%3Db',
    );
  });

  it('shows several namespaces with a Namespace column, and refusals per namespace', async () => {
    viewerCluster(({ path }) => {
      if (path.startsWith('/clusters/dev/api/v1/namespaces/demo/configmaps?')) {
        return [200, table([row('in-demo')])];
      }
      if (path.startsWith('/clusters/dev/api/v1/namespaces/kube-system/configmaps?')) {
        return forbidden('configmaps is forbidden');
      }
      return undefined;
    });
    show({ ns: ['demo', 'kube-system'] });
    expect((await screen.findByRole('alert')).textContent).toBe(
      'You may not list configmaps in kube-system.',
    );
    await screen.findByRole('link', { name: 'in-demo' });
    expect(screen.getAllByRole('columnheader')[0]?.textContent).toBe('Namespace');
  });

  it('sends a user refused everywhere to the namespaces it can use, without asking for the list', async () => {
    const seen = viewerCluster(({ path }) =>
      path.startsWith('/clusters/dev/api/v1/configmaps?')
        ? forbidden('configmaps is forbidden: cannot list at the cluster scope')
        : undefined,
    );
    show({ sort: 'Name' });
    await waitFor(() => {
      expect(navigate).toHaveBeenCalledWith('/c/dev/r/core/v1/configmaps?ns=demo&sort=Name', {
        replace: true,
      });
    });
    expect(screen.getByRole('alert').textContent).toBe(
      'You may not list configmaps in all namespaces.',
    );
    // The access review said no first: the refused list was never asked (a quiet console).
    expect(seen.filter((r) => r.path.startsWith('/clusters/dev/api/v1/configmaps?'))).toEqual([]);
  });

  it('renders only the rows in view of a long list', async () => {
    const many = Array.from({ length: 3000 }, (_, i) => row(`cm-${i}`));
    viewerCluster(({ path }) => (path.includes('/configmaps?') ? [200, table(many)] : undefined));
    show({ ns: ['demo'] });
    await screen.findByRole('link', { name: 'cm-0' });
    const table_ = screen.getByRole('table');
    expect(table_.getAttribute('aria-rowcount')).toBe('3001');
    expect(screen.getAllByRole('row').length).toBeLessThan(60);
    expect(screen.getByText('3000 ConfigMaps')).toBeTruthy();
  });
});

describe('ListPage usage columns', () => {
  const pods: ResourceKind = { ...configmaps, resource: 'pods', kind: 'Pod', shortNames: [] };

  it('adds CPU and memory to the Pods list when the metrics API answers', async () => {
    viewerCluster(({ path }) => {
      if (path.startsWith('/clusters/dev/api/v1/namespaces/demo/pods?')) {
        return [200, table([row('web-1'), row('web-2')])];
      }
      if (path === '/clusters/dev/apis/metrics.k8s.io/v1beta1') return [200, {}];
      if (path === '/clusters/dev/apis/metrics.k8s.io/v1beta1/namespaces/demo/pods') {
        return [
          200,
          {
            items: [
              {
                metadata: { name: 'web-1', namespace: 'demo' },
                containers: [{ usage: { cpu: '40m', memory: '64Mi' } }],
              },
            ],
          },
        ];
      }
      return undefined;
    });
    show({ ns: ['demo'] }, pods);
    const grid = await screen.findByRole('table', { name: 'Pods' });
    expect(await within(grid).findByRole('columnheader', { name: 'CPU' })).toBeTruthy();
    const first = await within(grid).findByRole('row', { name: /web-1/ });
    await waitFor(() => {
      expect(first.textContent).toContain('40m');
    });
    expect(first.textContent).toContain('64Mi');
    expect(within(grid).getByRole('row', { name: /web-2/ }).textContent).toContain('—');
  });

  it('adds nothing when the cluster has no metrics API', async () => {
    const seen = viewerCluster(({ path }) =>
      path.startsWith('/clusters/dev/api/v1/namespaces/demo/pods?')
        ? [200, table([row('web-1')])]
        : undefined,
    );
    show({ ns: ['demo'] }, pods);
    const grid = await screen.findByRole('table', { name: 'Pods' });
    await waitFor(() => {
      expect(seen.some((r) => r.path.endsWith('/metrics.k8s.io/v1beta1'))).toBe(true);
    });
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(within(grid).queryByRole('columnheader', { name: 'CPU' })).toBeNull();
  });
});
