import { useCallback, useEffect, useState } from 'react';
import type { KubeObject } from '@/api/kube';
import { getObject } from '@/actions/requests';
import type { ObjectRef } from '@/actions/requests';

export type ObjectState =
  { state: 'loading' } | { state: 'ok'; object: KubeObject } | { state: 'error'; error: unknown };

/** Reads one object; `reload` reads it again without blanking what is shown meanwhile. */
export function useObject(target: ObjectRef): {
  loaded: ObjectState;
  reload: () => Promise<KubeObject>;
} {
  const { cluster, kind, namespace, name } = target;
  const key = JSON.stringify([cluster, kind.group, kind.version, kind.resource, namespace, name]);
  const [loaded, setLoaded] = useState<{ key: string; value: ObjectState } | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    getObject({ cluster, kind, namespace, name }, controller.signal)
      .then((object) => {
        setLoaded({ key, value: { state: 'ok', object } });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) {
          setLoaded({ key, value: { state: 'error', error } });
        }
      });
    return () => {
      controller.abort();
    };
    // `key` stands for the target; the kind object itself may be rebuilt on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const reload = useCallback(async () => {
    const object = await getObject({ cluster, kind, namespace, name });
    setLoaded({ key, value: { state: 'ok', object } });
    return object;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  return {
    loaded: loaded !== null && loaded.key === key ? loaded.value : { state: 'loading' },
    reload,
  };
}
