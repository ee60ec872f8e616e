import { useEffect, useRef } from 'react';
import { hashKey, QueryClient, useMutation, useQuery } from '@tanstack/react-query';
import type {
  DefaultError,
  QueryFunctionContext,
  QueryKey,
  UseMutationOptions,
  UseQueryOptions,
  UseQueryResult,
} from '@tanstack/react-query';
import { ApiError, request } from '@/api/http';
import { kubeRequest } from '@/api/kube';

/**
 * Server state of the app: one QueryClient whose default query function reads the key as a
 * place to GET. Keys start with where the answer comes from:
 *
 * - `['cluster', CLUSTER, PATH]` (or `[…, PATH, {accept}]`): a GET of a cluster API path
 *   through Lanthorn's proxy, e.g. `['cluster', 'dev', '/api/v1/namespaces']`;
 * - `['cluster', CLUSTER, NAME, …]` with a NAME not starting with `/` (`'discovery'`,
 *   `'access'`…): an answer worked out from several requests, with its own query function;
 * - `['lanthorn', PATH]`: a GET of one of Lanthorn's own routes (`/config`, Helm…).
 *
 * Everything under `['cluster', CLUSTER]` is what that cluster told the signed-in user, so
 * [`userChanged`] is the one place that forgets it when the user changes.
 */

/** The parts of a cluster GET key after the cluster: a path, and an Accept header if any. */
export type ClusterGetKey = readonly ['cluster', string, string, { accept: string }?];

/** Every query of one cluster. */
export const clusterKey = (cluster: string) => ['cluster', cluster] as const;

/** A GET of a cluster API path (`/api/v1/…`, `/apis/GROUP/VERSION/…`). */
export function clusterGetKey(cluster: string, path: string, accept?: string): ClusterGetKey {
  return accept === undefined ? ['cluster', cluster, path] : ['cluster', cluster, path, { accept }];
}

/** An answer about a cluster worked out by its own query function (`name` not a path). */
export function clusterFactKey<T extends readonly unknown[]>(
  cluster: string,
  name: string,
  ...rest: T
) {
  return ['cluster', cluster, name, ...rest] as const;
}

/** A GET of one of Lanthorn's own routes. */
export const lanthornKey = (path: string) => ['lanthorn', path] as const;

/** What the default query function requests for a key: an app path and its Accept header. */
export interface KeyRequest {
  /** For a cluster key: the cluster whose proxy answers (a 401 there is reported). */
  cluster?: string;
  /** The path, relative to the cluster for a cluster key, else an app path. */
  path: string;
  accept?: string;
}

/** The request a key stands for, or null when the key is not a plain GET. */
export function keyRequest(queryKey: QueryKey): KeyRequest | null {
  const [scope, first, second, options] = queryKey;
  if (scope === 'lanthorn' && typeof first === 'string' && first.startsWith('/')) {
    return { path: first };
  }
  if (
    scope === 'cluster' &&
    typeof first === 'string' &&
    typeof second === 'string' &&
    second.startsWith('/')
  ) {
    const accept =
      typeof options === 'object' && options !== null && 'accept' in options
        ? (options as { accept: unknown }).accept
        : undefined;
    return {
      cluster: first,
      path: second,
      ...(typeof accept === 'string' ? { accept } : {}),
    };
  }
  return null;
}

/** The default query function: GETs what the key names (see [`keyRequest`]). */
export async function defaultQueryFn({ queryKey, signal }: QueryFunctionContext): Promise<unknown> {
  const asked = keyRequest(queryKey);
  if (asked === null) {
    throw new Error(`no query function for ${JSON.stringify(queryKey)}`);
  }
  const options = { signal, ...(asked.accept === undefined ? {} : { accept: asked.accept }) };
  const answer =
    asked.cluster === undefined
      ? await request<unknown>(asked.path, options)
      : await kubeRequest<unknown>(asked.cluster, asked.path, options);
  // A query's data may not be undefined: an empty answer is null.
  return answer ?? null;
}

/**
 * Whether to try a failed query again. An answer is an answer: 401, 403, 404 (and every
 * other status) are shown as they are. Only a request that got no answer at all (status 0)
 * is tried again, twice.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  return error instanceof ApiError && error.status === 0 && failureCount < 2;
}

/** Half a second before the first retry, doubling after. */
export const retryDelay = (attempt: number) => Math.min(500 * 2 ** attempt, 4000);

