import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DefaultNamespaces } from '@/settings/DefaultNamespaces';
import { fakeCluster, forgetEverything, review } from '@/testing/fakeCluster';
import { getSettings, resetSettings } from '@/ui/settingsStore';

const cluster = (name: string, credential: string) => ({
  name,
  server: 'https://127.0.0.1:6443',
  source: 'kubeconfig',
  signInMethods: ['token'],
  signedInAs: null,
  credential,
  status: { state: 'ok' },
});

beforeEach(() => {
  forgetEverything();
  fakeCluster((request) => {
    if (request.path === '/config') {
      return [200, { clusters: [cluster('dev', 'session'), cluster('prod', 'none')] }];
    }
    if (request.path.endsWith('/selfsubjectaccessreviews')) return review(true);
    if (request.path === '/clusters/dev/me') return [200, { username: 'admin' }];
    if (request.path === '/clusters/dev/api/v1/namespaces') {
      return [200, { items: [{ metadata: { name: 'shop' } }, { metadata: { name: 'demo' } }] }];
    }
    return undefined;
  });
});

afterEach(() => {
  cleanup();
  resetSettings();
  vi.unstubAllGlobals();
});

describe('default namespaces in settings', () => {
  it("offers each cluster's namespaces and stores the ones checked", async () => {
    render(<DefaultNamespaces />);
    const demo = await screen.findByRole('checkbox', { name: 'demo' });
    expect(screen.getAllByRole('checkbox')).toHaveLength(2);
    expect(screen.getByRole('checkbox', { name: 'shop' })).toBeTruthy();
    fireEvent.click(demo);
    expect(getSettings().defaultNamespaces).toEqual({ dev: ['demo'] });
    expect(screen.getByText('Starts with demo.')).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: 'shop' }));
    expect(getSettings().defaultNamespaces).toEqual({ dev: ['demo', 'shop'] });
    fireEvent.click(screen.getByRole('checkbox', { name: 'demo' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'shop' }));
    expect(getSettings().defaultNamespaces).toEqual({});
    // A cluster the browser is not signed in to asks for a sign-in first.
    expect(screen.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe(
      '/c/prod/sign-in?return=%2Fsettings',
    );
  });
});
