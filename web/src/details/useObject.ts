import type { UseQueryResult } from '@tanstack/react-query';
import type { KubeObject } from '@/api/kube';
import { objectPath } from '@/api/kube';
import { clusterGetKey, queryClient, useClusterGet } from '@/api/query';
import type { ObjectRef } from '@/actions/requests';

/** The path of the object a ref names. */
function pathOf(target: ObjectRef): string {
  return objectPath(target.kind, target.name, target.namespace);
}

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
