import { useCallback, useState } from 'react';
import type { KubeObject } from '@/api/kube';
import { parseQuantity } from '@/overview/summary';
import { UsageChart } from '@/metrics/UsageChart';
import {
  addSample,
  formatCpu,
  formatMemory,
  readNodeUsage,
  readPodUsage,
  SAMPLE_EVERY_MS,
} from '@/metrics/usage';
import type { Usage } from '@/metrics/usage';
import { useMetricsAvailable, usePolling } from '@/metrics/useMetricsAvailable';
import '@/metrics/metrics.css';

export const MAX_SAMPLES = 20;

function allocatable(node: KubeObject, resource: string): number | undefined {
  const text = (node['status'] as { allocatable?: Record<string, string> } | undefined)
    ?.allocatable?.[resource];
  const value = text === undefined ? Number.NaN : parseQuantity(text);
  return Number.isNaN(value) ? undefined : value;
}

/**
 * CPU and memory of a pod or node over the last few minutes (a sample every 15 s while the
 * page is open). Shown only when the cluster has the metrics API.
 */
export function MetricsSection({
  cluster,
  object,
  isNode,
}: {
  cluster: string;
  object: KubeObject;
  isNode: boolean;
}) {
  const available = useMetricsAvailable(cluster);
  const [samples, setSamples] = useState<Usage[]>([]);
  const name = object.metadata.name;
  const namespace = object.metadata.namespace ?? '';
  const sample = useCallback(() => {
    const read = isNode ? readNodeUsage(cluster, name) : readPodUsage(cluster, namespace, name);
    read
      .then((usage) => {
        setSamples((before) => addSample(before, usage, MAX_SAMPLES));
      })
      .catch(() => {
        // No sample this time (e.g. a pod too new to have one): the chart just waits.
      });
  }, [cluster, isNode, name, namespace]);
  usePolling(available, SAMPLE_EVERY_MS, sample);
  if (!available) return null;
  const cpuLimit = isNode ? allocatable(object, 'cpu') : undefined;
  const memoryLimit = isNode ? allocatable(object, 'memory') : undefined;
  return (
    <section className="details-section">
      <h2>Usage</h2>
      <div className="usage-charts">
        <UsageChart
          title="CPU"
          values={samples.map((s) => s.cpu)}
          format={formatCpu}
          {...(cpuLimit === undefined ? {} : { limit: cpuLimit })}
        />
        <UsageChart
          title="Memory"
          values={samples.map((s) => s.memory)}
          format={formatMemory}
          {...(memoryLimit === undefined ? {} : { limit: memoryLimit })}
        />
      </div>
    </section>
  );
}
