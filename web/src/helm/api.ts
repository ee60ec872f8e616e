import { ApiError, request } from '@/api/http';
import { lanthornKey, queryClient } from '@/api/query';

/** Lanthorn's Helm routes (`docs/helm.md`): Headlamp's shapes, Helm's own release JSON. */

export interface HelmRelease {
  name: string;
  namespace: string;
  /** The revision. */
  version: number;
  info: {
    status: string;
    first_deployed?: string;
    last_deployed?: string;
    description?: string;
    notes?: string;
  };
  chart: {
    metadata: { name: string; version: string; appVersion?: string; description?: string };
    values?: Record<string, unknown> | null;
  };
  /** User-supplied values. */
  config?: Record<string, unknown> | null;
  manifest?: string;
  hooks?: { name: string; kind: string; events?: string[]; path?: string }[] | null;
}

// The catalog's shapes, generated from the server's Rust types.
export type { CatalogChart } from '@/api/generated/CatalogChart';
export type { ChartVersion } from '@/api/generated/ChartVersion';
import type { CatalogChart } from '@/api/generated/CatalogChart';

export type HelmAction = 'install' | 'upgrade' | 'rollback' | 'uninstall';

export interface ActionStatus {
  status: '' | 'processing' | 'success' | 'failed';
  message?: string;
}

function base(cluster: string): string {
  return `/clusters/${encodeURIComponent(cluster)}/helm`;
}

function query(params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') {
      search.set(key, String(value));
    }
  }
  return search.toString();
}

async function required<T>(promise: Promise<T | undefined>): Promise<T> {
  const value = await promise;
  if (value === undefined) {
    throw new ApiError(502, 'EmptyAnswer', 'the server sent an empty answer');
  }
  return value;
}

/** A stored release record that does not decode. */
export type { DamagedRecord } from '@/api/generated/DamagedRecord';
import type { DamagedRecord } from '@/api/generated/DamagedRecord';

/**
 * Releases in one namespace, or in every namespace the user may read (`hints`: namespaces
 * to try when the user may not list namespaces), with the records that did not decode.
 */
export async function listReleases(
  cluster: string,
  namespace: string | undefined,
  hints: string[] = [],
): Promise<{ releases: HelmRelease[]; errors: DamagedRecord[] }> {
  const q =
    namespace === undefined
      ? query({ allNamespaces: true, all: true, namespaces: hints.join(',') })
      : query({ namespace, all: true });
  const answer = await required(
    request<{ releases: HelmRelease[]; errors?: DamagedRecord[] } | undefined>(
      `${base(cluster)}/releases/list?${q}`,
    ),
  );
  return { releases: answer.releases, errors: answer.errors ?? [] };
}

export function getRelease(cluster: string, namespace: string, name: string): Promise<HelmRelease> {
  return required(
    request<HelmRelease | undefined>(`${base(cluster)}/releases?${query({ name, namespace })}`),
  );
}

export async function releaseHistory(
  cluster: string,
  namespace: string,
  name: string,
): Promise<HelmRelease[]> {
  const answer = await required(
    request<{ releases: HelmRelease[] } | undefined>(
      `${base(cluster)}/release/history?${query({ name, namespace })}`,
    ),
  );
  return answer.releases;
}

/** Base64 of UTF-8 text, as Headlamp's App Catalog sends values. */
export function encodeValues(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary);
}

/** A change route: its answer (202 and a message) is not needed, only success. */
async function send(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) {
  await request<unknown | undefined>(path, body === undefined ? { method } : { method, body });
}

export function startRollback(cluster: string, namespace: string, name: string, revision: number) {
  return send('PUT', `${base(cluster)}/releases/rollback`, { name, namespace, revision });
}

export function startUninstall(
  cluster: string,
  namespace: string,
  name: string,
  keepHistory: boolean,
) {
  return send(
    'DELETE',
    `${base(cluster)}/releases/uninstall?${query({ name, namespace, keepHistory: keepHistory || undefined })}`,
  );
}

export interface ChartChange {
  name: string;
  namespace: string;
  chart: string;
  version?: string;
  values: string;
  createNamespace?: boolean;
}

export function startUpgrade(cluster: string, change: ChartChange) {
  return send('PUT', `${base(cluster)}/releases/upgrade`, {
    ...change,
    values: encodeValues(change.values),
  });
}

export function startInstall(cluster: string, change: ChartChange) {
  return send('POST', `${base(cluster)}/release/install`, {
    ...change,
    values: encodeValues(change.values),
  });
}

export function actionStatus(
  cluster: string,
  action: HelmAction,
  namespace: string,
  name: string,
): Promise<ActionStatus> {
  return required(
    request<ActionStatus | undefined>(
      `${base(cluster)}/action/status?${query({ name, namespace, action })}`,
    ),
  );
}

export async function catalog(cluster: string, filter: string): Promise<CatalogChart[]> {
  const answer = await required(
    request<{ charts: CatalogChart[] } | undefined>(`${base(cluster)}/charts?${query({ filter })}`),
  );
  return answer.charts;
}

export function chartDetails(
  cluster: string,
  chart: string,
  version: string,
): Promise<{ readme: string; values: string }> {
  return required(
    request<{ readme: string; values: string } | undefined>(
      `${base(cluster)}/chart?${query({ chart, version })}`,
    ),
  );
}

/** Queries of Helm answers, keyed by the route they read. */
export const helmQueries = {
  releases: (cluster: string, namespace: string | undefined, hints: string[]) => ({
    queryKey: lanthornKey(
      `${base(cluster)}/releases/list?${
        namespace === undefined
          ? query({ allNamespaces: true, all: true, namespaces: hints.join(',') })
          : query({ namespace, all: true })
      }`,
    ),
    queryFn: () => listReleases(cluster, namespace, hints),
  }),
  release: (cluster: string, namespace: string, name: string) => ({
    queryKey: lanthornKey(`${base(cluster)}/releases?${query({ name, namespace })}`),
    queryFn: () => getRelease(cluster, namespace, name),
  }),
  history: (cluster: string, namespace: string, name: string) => ({
    queryKey: lanthornKey(`${base(cluster)}/release/history?${query({ name, namespace })}`),
    queryFn: () => releaseHistory(cluster, namespace, name),
  }),
  catalog: (cluster: string, filter: string) => ({
    queryKey: lanthornKey(`${base(cluster)}/charts?${query({ filter })}`),
    queryFn: () => catalog(cluster, filter),
  }),
  chart: (cluster: string, chart: string, version: string) => ({
    queryKey: lanthornKey(`${base(cluster)}/chart?${query({ chart, version })}`),
    queryFn: () => chartDetails(cluster, chart, version),
  }),
};

/** After a Helm change on `cluster`: read its releases again. */
export function helmChanged(cluster: string): Promise<void> {
  const prefix = `${base(cluster)}/`;
  return queryClient.invalidateQueries({
    predicate: ({ queryKey }) =>
      queryKey[0] === 'lanthorn' &&
      typeof queryKey[1] === 'string' &&
      queryKey[1].startsWith(prefix),
  });
}
