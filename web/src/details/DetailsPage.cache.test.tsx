import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ResourceKind } from '@/api/kube';
import { DetailsPage } from '@/details/DetailsPage';
import { json, stubServer } from '@/testing/testServer';

const configmaps: ResourceKind = {
  group: '',
  version: 'v1',
  resource: 'configmaps',
  kind: 'ConfigMap',
  namespaced: true,
  verbs: ['get'],
  shortNames: [],
};

const show = () =>
  render(
    <DetailsPage
      cluster="dev"
      kind={configmaps}
      namespace="demo"
      name="settings"
      navigate={vi.fn()}
    />,
  );

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('DetailsPage and the query cache', () => {
  it('says an object deleted since an earlier visit is gone, not what was seen then', async () => {
    let exists = true;
    stubServer((request) =>
      exists && request.url === '/clusters/dev/api/v1/namespaces/demo/configmaps/settings'
        ? json(200, {
            kind: 'ConfigMap',
            metadata: { name: 'settings', namespace: 'demo', uid: 'cm-1', resourceVersion: '7' },
          })
        : json(404, { kind: 'Status', reason: 'NotFound', message: 'not found' }),
    );
    show();
    expect(await screen.findByText('cm-1')).toBeTruthy();
    cleanup();

    exists = false;
    show();
    expect((await screen.findByRole('alert')).textContent).toBe(
      'ConfigMap settings was not found in demo',
    );
    expect(screen.queryByText('cm-1')).toBeNull();
  });
});