/** A QueryClient with the app's defaults (tests make their own with this too). */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        queryFn: defaultQueryFn,
        retry: shouldRetry,
        retryDelay,
        // Lists stay current through the watch socket; refetching every query on focus would
        // re-read big answers for nothing.
        refetchOnWindowFocus: false,
        // Lanthorn usually runs on the same machine: being "offline" does not stop it.
        networkMode: 'always',
      },
      mutations: { retry: false, networkMode: 'always' },
    },
  });
}

/** The app's one QueryClient. */
export const queryClient = createQueryClient();

/** `GET /config`'s key: the one answer that outlives a change of user (it is read again). */
export const configKey = lanthornKey('/config');

/**
 * The signed-in user changed (signed in, signed out, or the session ended): forget every
 * answer the clusters gave the previous user — none is asked again with the new user's
 * credential before the page that shows it draws again and asks afresh (an access answer
 * first, then what it allows: no request the new user would be refused) — and read `/config`
 * again; resolves once it is read.
 */
export function userChanged(client: QueryClient = queryClient): Promise<void> {
  forgetAnswers(client);
  return client.invalidateQueries({ queryKey: configKey, exact: true });
}

/** Every answer but `/config` forgotten, what is in flight cancelled; nothing asked again. */
export function forgetAnswers(client: QueryClient = queryClient): void {
  const config = hashKey(configKey);
  client.removeQueries({ predicate: (query) => query.queryHash !== config });
  client.getMutationCache().clear();
}

/** After a change to a cluster's objects: read again the cluster GETs on screen. */
export function invalidateClusterReads(
  cluster: string,
  client: QueryClient = queryClient,
  gone: readonly string[] = [],
): Promise<void> {
  return client.invalidateQueries({
    queryKey: clusterKey(cluster),
    predicate: (query) => {
      const request = keyRequest(query.queryKey);
      // What the change removed is not asked for again: the answer would be a 404.
      return request !== null && !gone.includes(request.path);
    },
  });
}

/** `useQuery` on the app's QueryClient. */
export function useAppQuery<TData, TQueryKey extends QueryKey = QueryKey>(
  options: UseQueryOptions<TData, DefaultError, TData, TQueryKey>,
): UseQueryResult<TData> {
  return useQuery(options, queryClient);
}

/**
 * A GET of a cluster path (nothing asked while `path` is null). A new `refresh` value (e.g.
 * the resourceVersion of the object the answer is about) reads it again, showing the
 * previous answer meanwhile.
 */
export function useClusterGet<T>(
  cluster: string,
  path: string | null,
  options: { accept?: string; refresh?: string | undefined } = {},
): UseQueryResult<T> {
  const queryKey = clusterGetKey(cluster, path ?? '/', options.accept);
  const query = useQuery<T, DefaultError, T, ClusterGetKey>(
    { queryKey, enabled: path !== null },
    queryClient,
  );
  const hash = JSON.stringify(queryKey);
  const refreshed = useRef({ hash, refresh: options.refresh });
  useEffect(() => {
    const before = refreshed.current;
    refreshed.current = { hash, refresh: options.refresh };
    if (path !== null && before.hash === hash && before.refresh !== options.refresh) {
      void queryClient.invalidateQueries({ queryKey: JSON.parse(hash) as QueryKey, exact: true });
    }
  }, [hash, path, options.refresh]);
  return query;
}

/** `useMutation` on the app's QueryClient. */
export function useAppMutation<TData = unknown, TVariables = void>(
  options: UseMutationOptions<TData, DefaultError, TVariables>,
) {
  return useMutation(options, queryClient);
}

/**
 * A change to a cluster's objects (scale, delete, apply…): busy while it runs; once it has
 * succeeded, the cluster GETs on screen are read again, except the paths it made `gone`.
 */
export function useClusterMutation<TData = unknown, TVariables = void>(
  cluster: string,
  mutationFn: (variables: TVariables) => Promise<TData>,
  gone: readonly string[] = [],
) {
  return useAppMutation<TData, TVariables>({
    mutationFn,
    onSuccess: () => {
      void invalidateClusterReads(cluster, queryClient, gone);
    },
  });
}

/** What to say when a read failed: 403 in words, else the error's message. */
export function readFailure(error: unknown, forbidden = 'you may not read these'): string {
  if (error instanceof ApiError) {
    return error.status === 403 ? forbidden : error.message;
  }
  return 'the request failed';
}
