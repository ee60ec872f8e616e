import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KubeObject, ResourceKind } from '@/api/kube';
import { DetailsPage } from '@/details/DetailsPage';
import { accessAsked, json, stubServer } from '@/testing/testServer';
import type { SeenRequest } from '@/testing/testServer';

const deployments: ResourceKind = {
  group: 'apps',
  version: 'v1',
  resource: 'deployments',
  kind: 'Deployment',
  namespaced: true,
  verbs: ['get', 'list', 'update', 'patch', 'delete'],
  shortNames: ['deploy'],
};

const secrets: ResourceKind = {
  group: '',
  version: 'v1',
  resource: 'secrets',
  kind: 'Secret',
  namespaced: true,
  verbs: [],
  shortNames: [],
};

const web: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    namespace: 'demo',
    uid: 'dep-1',
    resourceVersion: '615',
    creationTimestamp: '2026-01-01T00:00:00Z',
    labels: { 'app.kubernetes.io/name': 'web' },
    annotations: { 'deployment.kubernetes.io/revision': '1' },
  },
  spec: { replicas: 3, selector: { matchLabels: { 'app.kubernetes.io/name': 'web' } } },
  status: {
    replicas: 3,
    readyReplicas: 3,
    conditions: [
      {
        type: 'Available',
        status: 'True',
        reason: 'MinimumReplicasAvailable',
        message: 'Deployment has minimum availability.',
        lastTransitionTime: '2026-01-01T00:00:05Z',
      },
    ],
  },
};

const replicaSet = {
  metadata: {
    name: 'web-79c5',
    namespace: 'demo',
    uid: 'rs-1',
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'dep-1' }],
  },
  spec: { replicas: 3 },
  status: { readyReplicas: 3 },
};

const pod = (name: string, owner: string) => ({
  metadata: {
    name,
    namespace: 'demo',
    uid: `pod-${name}`,
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'x', uid: owner }],
  },
  spec: { nodeName: 'kwok-node-1', containers: [{}] },
  status: { phase: 'Running', containerStatuses: [{ ready: true, restartCount: 2 }] },
});

const events = {
  items: [
    {
      type: 'Normal',
      reason: 'ScalingReplicaSet',
      message: 'Scaled up replica set web-79c5 to 3',
      lastTimestamp: '2026-01-01T00:00:01Z',
      source: { component: 'deployment-controller' },
      metadata: { name: 'e1', uid: 'e1' },
    },
    {
      type: 'Warning',
      reason: 'Newest',
      message: 'the newest one',
      lastTimestamp: '2026-01-02T00:00:00Z',
      metadata: { name: 'e2', uid: 'e2' },
    },
  ],
};

/** A cluster holding the web Deployment, letting through the verbs in `allowed`. */
function cluster(
  allowed: Set<string>,
  extra: (request: SeenRequest) => Response | null = () => null,
) {
  return stubServer((request) => {
    const special = extra(request);
    if (special !== null) {
      return special;
    }
    const asked = accessAsked(request);
    if (asked !== null) {
      const verb =
        asked['subresource'] === undefined
          ? asked['verb']
          : `${asked['verb']}/${asked['subresource']}`;
      return json(201, { status: { allowed: allowed.has(verb ?? '') } });
    }
    const path = request.url.replace('/clusters/dev', '');
    if (path === '/apis/apps/v1/namespaces/demo/deployments/web') {
      return json(200, web);
    }
    if (path.startsWith('/apis/apps/v1/namespaces/demo/replicasets?labelSelector=')) {
      return json(200, { items: [replicaSet] });
    }
    if (path.startsWith('/api/v1/namespaces/demo/pods?labelSelector=')) {
      return json(200, {
        items: [pod('web-b', 'rs-1'), pod('web-a', 'rs-1'), pod('other', 'rs-9')],
      });
    }
    if (path === '/api/v1/namespaces/demo/events?fieldSelector=involvedObject.uid%3Ddep-1') {
      return json(200, events);
    }
    return json(404, { kind: 'Status', reason: 'NotFound', message: `${path} not found` });
  });
}

function showWeb(navigate = vi.fn()) {
  render(
    <DetailsPage
      cluster="dev"
      kind={deployments}
      namespace="demo"
      name="web"
      navigate={navigate}
    />,
  );
  return navigate;
}

/** Waits until every access review asked so far has been answered and rendered. */
async function settled(seen: SeenRequest[]) {
  await waitFor(() => {
    // edit, scale, restart, delete; and for a Deployment also logs and rollback (patch).
    expect(seen.filter((r) => accessAsked(r) !== null)).toHaveLength(6);
  });
  fireEvent.click(screen.getByRole('tab', { name: 'Events' }));
  await screen.findByRole('table', { name: 'Events' });
  await new Promise((resolve) => setTimeout(resolve, 0));
}

