import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { KubeObject } from '@/api/kube';
import { collectionPath, objectPath } from '@/api/kube';
import { clusterGetKey, queryClient, useClusterGet } from '@/api/query';
import { pathOf } from '@/actions/requests';
import type { ObjectRef } from '@/actions/requests';
import { CacheWatch } from '@/details/live';
import type { LiveState } from '@/details/live';
import type { WatchMux } from '@/watch/mux';

/** The path of the object a ref names. */

/** Reads one object; `reload` reads it again without blanking what is shown meanwhile. */
export function useObject(target: ObjectRef): {
  loaded: UseQueryResult<KubeObject>;
  reload: () => Promise<KubeObject>;
} {
  const path = pathOf(target);
  const loaded = useClusterGet<KubeObject>(target.cluster, path);
  const reload = () =>
    queryClient.fetchQuery<KubeObject>({
      queryKey: clusterGetKey(target.cluster, path),
      staleTime: 0,
    });
  return { loaded, reload };
}

const NOT_WATCHING: LiveState = { watching: false, deleted: false, error: undefined };
const noop = () => () => undefined;

/** Runs a CacheWatch while mounted (and `watch` is not null). */
function useCacheWatch(watch: CacheWatch | null): LiveState {
  useEffect(() => {
    if (watch === null) return undefined;
    watch.start();
    return () => {
      watch.stop();
    };
  }, [watch]);
  return useSyncExternalStore(watch?.subscribe ?? noop, watch?.getSnapshot ?? (() => NOT_WATCHING));
}

/**
 * Keeps the object's cached answer current over the `/watch` socket (its collection with
 * `fieldSelector=metadata.name=NAME`) once it has been read, when the kind may be watched
 * and a multiplexer is given.
 */
export function useLiveObject(target: ObjectRef, ready: boolean, mux: WatchMux | null): LiveState {
  const { cluster, kind, namespace, name } = target;
  const enabled = ready && mux !== null && kind.verbs.includes('watch');
  // Keyed by the paths, not the kind object, so a re-render never starts a new watch.
  const objectKey = objectPath(kind, name, namespace);
  const collection = collectionPath(kind, namespace);
  const watch = useMemo(
    () =>
      !enabled || mux === null
        ? null
        : new CacheWatch({
            mux,
            client: queryClient,
            queryKey: clusterGetKey(cluster, objectKey),
            request: { cluster, path: collection, fieldSelector: `metadata.name=${name}` },
            shape: { object: name },
          }),
    [enabled, mux, cluster, objectKey, collection, name],
  );
  return useCacheWatch(watch);
}

/**
 * Keeps a cached list answer (`listPath`, a GET of `collection` with `labelSelector`)
 * current over the `/watch` socket once it has been read; `mux` null: not at all.
 */
export function useLiveList(
  cluster: string,
  listPath: string | null,
  collection: string,
  labelSelector: string | null,
  ready: boolean,
  mux: WatchMux | null,
): LiveState {
  const enabled = ready && mux !== null && listPath !== null;
  const watch = useMemo(
    () =>
      !enabled || mux === null || listPath === null
        ? null
        : new CacheWatch({
            mux,
            client: queryClient,
            queryKey: clusterGetKey(cluster, listPath),
            request: {
              cluster,
              path: collection,
              ...(labelSelector === null ? {} : { labelSelector }),
            },
            shape: 'list',
          }),
    [enabled, mux, cluster, listPath, collection, labelSelector],
  );
  return useCacheWatch(watch);
}
