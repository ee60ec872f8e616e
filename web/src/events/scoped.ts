import { canI } from '@/api/access';
import { ApiError } from '@/api/http';
import { kubeRequest } from '@/api/kube';
import { clusterFactKey, useAppQuery } from '@/api/query';
import type { UseQueryResult } from '@tanstack/react-query';

/**
 * Reading one kind of object across the namespaces a user works in, asking first
 * (SelfSubjectAccessReview) and reading only what the answer allows: a user who may not list
 * cluster-wide gets its namespaces' objects instead of a refusal, and the browser is not
 * sent to requests known to fail (Chromium logs every failed request as a console error).
 */

/** Which namespaces a page is about. */
export interface Scope {
  /** Namespaces the user chose; empty: everything the user may see. */
  chosen: readonly string[];
  /** Where a user who may not list cluster-wide looks when it chose none. */
  fallback: readonly string[];
}

/** What may be read of a collection: cluster-wide, or these namespaces. */
export interface ScopePlan {
  clusterWide: boolean;
  readable: string[];
  refused: string[];
}

/** One kind of object, by the resource an access review names and the path of its list. */
export interface Collection {
  group: string;
  resource: string;
  /** The list's path in one namespace, or cluster-wide for `undefined`. */
  path: (namespace: string | undefined) => string;
}

export interface ScopedLists<T> {
  /** Read cluster-wide (one list), rather than per namespace. */
  clusterWide: boolean;
  /** The lists read, each with the namespace it is of (undefined: cluster-wide). */
  lists: { namespace: string | undefined; list: T }[];
  /** Namespaces the user may not list this kind in. */
  refused: string[];
}

/**
 * Where to read: cluster-wide when nothing is chosen and the cluster allows it, else each
 * namespace (chosen, or the fallback) the cluster allows. `may` answers an access question.
 */
export async function planScope(
  scope: Scope,
  may: (namespace: string | undefined) => Promise<boolean>,
): Promise<ScopePlan> {
  if (scope.chosen.length === 0 && (await may(undefined))) {
    return { clusterWide: true, readable: [], refused: [] };
  }
  const namespaces = scope.chosen.length > 0 ? scope.chosen : scope.fallback;
  const answers = await Promise.all(namespaces.map((namespace) => may(namespace)));
  return {
    clusterWide: false,
    readable: namespaces.filter((_, i) => answers[i] === true),
    refused: namespaces.filter((_, i) => answers[i] !== true),
  };
}

async function readScoped<T>(
  cluster: string,
  collection: Collection,
  scope: Scope,
  signal: AbortSignal,
): Promise<ScopedLists<T>> {
  const plan = await planScope(scope, (namespace) => {
    // Forgotten meanwhile (the user signed out, say): nothing more is asked.
    signal.throwIfAborted();
    return canI(cluster, {
      verb: 'list',
      group: collection.group,
      resource: collection.resource,
      ...(namespace === undefined ? {} : { namespace }),
    });
  });
  signal.throwIfAborted();
  const where = plan.clusterWide ? [undefined] : plan.readable;
  const refused = [...plan.refused];
  const read = await Promise.all(
    where.map(
      async (namespace): Promise<{ namespace: string | undefined; list: T } | undefined> => {
        try {
          const list: T = await kubeRequest<T>(cluster, collection.path(namespace), { signal });
          return { namespace, list };
        } catch (caught) {
          // Allowed a moment ago, refused now: counted as refused, not as a broken page.
          if (caught instanceof ApiError && caught.status === 403 && namespace !== undefined) {
            refused.push(namespace);
            return undefined;
          }
          throw caught;
        }
      },
    ),
  );
  return {
    clusterWide: plan.clusterWide,
    lists: read.filter((r): r is { namespace: string | undefined; list: T } => r !== undefined),
    refused,
  };
}

/** How often a scoped read is read again while shown. */
export const SCOPED_REFRESH_MS = 30_000;

/**
 * One collection read across the scope (see [`planScope`]); `enabled` false asks nothing.
 * Read again every 30 s while shown.
 */
export function useScopedLists<T>(
  cluster: string,
  collection: Collection,
  scope: Scope,
  enabled = true,
): UseQueryResult<ScopedLists<T>> {
  return useAppQuery({
    queryKey: clusterFactKey(
      cluster,
      'scoped-list',
      collection.group,
      collection.resource,
      collection.path(undefined),
      [...scope.chosen],
      [...scope.fallback],
    ),
    queryFn: ({ signal }) => readScoped<T>(cluster, collection, scope, signal),
    enabled,
    refetchInterval: SCOPED_REFRESH_MS,
  });
}
