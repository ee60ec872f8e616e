import { clusterFactKey, queryClient, useAppQuery } from '@/api/query';
import { SAMPLE_EVERY_MS } from '@/metrics/usage';
import type { Usage } from '@/metrics/usage';

/** A usage reading and when it was taken (ms since the epoch). */
export interface UsageSample extends Usage {
  at: number;
}

/** Ten minutes of history at one sample every 15 s. */
export const HISTORY_SAMPLES = 40;

/**
 * The history with `sample` added: oldest first, at most `max` samples. A sample taken within
 * half a period of the previous one replaces it (a page mounted twice in a row, or a manual
 * refetch, does not squeeze two points into one interval).
 */
export function appendSample(
  history: readonly UsageSample[],
  sample: UsageSample,
  max: number = HISTORY_SAMPLES,
): UsageSample[] {
  const last = history[history.length - 1];
  const kept =
    last !== undefined && sample.at - last.at < SAMPLE_EVERY_MS / 2
      ? history.slice(0, -1)
      : history.slice();
  kept.push(sample);
  return kept.length > max ? kept.slice(kept.length - max) : kept;
}

/**
 * The CPU and memory history of one thing (a pod, a node, a workload, a namespace's pods…),
 * sampled every 15 s while a page shows it. The history lives in the query cache under the
 * cluster, so it survives moving between pages (kept 15 minutes after the last page showing
 * it), pauses while the browser tab is hidden, and is forgotten with everything else the user
 * read when the user changes. `read` null: nothing is read (no metrics API, or not allowed).
 * A failed read keeps the history as it was.
 */
export function useUsageHistory(
  cluster: string,
  key: readonly unknown[],
  read: (() => Promise<Usage>) | null,
): UsageSample[] {
  const queryKey = clusterFactKey(cluster, 'usage-history', ...key);
  const history = useAppQuery({
    queryKey,
    queryFn: async () => {
      if (read === null) return [];
      const usage = await read();
      const before = queryClient.getQueryData<UsageSample[]>(queryKey) ?? [];
      return appendSample(before, { ...usage, at: Date.now() });
    },
    enabled: read !== null,
    refetchInterval: SAMPLE_EVERY_MS,
    staleTime: SAMPLE_EVERY_MS / 2,
    gcTime: 15 * 60_000,
    retry: false,
  });
  return history.data ?? [];
}
