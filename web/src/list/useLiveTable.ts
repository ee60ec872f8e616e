import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { ResourceKind } from '@/api/kube';
import { LiveTable } from '@/list/liveTable';
import type { LiveTableSnapshot } from '@/list/liveTable';
import type { WatchMux } from '@/watch/mux';

const EMPTY: LiveTableSnapshot = { columns: [], rows: [], sources: [] };
const noop = () => () => undefined;

/**
 * The live rows of `kind` in `namespaces` (undefined: all), listed and watched while the
 * component is mounted; `null` namespaces means "not decided yet" (nothing is fetched).
 */
export function useLiveTable(
  cluster: string,
  kind: ResourceKind,
  namespaces: (string | undefined)[] | null,
  labelSelector: string | undefined,
  mux: WatchMux | null,
): { snapshot: LiveTableSnapshot; loadMore: () => void } {
  const nsKey = namespaces === null ? null : JSON.stringify(namespaces);
  const table = useMemo(
    () =>
      nsKey === null
        ? null
        : new LiveTable({
            cluster,
            kind,
            namespaces: (JSON.parse(nsKey) as (string | null)[]).map((ns) => ns ?? undefined),
            ...(labelSelector === undefined ? {} : { labelSelector }),
            mux,
          }),
    [cluster, kind, nsKey, labelSelector, mux],
  );
  useEffect(() => {
    if (table === null) return undefined;
    table.start();
    return () => {
      table.stop();
    };
  }, [table]);
  const snapshot = useSyncExternalStore(
    table?.subscribe ?? noop,
    table?.getSnapshot ?? (() => EMPTY),
  );
  return {
    snapshot,
    loadMore: () => {
      table?.loadMore();
    },
  };
}
