import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '@/shell/App';
import { parseRoute } from '@/routes';
import type { ServerConfig } from '@/api/clusters';

const config = (signedIn: boolean): ServerConfig => ({
  baseUrl: '',
  clusterErrors: ['context "broken" in /k: no cluster named "missing"'],
  clusters: [
    {
      name: 'dev',
      server: 'https://127.0.0.1:16443/',
      source: 'kubeconfig',
      signInMethods: ['token', 'oidc'],
      signedInAs: signedIn
        ? { username: 'system:serviceaccount:demo:viewer', groups: ['viewers'], method: 'token' }
        : null,
      credential: signedIn ? 'session' : 'none',
      status: { reachable: true, version: 'v1.37.2' },
    },
    {
      name: 'down',
      server: 'https://127.0.0.1:1/',
      source: 'kubeconfig',
      signInMethods: ['token'],
      signedInAs: null,
      credential: 'none',
      status: { reachable: false, error: 'connection refused' },
    },
  ],
});

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A stand-in for Lanthorn's server at the fetch boundary, recording every call. */
function fakeServer(answers: (url: string, init?: RequestInit) => Response) {
  const calls: { url: string; init?: RequestInit }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string, init?: RequestInit) => {
      calls.push({ url, ...(init === undefined ? {} : { init }) });
      return Promise.resolve(answers(url, init));
    }),
  );
  return calls;
}

beforeEach(() => {
  window.history.pushState(null, '', '/');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('parseRoute (the pages the app shows)', () => {
  it('maps paths to pages', () => {
    expect(parseRoute('/', '')).toEqual({ page: 'home' });
    expect(parseRoute('/c/dev/sign-in', '')).toEqual({ page: 'sign-in', cluster: 'dev' });
    expect(parseRoute('/c/a%40b/sign-in/', '')).toEqual({ page: 'sign-in', cluster: 'a@b' });
    expect(parseRoute('/c/dev/pods', '')).toEqual({ page: 'not-found' });
  });
});

describe('App', () => {
  it('lists clusters with their version, reachability and load errors', async () => {
    fakeServer(() => json(200, config(false)));
    render(<App />);
    expect(await screen.findByText('v1.37.2')).toBeTruthy();
    expect(screen.getByText('unreachable: connection refused')).toBeTruthy();
    expect(screen.getAllByText('not signed in')).toHaveLength(2);
    expect(screen.getByRole('alert').textContent).toContain('no cluster named "missing"');
    expect(screen.getByText('Lanthorn').closest('header')).not.toBeNull();
  });

  it('signs in with a token and shows who the cluster says you are', async () => {
    let signedIn = false;
    const calls = fakeServer((url) => {
      if (url === '/clusters/dev/set-token') {
        signedIn = true;
        return json(200, {
          cluster: 'dev',
          username: 'system:serviceaccount:demo:viewer',
          groups: [],
        });
      }
      // The overview's own reads are not this test's business.
      return url === '/config'
        ? json(200, config(signedIn))
        : json(404, { status: 404, reason: 'NotFound', message: 'not in this test' });
    });
    render(<App />);
    const buttons = await screen.findAllByRole('button', { name: 'Sign in' });
    fireEvent.click(buttons[0] as HTMLElement);
    expect(window.location.pathname).toBe('/c/dev/sign-in');
    const oidc = screen.getByRole('link', { name: 'Sign in with your identity provider' });
    // Both ways of signing in end on the overview, not on this form again.
    expect(oidc.getAttribute('href')).toBe('/oidc?cluster=dev&returnTo=%2Fc%2Fdev');
    fireEvent.change(screen.getByLabelText('ServiceAccount token'), {
      target: { value: '  tok-123 \n' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with token' }));
    await waitFor(() => {
      expect(window.location.pathname).toBe('/c/dev');
    });
    expect(
      await screen.findByRole('button', { name: 'Account: system:serviceaccount:demo:viewer' }),
    ).toBeTruthy();
    expect(screen.queryByLabelText('ServiceAccount token')).toBeNull();
    const post = calls.find((c) => c.url === '/clusters/dev/set-token');
    expect(post?.init?.method).toBe('POST');
    expect(post?.init?.body).toBe(JSON.stringify({ token: 'tok-123' }));
  });

  it("shows the server's reason when a token is refused", async () => {
    fakeServer((url) =>
      url === '/clusters/dev/set-token'
        ? json(401, {
            status: 401,
            reason: 'Unauthorized',
            message: 'cluster dev did not accept the token: it is invalid, expired or revoked',
          })
        : json(200, config(false)),
    );
    window.history.pushState(null, '', '/c/dev/sign-in');
    render(<App />);
    fireEvent.change(await screen.findByLabelText('ServiceAccount token'), {
      target: { value: 'bad' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with token' }));
    expect((await screen.findByRole('alert')).textContent).toContain('did not accept the token');
  });

  it("signing out follows the provider's end-session URL", async () => {
    const assign = vi.fn();
    vi.stubGlobal('location', { ...window.location, pathname: '/c/dev/sign-in', assign });
    fakeServer((url) =>
      url === '/sign-out'
        ? json(200, { endSessionUrl: 'https://idp.example/logout?id_token_hint=x' })
        : json(200, config(true)),
    );
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));
    await waitFor(() => {
      expect(assign).toHaveBeenCalledWith('https://idp.example/logout?id_token_hint=x');
    });
  });
});
