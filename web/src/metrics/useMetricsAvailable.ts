import { useEffect } from 'react';
import { useAppQuery } from '@/api/query';
import { metricsAvailableQuery } from '@/metrics/usage';

/** Whether the cluster has the metrics API: false until it has said yes. */
export function useMetricsAvailable(cluster: string): boolean {
  return useAppQuery(metricsAvailableQuery(cluster)).data === true;
}

/** Calls `tick` now and every `everyMs` while `on`. */
export function usePolling(on: boolean, everyMs: number, tick: () => void): void {
  useEffect(() => {
    if (!on) return undefined;
    tick();
    const timer = setInterval(tick, everyMs);
    return () => {
      clearInterval(timer);
    };
  }, [on, everyMs, tick]);
}
