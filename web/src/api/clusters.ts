import { withBase } from '@/api/base';
import { request } from '@/api/http';
import { configKey, queryClient, userChanged } from '@/api/query';

// The shapes of `/config` and `/me`, generated from the server's Rust types.
export type { Cluster } from '@/api/generated/Cluster';
export type { ClusterStatus } from '@/api/generated/ClusterStatus';
export type { Me } from '@/api/generated/Me';
export type { ServerConfig } from '@/api/generated/ServerConfig';
export type { SignedInAs } from '@/api/generated/SignedInAs';
export type { SignInMethod } from '@/api/generated/SignInMethod';
import type { Me } from '@/api/generated/Me';
import type { ServerConfig } from '@/api/generated/ServerConfig';

/** `GET /config`: the clusters and how to sign in to each, as a query. */
export const configQuery = {
  queryKey: configKey,
  queryFn: fetchConfig,
};

/** `GET /config`: the clusters and how to sign in to each. */
export async function fetchConfig(): Promise<ServerConfig> {
  const config = await request<ServerConfig | undefined>('/config');
  if (config === undefined) {
    throw new Error('the server sent no configuration');
  }
  return config;
}

/** `POST /clusters/{cluster}/set-token`: signs in with a ServiceAccount token. */
export async function signInWithToken(cluster: string, token: string): Promise<Me> {
  const me = await request<Me | undefined>(`/clusters/${encodeURIComponent(cluster)}/set-token`, {
    method: 'POST',
    body: { token },
  });
  if (me === undefined) {
    throw new Error('the server did not say who you are');
  }
  return me;
}

/** The URL that starts OIDC sign-in for `cluster` and comes back to `returnTo`. */
export function oidcSignInUrl(cluster: string, returnTo: string): string {
  const query = new URLSearchParams({ cluster, returnTo });
  return withBase(`/oidc?${query.toString()}`);
}

/**
 * `POST /sign-out`: ends the session and forgets its answers (`userChanged`); returns where
 * the provider wants the browser, if anywhere.
 */
export async function signOut(): Promise<string | null> {
  const answer = await request<{ endSessionUrl: string | null } | undefined>('/sign-out', {
    method: 'POST',
  });
  // At once, before /config is read again: no cluster has this session's sign-in any more.
  queryClient.setQueryData<ServerConfig>(configKey, (config) =>
    config === undefined ? undefined : withoutSessions(config),
  );
  void userChanged();
  return answer?.endSessionUrl ?? null;
}

/** `config` after a sign-out: no sign-ins, and no session credential (it is gone). */
export function withoutSessions(config: ServerConfig): ServerConfig {
  return {
    ...config,
    clusters: config.clusters.map((cluster) => ({
      ...cluster,
      signedInAs: null,
      credential: cluster.credential === 'session' ? 'none' : cluster.credential,
    })),
  };
}
