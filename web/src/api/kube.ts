import { withBase } from '@/api/base';
import { ApiError } from '@/api/http';

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
  return withBase(`/clusters/${encodeURIComponent(cluster)}${path}`);
}

export interface KubeRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON unless it is a string (then sent as is, e.g. YAML). */
  body?: unknown;
  contentType?: string;
  accept?: string;
  signal?: AbortSignal;
}

interface StatusBody {
  kind?: unknown;
  reason?: unknown;
  message?: unknown;
}

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

/**
 * Sends a request to a cluster and returns its JSON answer. Any non-2xx answer becomes an
 * [`ApiError`] carrying the cluster's (or Lanthorn's) own message and status.
 */
export async function kubeRequest<T>(
  cluster: string,
  path: string,
  request: KubeRequest = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: request.accept ?? 'application/json' };
  let body: string | null = null;
  if (request.body !== undefined) {
    body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    headers['content-type'] = request.contentType ?? 'application/json';
  }
  let response: Response;
  try {
    response = await fetch(clusterUrl(cluster, path), {
      method: request.method ?? 'GET',
      credentials: 'same-origin',
      headers,
      body,
      signal: request.signal ?? null,
    });
  } catch (caught) {
    if (caught instanceof DOMException && caught.name === 'AbortError') {
      throw caught;
    }
    throw new ApiError(0, 'Unreachable', 'Lanthorn could not be reached');
  }
  if (response.status === 401) {
    reportUnauthorized(cluster);
  }
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    // Not JSON: keep the text for the error below.
  }
  if (!response.ok) {
    const status = (parsed ?? {}) as StatusBody;
    const reason = typeof status.reason === 'string' ? status.reason : 'Error';
    const message =
      typeof status.message === 'string' && status.message !== ''
        ? status.message
        : `the cluster answered ${response.status} ${response.statusText}`.trim();
    throw new ApiError(response.status, reason, message);
  }
  return parsed as T;
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

interface AccessReview {
  status?: { allowed?: boolean };
}

const accessCache = new Map<string, { at: number; allowed: Promise<boolean> }>();
const ACCESS_TTL_MS = 30_000;

/**
 * Asks the cluster (SelfSubjectAccessReview) whether the signed-in user may do something.
 * Answers are cached for 30 s per cluster and question; a failed review counts as "no".
 */
export function canI(cluster: string, question: AccessQuestion): Promise<boolean> {
  const key = JSON.stringify([cluster, question]);
  const cached = accessCache.get(key);
  const now = Date.now();
  if (cached !== undefined && now - cached.at < ACCESS_TTL_MS) {
    return cached.allowed;
  }
  const resourceAttributes: Record<string, string> = {
    verb: question.verb,
    group: question.group,
    resource: question.resource,
  };
  for (const field of ['namespace', 'name', 'subresource'] as const) {
    const value = question[field];
    if (value !== undefined && value !== '') {
      resourceAttributes[field] = value;
    }
  }
  const allowed = kubeRequest<AccessReview>(
    cluster,
    '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
    {
      method: 'POST',
      body: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: { resourceAttributes },
      },
    },
  ).then(
    (review) => review.status?.allowed === true,
    () => false,
  );
  accessCache.set(key, { at: now, allowed });
  return allowed;
}

/** Forgets cached access answers (after signing in or out). */
export function forgetAccess(): void {
  accessCache.clear();
}
