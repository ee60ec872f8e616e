import { withBase } from '@/api/base';
import { request } from '@/api/http';
import { configKey, forgetAnswers, queryClient, userChanged } from '@/api/query';

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
 * `POST /sign-out`: forgets the session's answers (`userChanged`) and ends the session;
 * returns where the provider wants the browser, if anywhere.
 */
export async function signOut(): Promise<string | null> {
  // First, before the server ends the session: no page goes on asking with it (what is in
  // flight is cancelled), and the app knows no cluster has this session's sign-in.
  const before = queryClient.getQueryData<ServerConfig>(configKey);
  if (before !== undefined) queryClient.setQueryData(configKey, withoutSessions(before));
  // The query cache tells the app on the next task; once drawn without the session, the
  // cluster's pages are gone, and nothing that would ask again is left to forget.
  await new Promise((resolve) => setTimeout(resolve, 0));
  forgetAnswers();
  try {
    const answer = await request<{ endSessionUrl: string | null } | undefined>('/sign-out', {
      method: 'POST',
    });
    return answer?.endSessionUrl ?? null;
  } finally {
    // Signed out or not (the server could not be reached), /config read again says which.
    void userChanged();
  }
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
