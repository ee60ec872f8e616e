import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '@/api/http';
import { FORWARDS_CHANGED, listForwards } from '@/portforward/api';
import type { PortForwards } from '@/portforward/api';

export type ForwardsState =
  { state: 'loading' } | { state: 'ok'; value: PortForwards } | { state: 'error'; message: string };

/** The user's port-forwards on `cluster`, read again whenever one is started or stopped. */
export function usePortForwards(cluster: string): ForwardsState {
  const [loaded, setLoaded] = useState<{ cluster: string; value: ForwardsState } | null>(null);
  const load = useCallback(() => {
    listForwards(cluster)
      .then((value) => {
        setLoaded({ cluster, value: { state: 'ok', value } });
      })
      .catch((caught: unknown) => {
        if (caught instanceof ApiError && caught.status === 403) {
          // In-cluster: port-forwarding is not offered at all.
          setLoaded({ cluster, value: { state: 'ok', value: { available: false, forwards: [] } } });
          return;
        }
        const message = caught instanceof Error ? caught.message : 'the forwards could not be read';
        setLoaded({ cluster, value: { state: 'error', message } });
      });
  }, [cluster]);
  useEffect(() => {
    load();
    window.addEventListener(FORWARDS_CHANGED, load);
    return () => {
      window.removeEventListener(FORWARDS_CHANGED, load);
    };
  }, [load]);
  return loaded !== null && loaded.cluster === cluster ? loaded.value : { state: 'loading' };
}
