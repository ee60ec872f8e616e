import { queryClient, useAppMutation, useAppQuery } from '@/api/query';
import { forwardsQuery, startForward, stopForward } from '@/portforward/api';
import type { ForwardRequest } from '@/portforward/api';

/** The user's port-forwards on `cluster`, read again whenever one is started or stopped. */
export function usePortForwards(cluster: string) {
  return useAppQuery(forwardsQuery(cluster));
}

function forwardsChanged(cluster: string): void {
  void queryClient.invalidateQueries({ queryKey: forwardsQuery(cluster).queryKey });
}

/** Starts a forward; the lists of forwards are read again. */
export function useStartForward(cluster: string) {
  return useAppMutation({
    mutationFn: (wanted: ForwardRequest) => startForward(cluster, wanted),
    onSuccess: () => {
      forwardsChanged(cluster);
    },
  });
}

/** Stops a forward (by id); the lists of forwards are read again. */
export function useStopForward(cluster: string) {
  return useAppMutation({
    mutationFn: (id: string) => stopForward(cluster, id),
    onSuccess: () => {
      forwardsChanged(cluster);
    },
  });
}
