import { useCallback, useSyncExternalStore } from 'react';
import { canI } from '@/api/access';
import { ApiError } from '@/api/http';
import { kubeRequest } from '@/api/kube';
import { clusterFactKey, useAppQuery } from '@/api/query';

/**
 * Which namespaces a user can work in. A user who may list namespaces picks from the list;
 * one who may not (a ServiceAccount bound in its own namespace) gets its own namespace,
 * taken from the username, plus the namespaces it typed before (kept in localStorage).
 */

const METADATA_LIST_ACCEPT =
  'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';

/** `demo` for `system:serviceaccount:demo:viewer`; undefined for other users. */
export function namespaceOfServiceAccount(username: string): string | undefined {
  const match = /^system:serviceaccount:([^:]+):[^:]+$/.exec(username);
  return match?.[1];
}

const storageKey = (cluster: string) => `lanthorn.namespaces.${cluster}`;
const storeListeners = new Set<() => void>();
const snapshots = new Map<string, string[]>();

function readRemembered(cluster: string): string[] {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(storageKey(cluster)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((n): n is string => typeof n === 'string') : [];
  } catch {
    return [];
  }
}

/** Namespaces the user typed for this cluster, most recent first. */
export function rememberedNamespaces(cluster: string): string[] {
  let snapshot = snapshots.get(cluster);
  if (snapshot === undefined) {
    snapshot = readRemembered(cluster);
    snapshots.set(cluster, snapshot);
  }
  return snapshot;
}

/** Remembers a namespace the user typed (up to 20 per cluster). */
export function rememberNamespace(cluster: string, namespace: string): void {
  const next = [namespace, ...readRemembered(cluster).filter((n) => n !== namespace)].slice(0, 20);
  try {
    window.localStorage.setItem(storageKey(cluster), JSON.stringify(next));
  } catch {
    // Storage full or disabled: remember for this page only.
  }
  snapshots.set(cluster, next);
  for (const listener of [...storeListeners]) listener();
}

function subscribeRemembered(listener: () => void): () => void {
  storeListeners.add(listener);
  return () => {
    storeListeners.delete(listener);
  };
}

interface MetadataList {
  items?: { metadata?: { name?: string } }[];
}

export interface NamespaceFacts {
  /** Every namespace, or null when the user may not list them. */
  listed: string[] | null;
  /** The user's own namespace, for a ServiceAccount. */
  own: string | undefined;
}

async function fetchFacts(cluster: string, signal: AbortSignal): Promise<NamespaceFacts> {
  const me = kubeRequest<{ username?: string }>(cluster, '/me', { signal }).then(
    (answer) => namespaceOfServiceAccount(answer.username ?? ''),
    () => undefined,
  );
  let listed: string[] | null = null;
  // Asked first: a refused list would be a failed request in the browser's console.
  const mayList = await canI(cluster, { verb: 'list', group: '', resource: 'namespaces' });
  if (!mayList) return { listed, own: await me };
  // Forgotten meanwhile (the user signed out, say): the list is not asked for.
  signal.throwIfAborted();
  try {
    const list = await kubeRequest<MetadataList>(cluster, '/api/v1/namespaces', {
      accept: METADATA_LIST_ACCEPT,
      signal,
    });
    listed = (list.items ?? [])
      .map((item) => item.metadata?.name)
      .filter((name): name is string => name !== undefined)
      .sort();
  } catch (caught) {
    if (!(caught instanceof ApiError) || caught.status === 0) throw caught;
  }
  return { listed, own: await me };
}

const FACTS_STALE_MS = 30_000;

function factsQuery(cluster: string) {
  return {
    queryKey: clusterFactKey(cluster, 'namespace-facts'),
    queryFn: ({ signal }: { signal: AbortSignal }) => fetchFacts(cluster, signal),
    staleTime: FACTS_STALE_MS,
  };
}

export interface NamespaceChoices {
  loaded: boolean;
  /** Every namespace, or null when the user may not list them (or before loading). */
  listed: string[] | null;
  /** Namespaces to use when none is chosen and the cluster-wide view is refused. */
  candidates: string[];
  /** Every namespace worth offering in a picker. */
  options: string[];
  remember: (namespace: string) => void;
}

const unique = (values: (string | undefined)[]) => [
  ...new Set(values.filter((v): v is string => v !== undefined && v !== '')),
];

/** The namespaces a picker offers and the ones a namespace-bound user starts in. */
export function useNamespaceChoices(cluster: string): NamespaceChoices {
  const remembered = useSyncExternalStore(subscribeRemembered, () => rememberedNamespaces(cluster));
  const facts = useAppQuery({
    ...factsQuery(cluster),
    // Another cluster's facts are not this one's; the same cluster's stay while asked again.
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[1] === cluster ? previous : undefined,
  });
  const remember = useCallback(
    (namespace: string) => {
      rememberNamespace(cluster, namespace);
    },
    [cluster],
  );
  // A failure counts as knowing nothing: no list, no namespace of one's own.
  const current: NamespaceFacts | undefined = facts.isError
    ? { listed: null, own: undefined }
    : facts.data;
  const candidates = unique([current?.own, ...remembered]);
  return {
    loaded: current !== undefined,
    listed: current?.listed ?? null,
    candidates,
    options: unique([...(current?.listed ?? []), ...candidates]).sort(),
    remember,
  };
}
