import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ResourceKind } from '@/api/kube';
import { listTestbed } from '@/list/listTestbed';
import { accessQuestion, fakeCluster, forgetEverything, review } from '@/testing/fakeCluster';
import type { SeenRequest } from '@/testing/fakeCluster';

const deployments: ResourceKind = {
  group: 'apps',
  version: 'v1',
  resource: 'deployments',
  kind: 'Deployment',
  namespaced: true,
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  shortNames: ['deploy'],
};

const row = (name: string) => ({
  cells: [name, '1/1', 1, 1, '5m'],
  object: {
    kind: 'PartialObjectMetadata',
    metadata: { name, namespace: 'demo', uid: `uid-${name}`, resourceVersion: '5' },
  },
});

const table = {
  kind: 'Table',
  metadata: { resourceVersion: '100' },
  columnDefinitions: [
    { name: 'Name', type: 'string', format: 'name', priority: 0 },
    { name: 'Ready', type: 'string', priority: 0 },
    { name: 'Up-to-date', type: 'integer', priority: 0 },
    { name: 'Available', type: 'integer', priority: 0 },
    { name: 'Age', type: 'string', priority: 0 },
  ],
  rows: [row('web'), row('api')],
};

/** `verb` or `verb/subresource` the signed-in user may do to a named object. */
function cluster(allowed: string[], extra: (request: SeenRequest) => [number, unknown] | null) {
  return fakeCluster((request) => {
    const special = extra(request);
    if (special !== null) return special;
    if (request.path.includes('/namespaces/demo/deployments?')) return [200, table];
    if (request.path.endsWith('/selfsubjectaccessreviews')) {
      const asked = accessQuestion(request);
      const what =
        asked['subresource'] === undefined
          ? (asked['verb'] ?? '')
          : `${asked['verb'] ?? ''}/${asked['subresource']}`;
      return review(allowed.includes(what));
    }
    return undefined;
  });
}

/** The access reviews about one object (not the list's own questions). */
const askedAbout = (seen: SeenRequest[], name: string) =>
  seen.filter(
    (r) => r.path.endsWith('/selfsubjectaccessreviews') && accessQuestion(r)['name'] === name,
  );

const testbed = listTestbed();
const show = () => testbed.show(deployments, { ns: ['demo'] });

async function openMenu(name: string) {
  fireEvent.click(await screen.findByRole('button', { name: `Actions for ${name}` }));
  const menu = screen.getByRole('menu', { name: `Actions for ${name}` });
  await waitFor(() => {
    expect(menu.getAttribute('aria-busy')).toBe('false');
  });
  return menu;
}

const items = (menu: HTMLElement) =>
  within(menu)
    .getAllByRole('menuitem')
    .map((item) => item.textContent);

describe('the row menu', () => {
  it('asks the cluster only when opened, and offers only what it allows', async () => {
    const seen = cluster(['get/log', 'update', 'patch/scale', 'delete'], () => null);
    show();
    await screen.findByRole('link', { name: 'web' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(askedAbout(seen, 'web')).toEqual([]);

    const menu = await openMenu('web');
    expect(items(menu)).toEqual(['Logs', 'Edit YAML', 'Scale', 'Delete']);
    expect(askedAbout(seen, 'web').map((r) => accessQuestion(r)['verb'])).toEqual([
      'update',
      'patch',
      'patch',
      'delete',
    ]);
    // Nothing asked about the other rows.
    expect(askedAbout(seen, 'api')).toEqual([]);
    expect(within(menu).getByRole('menuitem', { name: 'Edit YAML' }).getAttribute('href')).toBe(
      '/c/dev/r/apps/v1/deployments/demo/web?edit=1',
    );
  });

  it('moves with the arrow keys and closes with Escape, focus back on its button', async () => {
    cluster(['get/log', 'update', 'patch/scale', 'patch', 'delete'], () => null);
    show();
    const button = await screen.findByRole('button', { name: 'Actions for web' });
    button.focus();
    fireEvent.keyDown(button, { key: 'ArrowDown' });
    const menu = screen.getByRole('menu', { name: 'Actions for web' });
    expect(button.getAttribute('aria-expanded')).toBe('true');
    await waitFor(() => {
      expect(document.activeElement?.textContent).toBe('Logs');
    });
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toBe('Edit YAML');
    fireEvent.keyDown(document.activeElement as Element, { key: 'End' });
    expect(document.activeElement?.textContent).toBe('Delete');
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toBe('Logs');
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowUp' });
    expect(document.activeElement?.textContent).toBe('Delete');
    fireEvent.keyDown(menu, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);
    expect(button.getAttribute('aria-expanded')).toBe('false');
  });

  it('deletes after the same confirmation as the object page, and says so', async () => {
    const seen = cluster(['delete'], (request) =>
      request.method === 'DELETE' ? [200, { kind: 'Status', status: 'Success' }] : null,
    );
    show();
    const menu = await openMenu('web');
    fireEvent.click(within(menu).getByRole('menuitem', { name: 'Delete' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete Deployment web?' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(within(dialog).getByLabelText('Background')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect((await screen.findByText('Deleted Deployment web.')).getAttribute('role')).toBe(
      'status',
    );
    const sent = seen.find((r) => r.method === 'DELETE');
    expect(sent?.path).toBe('/clusters/dev/apis/apps/v1/namespaces/demo/deployments/web');
    expect(sent?.body).toMatchObject({ propagationPolicy: 'Background' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('scales from the replicas the cluster has now, and keeps a refusal in the dialog', async () => {
    let refuse = true;
    const seen = cluster(['patch/scale'], ({ method, path }) => {
      if (!path.endsWith('/deployments/web/scale')) return null;
      if (method === 'GET') return [200, { spec: { replicas: 2 } }];
      return refuse
        ? [403, { kind: 'Status', code: 403, reason: 'Forbidden', message: 'quota says no' }]
        : [200, { spec: { replicas: 3 } }];
    });
    show();
    fireEvent.click(within(await openMenu('web')).getByRole('menuitem', { name: 'Scale' }));
    const dialog = await screen.findByRole('dialog', { name: 'Scale Deployment web' });
    const replicas = within(dialog).getByLabelText('Replicas');
    expect((replicas as HTMLInputElement).value).toBe('2');
    fireEvent.change(replicas, { target: { value: '3' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Scale' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('quota says no');
    refuse = false;
    fireEvent.click(within(dialog).getByRole('button', { name: 'Scale' }));
    expect(await screen.findByText('Scaled Deployment web to 3 replicas.')).toBeTruthy();
    expect(seen.filter((r) => r.method === 'PATCH').map((r) => r.body)).toEqual([
      { spec: { replicas: 3 } },
      { spec: { replicas: 3 } },
    ]);
  });

  it('shows a viewer only the logs, and says so when nothing is allowed', async () => {
    cluster(['get/log'], () => null);
    show();
    expect(items(await openMenu('web'))).toEqual(['Logs']);
    fireEvent.keyDown(screen.getByRole('menu'), { key: 'Escape' });
    cleanup();
    forgetEverything();
    cluster([], () => null);
    show();
    const menu = await openMenu('api');
    expect(items(menu)).toEqual(['Nothing you may do to api']);
    expect(within(menu).getByRole('menuitem').getAttribute('aria-disabled')).toBe('true');
  });
});
