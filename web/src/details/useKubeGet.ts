import { useEffect, useState } from 'react';
import { ApiError } from '@/api/http';
import { kubeRequest } from '@/api/kube';

export type Loaded<T> =
  | { state: 'loading' }
  | { state: 'ok'; value: T }
  | { state: 'error'; status: number; message: string };

/** What to say when a related read failed. */
function failure(caught: unknown): Loaded<never> {
  if (caught instanceof ApiError) {
    return {
      state: 'error',
      status: caught.status,
      message: caught.status === 403 ? 'you may not read these' : caught.message,
    };
  }
  return { state: 'error', status: 0, message: 'the request failed' };
}

/**
 * GETs a cluster path (none when `path` is null) and keeps its answer. A new `refresh` value
 * reads it again, showing the previous answer meanwhile.
 */
export function useKubeGet<T>(cluster: string, path: string | null, refresh?: string): Loaded<T> {
  const [loaded, setLoaded] = useState<{ key: string; value: Loaded<T> } | null>(null);
  const key = path === null ? null : JSON.stringify([cluster, path]);
  useEffect(() => {
    if (key === null || path === null) {
      return;
    }
    const controller = new AbortController();
    kubeRequest<T>(cluster, path, { signal: controller.signal })
      .then((value) => {
        setLoaded({ key, value: { state: 'ok', value } });
      })
      .catch((caught: unknown) => {
        if (!controller.signal.aborted) {
          setLoaded({ key, value: failure(caught) });
        }
      });
    return () => {
      controller.abort();
    };
  }, [cluster, path, key, refresh]);
  return loaded !== null && loaded.key === key ? loaded.value : { state: 'loading' };
}
