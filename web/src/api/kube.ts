import { withBase } from '@/api/base';
import { ApiError, request } from '@/api/http';
import type { RequestOptions } from '@/api/http';

/**
 * Requests to a cluster's API through Lanthorn's proxy (`/clusters/{cluster}/{path}`),
 * made with the browser's session: the cluster sees the signed-in user.
 */

/** One API resource as discovery describes it (e.g. `apps/v1` `deployments`). */
export interface ResourceKind {
  /** API group; `''` for the core group. */
  group: string;
  version: string;
  /** Plural resource name used in paths, e.g. `deployments`. */
  resource: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
  shortNames: string[];
}

/** Metadata every Kubernetes object has. */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: {
    apiVersion: string;
    kind: string;
    name: string;
    uid: string;
    controller?: boolean;
    blockOwnerDeletion?: boolean;
  }[];
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/** The `/api/v1` or `/apis/GROUP/VERSION` prefix of a kind's paths. */
export function groupVersionPath(kind: Pick<ResourceKind, 'group' | 'version'>): string {
  return kind.group === '' ? `/api/${kind.version}` : `/apis/${kind.group}/${kind.version}`;
}

/** The collection path of a kind, in one namespace when given and the kind is namespaced. */
export function collectionPath(kind: ResourceKind, namespace?: string): string {
  const ns =
    kind.namespaced && namespace !== undefined && namespace !== ''
      ? `/namespaces/${encodeURIComponent(namespace)}`
      : '';
  return `${groupVersionPath(kind)}${ns}/${kind.resource}`;
}

/** The path of one object. */
export function objectPath(kind: ResourceKind, name: string, namespace?: string): string {
  return `${collectionPath(kind, namespace)}/${encodeURIComponent(name)}`;
}

/** The URL in Lanthorn of a cluster API path (under `--base-url`). */
export function clusterUrl(cluster: string, path: string): string {
  return withBase(clusterPath(cluster, path));
}

export type KubeRequest = Omit<RequestOptions, 'answerer'>;

const unauthorizedListeners = new Set<(cluster: string) => void>();

/**
 * Calls `listener` with the cluster's name whenever a cluster request is answered 401 (the
 * sign-in ended or was never made); returns the way to stop listening.
 */
export function onUnauthorized(listener: (cluster: string) => void): () => void {
  unauthorizedListeners.add(listener);
  return () => {
    unauthorizedListeners.delete(listener);
  };
}

/** Tells the [`onUnauthorized`] listeners that `cluster` answered 401 (e.g. on a watch). */
export function reportUnauthorized(cluster: string): void {
  for (const listener of [...unauthorizedListeners]) {
    listener(cluster);
  }
}

/** The app path of a cluster API path: `/clusters/{cluster}{path}`. */
export function clusterPath(cluster: string, path: string): string {
  return `/clusters/${encodeURIComponent(cluster)}${path}`;
}

/**
 * Sends a request to a cluster through [`request`] and returns its JSON answer. Any non-2xx
 * answer becomes an [`ApiError`] carrying the cluster's (or Lanthorn's) own message and
 * status; a 401 also tells the [`onUnauthorized`] listeners.
 */
export async function kubeRequest<T>(
  cluster: string,
  path: string,
  options: KubeRequest = {},
): Promise<T> {
  try {
    return await request<T>(clusterPath(cluster, path), { ...options, answerer: 'cluster' });
  } catch (caught) {
    if (caught instanceof ApiError && caught.status === 401) {
      reportUnauthorized(cluster);
    }
    throw caught;
  }
}

/** What `can-i` asks: a verb on a resource, optionally in a namespace, on a name. */
export interface AccessQuestion {
  verb: string;
  group: string;
  resource: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}
