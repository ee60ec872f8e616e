import { useEffect, useState } from 'react';
import { metricsAvailable } from '@/metrics/usage';

/** Whether the cluster has the metrics API: false until it has said yes. */
export function useMetricsAvailable(cluster: string): boolean {
  const [answer, setAnswer] = useState<{ cluster: string; available: boolean } | null>(null);
  useEffect(() => {
    let live = true;
    void metricsAvailable(cluster).then((available) => {
      if (live) setAnswer({ cluster, available });
    });
    return () => {
      live = false;
    };
  }, [cluster]);
  return answer !== null && answer.cluster === cluster && answer.available;
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
