import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { useAccessAnswers } from '@/api/access';
import type { AccessQuestion } from '@/api/kube';
import { clusterFactKey, useAppQuery } from '@/api/query';
import { servedKinds } from '@/map/kinds';
import type { MapKind, MapKindSource } from '@/map/kinds';
import { MapData } from '@/map/live';
import type { MapDataSnapshot } from '@/map/live';
import { loadDiscovery } from '@/nav/discovery';
import { useWatchMux } from '@/watch/WatchContext';

export interface MapKinds {
  /** null while discovery and the access reviews are answering. */
  allowed: MapKindSource[] | null;
  /** Kinds the cluster serves that the user may not list here. */
  refused: MapKind[];
}

/**
 * The map's kinds this cluster serves and the user may list in `namespace` (cluster-scoped
 * kinds: at all): asked first, so a namespace-bound viewer's map reads what it may and says
 * in one line what it leaves out, instead of drawing refusals.
 */
export function useMapKinds(cluster: string, namespace: string | undefined): MapKinds {
  const served = useAppQuery({
    queryKey: clusterFactKey(cluster, 'map-kinds'),
    queryFn: () => loadDiscovery(cluster).then((discovery) => servedKinds(discovery.kinds)),
    staleTime: Infinity,
  });
  const kinds = served.data ?? [];
  const questions: AccessQuestion[] = kinds.map((kind) => ({
    verb: 'watch',
    group: kind.group,
    resource: kind.resource,
    ...(kind.namespaced && namespace !== undefined ? { namespace } : {}),
  }));
  const answers = useAccessAnswers(cluster, questions);
  if (!served.isSuccess && !served.isError) return { allowed: null, refused: [] };
  if (answers.some((answer) => answer === null)) return { allowed: null, refused: [] };
  return {
    allowed: kinds.filter((_, i) => answers[i] === true),
    refused: kinds.filter((_, i) => answers[i] !== true).map((kind) => kind.kind),
  };
}

const EMPTY: MapDataSnapshot = { objects: [], listed: new Set(), loading: 1, errors: [] };
const noop = () => () => undefined;

/** The live objects of `kinds` in `namespace` (undefined: every namespace). */
export function useMapData(
  cluster: string,
  namespace: string | undefined,
  kinds: MapKindSource[] | null,
): MapDataSnapshot {
  const mux = useWatchMux();
  const kindsKey = kinds === null ? null : JSON.stringify(kinds);
  const data = useMemo(
    () =>
      kindsKey === null
        ? null
        : new MapData({
            cluster,
            namespace,
            kinds: JSON.parse(kindsKey) as MapKindSource[],
            mux,
          }),
    [cluster, namespace, kindsKey, mux],
  );
  useEffect(() => {
    if (data === null) return undefined;
    data.start();
    return () => {
      data.stop();
    };
  }, [data]);
  return useSyncExternalStore(data?.subscribe ?? noop, data?.getSnapshot ?? (() => EMPTY));
}