beforeEach(() => {
  window.history.pushState(null, '', '/c/dev/r/apps/v1/deployments/demo/web');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('DetailsPage', () => {
  it('shows metadata, labels, conditions, pods and events newest first', async () => {
    const seen = cluster(new Set());
    showWeb();
    expect(await screen.findByRole('heading', { name: 'Deployment web' })).toBeTruthy();
    expect(screen.getByText('615')).toBeTruthy();
    expect(screen.getByText('dep-1')).toBeTruthy();
    expect(screen.getByText('app.kubernetes.io/name=web')).toBeTruthy();
    const conditions = screen.getByRole('table', { name: 'Conditions' });
    expect(within(conditions).getByText('MinimumReplicasAvailable')).toBeTruthy();

    fireEvent.click(screen.getByRole('tab', { name: 'Related' }));
    const pods = await screen.findByRole('table', { name: 'Pods' });
    const podLinks = within(pods)
      .getAllByRole('link')
      .filter((a) => a.textContent?.startsWith('web-'));
    expect(podLinks.map((a) => a.getAttribute('href'))).toEqual([
      '/c/dev/r/core/v1/pods/demo/web-a',
      '/c/dev/r/core/v1/pods/demo/web-b',
    ]);
    expect(within(pods).queryByText('other')).toBeNull();
    const sets = screen.getByRole('table', { name: 'ReplicaSets' });
    expect(within(sets).getByRole('link', { name: 'web-79c5' }).getAttribute('href')).toBe(
      '/c/dev/r/apps/v1/replicasets/demo/web-79c5',
    );

    await settled(seen);
    const rows = within(screen.getByRole('table', { name: 'Events' })).getAllByRole('row');
    expect(rows.map((row) => (row as HTMLTableRowElement).cells[1]?.textContent)).toEqual([
      'Reason',
      'Newest',
      'ScalingReplicaSet',
    ]);
    const selector = seen.find((r) => r.url.includes('/pods?'))?.url;
    expect(selector).toBe(
      '/clusters/dev/api/v1/namespaces/demo/pods?labelSelector=app.kubernetes.io%2Fname%3Dweb',
    );
  });

  it('offers no action the cluster says no to', async () => {
    const seen = cluster(new Set());
    showWeb();
    await settled(seen);
    for (const name of ['Edit YAML', 'Delete', 'Scale', 'Restart']) {
      expect(screen.queryByRole('button', { name })).toBeNull();
    }
    const asked = seen.map(accessAsked).filter((a) => a !== null);
    expect(asked).toContainEqual({
      verb: 'patch',
      group: 'apps',
      resource: 'deployments',
      namespace: 'demo',
      name: 'web',
      subresource: 'scale',
    });
    expect(asked.map((a) => a['verb']).sort()).toEqual(
      ['update', 'patch', 'patch', 'delete', 'get', 'patch'].sort(),
    );
    expect(asked).toContainEqual({
      verb: 'get',
      group: '',
      resource: 'pods',
      namespace: 'demo',
      subresource: 'log',
    });
  });

  it('offers the actions the cluster allows', async () => {
    const seen = cluster(new Set(['update', 'delete', 'patch/scale']));
    showWeb();
    await settled(seen);
    expect(screen.getByRole('button', { name: 'Edit YAML' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Delete' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Scale' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Restart' })).toBeNull();
  });

  it('deletes with the chosen propagation policy, then goes to the list', async () => {
    const seen = cluster(new Set(['delete']), (request) =>
      request.method === 'DELETE' ? json(200, { kind: 'Status', status: 'Success' }) : null,
    );
    const navigate = showWeb();
    fireEvent.click(await screen.findByRole('button', { name: 'Delete' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete Deployment web?' });
    expect(screen.queryByRole('button', { name: 'Delete' })).toBe(
      within(dialog).getByRole('button', { name: 'Delete' }),
    );
    fireEvent.click(within(dialog).getByLabelText('Foreground'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => {
      expect(navigate).toHaveBeenCalledWith('/c/dev/r/apps/v1/deployments?ns=demo');
    });
    const deletion = seen.find((r) => r.method === 'DELETE');
    expect(deletion?.url).toBe('/clusters/dev/apis/apps/v1/namespaces/demo/deployments/web');
    expect(deletion?.body).toEqual({
      apiVersion: 'v1',
      kind: 'DeleteOptions',
      propagationPolicy: 'Foreground',
    });
  });

  it("shows the cluster's refusal of a delete in the dialog", async () => {
    cluster(new Set(['delete']), (request) =>
      request.method === 'DELETE'
        ? json(403, {
            kind: 'Status',
            reason: 'Forbidden',
            message: 'deployments "web" is forbidden',
          })
        : null,
    );
    const navigate = showWeb();
    fireEvent.click(await screen.findByRole('button', { name: 'Delete' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete' }));
    const alert = await within(screen.getByRole('dialog')).findByRole('alert');
    expect(alert.textContent).toBe(
      'You may not delete Deployment web: deployments "web" is forbidden',
    );
    expect(navigate).not.toHaveBeenCalled();
  });

  it('scales through the scale subresource with a merge patch', async () => {
    const seen = cluster(new Set(['patch/scale']), (request) =>
      request.method === 'PATCH' ? json(200, { kind: 'Scale' }) : null,
    );
    showWeb();
    fireEvent.click(await screen.findByRole('button', { name: 'Scale' }));
    const dialog = screen.getByRole('dialog', { name: 'Scale Deployment web' });
    const replicas = within(dialog).getByLabelText('Replicas');
    expect((replicas as HTMLInputElement).value).toBe('3');
    fireEvent.change(replicas, { target: { value: '5' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Scale' }));
    expect((await screen.findByRole('status')).textContent).toBe(
      'Scaled Deployment web to 5 replicas.',
    );
    const patch = seen.find((r) => r.method === 'PATCH');
    expect(patch?.url).toBe('/clusters/dev/apis/apps/v1/namespaces/demo/deployments/web/scale');
    expect(patch?.contentType).toBe('application/merge-patch+json');
    expect(patch?.body).toEqual({ spec: { replicas: 5 } });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('restarts by patching the pod template, and says so when refused', async () => {
    const seen = cluster(new Set(['patch']), (request) =>
      request.method === 'PATCH'
        ? json(403, { kind: 'Status', reason: 'Forbidden', message: 'nope' })
        : null,
    );
    showWeb();
    fireEvent.click(await screen.findByRole('button', { name: 'Restart' }));
    // It asks first, naming the object; nothing is sent until confirmed.
    const confirm = await screen.findByRole('dialog', { name: 'Restart Deployment web in demo?' });
    expect(seen.some((r) => r.method === 'PATCH')).toBe(false);
    fireEvent.click(within(confirm).getByRole('button', { name: 'Restart' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'You may not restart Deployment web: nope',
    );
    const patch = seen.find((r) => r.method === 'PATCH');
    expect(patch?.contentType).toBe('application/strategic-merge-patch+json');
    expect(patch?.body).toEqual({
      spec: {
        template: {
          metadata: {
            annotations: {
              'kubectl.kubernetes.io/restartedAt': expect.stringMatching(
                /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
              ) as unknown,
            },
          },
        },
      },
    });
  });

  it('says when the object does not exist, with a way back', async () => {
    stubServer((request) =>
      accessAsked(request) !== null
        ? json(201, { status: { allowed: false } })
        : json(404, { kind: 'Status', reason: 'NotFound', message: 'not found' }),
    );
    const navigate = vi.fn();
    render(
      <DetailsPage
        cluster="dev"
        kind={deployments}
        namespace="demo"
        name="gone"
        navigate={navigate}
      />,
    );
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Deployment gone was not found in demo',
    );
    fireEvent.click(screen.getByRole('link', { name: 'Back to Deployment list' }));
    expect(navigate).toHaveBeenCalledWith('/c/dev/r/apps/v1/deployments?ns=demo');
  });

  it('says when the user may not read it, and sends an expired session to sign in', async () => {
    stubServer(() => json(403, { kind: 'Status', reason: 'Forbidden', message: 'forbidden' }));
    render(
      <DetailsPage
        cluster="dev"
        kind={deployments}
        namespace="demo"
        name="web"
        navigate={vi.fn()}
      />,
    );
    expect((await screen.findByRole('alert')).textContent).toBe('You may not read Deployment web');
    cleanup();

    stubServer(() => json(401, { kind: 'Status', reason: 'Unauthorized', message: 'expired' }));
    const navigate = vi.fn();
    render(
      <DetailsPage
        cluster="dev"
        kind={deployments}
        namespace="demo"
        name="web"
        navigate={navigate}
      />,
    );
    await waitFor(() => {
      expect(navigate).toHaveBeenCalledWith(
        '/c/dev/sign-in?return=%2Fc%2Fdev%2Fr%2Fapps%2Fv1%2Fdeployments%2Fdemo%2Fweb',
      );
    });
  });

  it("hides a Secret's values until revealed, then shows them decoded", async () => {
    stubServer((request) => {
      if (accessAsked(request) !== null) {
        return json(201, { status: { allowed: false } });
      }
      if (request.url === '/clusters/dev/api/v1/namespaces/demo/secrets/db') {
        return json(200, {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: 'db', namespace: 'demo', uid: 's-1' },
          data: { password: btoa('hunter2') },
        });
      }
      return json(200, { items: [] });
    });
    render(
      <DetailsPage cluster="dev" kind={secrets} namespace="demo" name="db" navigate={vi.fn()} />,
    );
    fireEvent.click(await screen.findByRole('tab', { name: 'YAML' }));
    const reveal = await screen.findByRole('button', { name: 'Reveal' });
    const yaml = () => document.querySelector('pre.yaml-view')?.textContent ?? '';
    expect(yaml()).toContain('password: (hidden, 7 bytes)');
    expect(yaml()).not.toContain(btoa('hunter2'));
    fireEvent.click(reveal);
    expect(yaml()).toContain('password: hunter2');
    fireEvent.click(screen.getByRole('button', { name: 'Hide' }));
    expect(yaml()).not.toContain('hunter2');
  });
});
