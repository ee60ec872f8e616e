import type { ResourceKind } from '@/api/kube';
import { clusterFactKey, useAppQuery } from '@/api/query';
import { loadDiscovery } from '@/nav/discovery';

/** Every kind the cluster serves (from discovery, asked once), to link objects by kind. */
export function useServedKinds(cluster: string): readonly ResourceKind[] | undefined {
  return useAppQuery({
    queryKey: clusterFactKey(cluster, 'served-kinds'),
    queryFn: () => loadDiscovery(cluster).then((discovery) => discovery.all),
    staleTime: Infinity,
  }).data;
}
