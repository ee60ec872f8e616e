import { useMemo } from 'react';
import type { ReactNode } from 'react';
import type { ObjectMeta, ResourceKind } from '@/api/kube';
import { clusterFactKey, useAppQuery, useClusterGet } from '@/api/query';
import { parseQuantity } from '@/api/quantity';
import { UsageBar } from '@/metrics/UsageBar';
import {
  formatCpu,
  formatMemory,
  readNodesUsage,
  readPodsUsage,
  SAMPLE_EVERY_MS,
} from '@/metrics/usage';
import type { Usage } from '@/metrics/usage';
import { useMetricsAvailable } from '@/metrics/useMetricsAvailable';
import '@/metrics/metrics.css';

/** A row of a list, as far as usage needs it: the object it is about. */
export interface UsageRow {
  object: { metadata: ObjectMeta };
}

/** A column a list adds after the cluster's own. */
export interface ExtraColumn {
  name: string;
  render: (row: UsageRow) => ReactNode;
}

type Which = 'pods' | 'nodes' | null;

function which(kind: ResourceKind): Which {
  if (kind.group !== '') return null;
  return kind.resource === 'pods' ? 'pods' : kind.resource === 'nodes' ? 'nodes' : null;
}

interface NodeCapacity {
  items?: { metadata?: { name?: string }; status?: { allocatable?: Record<string, string> } }[];
}

/**
 * CPU and memory columns for the Pods and Nodes lists, when the cluster has the metrics API:
 * nodes against their allocatable, pods against the busiest pod listed. Read every 15 s.
 */
export function useListUsage(
  cluster: string,
  kind: ResourceKind,
  namespaces: readonly (string | undefined)[],
): ExtraColumn[] | undefined {
  const list = which(kind);
  const available = useMetricsAvailable(cluster);
  const on = available && list !== null;
  const asked = namespaces.map((ns) => ns ?? null);
  // Read every 15 s while shown; a failed read shows no usage.
  const sampled = useAppQuery({
    queryKey: clusterFactKey(cluster, 'list-usage', list, asked),
    queryFn: async () => {
      const reads =
        list === 'nodes'
          ? [readNodesUsage(cluster)]
          : asked.map((ns) => readPodsUsage(cluster, ns ?? undefined));
      const maps = await Promise.all(reads);
      return new Map(maps.flatMap((m) => [...m]));
    },
    enabled: on,
    refetchInterval: SAMPLE_EVERY_MS,
  });
  const usage = useMemo(
    () => (sampled.isSuccess ? sampled.data : new Map<string, Usage>()),
    [sampled.isSuccess, sampled.data],
  );
  const nodes = useClusterGet<NodeCapacity>(
    cluster,
    on && list === 'nodes' ? '/api/v1/nodes' : null,
  );
  const capacity = useMemo(() => {
    const quantity = (text: string | undefined) =>
      text === undefined ? 0 : parseQuantity(text) || 0;
    return new Map<string, Usage>(
      (nodes.isSuccess ? (nodes.data.items ?? []) : []).map((n) => [
        n.metadata?.name ?? '',
        {
          cpu: quantity(n.status?.allocatable?.['cpu']),
          memory: quantity(n.status?.allocatable?.['memory']),
        },
      ]),
    );
  }, [nodes.isSuccess, nodes.data]);

  return useMemo(() => {
    if (!on || usage.size === 0) return undefined;
    const keyOf = (row: UsageRow) =>
      list === 'nodes'
        ? row.object.metadata.name
        : `${row.object.metadata.namespace ?? ''}/${row.object.metadata.name}`;
    const most = [...usage.values()].reduce(
      (m, u) => ({ cpu: Math.max(m.cpu, u.cpu), memory: Math.max(m.memory, u.memory) }),
      { cpu: 0, memory: 0 },
    );
    const column = (name: string, field: keyof Usage, format: (n: number) => string) => ({
      name,
      render: (row: UsageRow) => {
        const used = usage.get(keyOf(row));
        if (used === undefined) return '—';
        const of = list === 'nodes' ? capacity.get(row.object.metadata.name)?.[field] : most[field];
        const share = of === undefined || of === 0 ? 0 : used[field] / of;
        const text =
          list === 'nodes' && of !== undefined && of > 0
            ? `${format(used[field])} (${Math.round(share * 100)}%)`
            : format(used[field]);
        return <UsageBar text={text} share={share} />;
      },
    });
    return [column('CPU', 'cpu', formatCpu), column('Memory', 'memory', formatMemory)];
  }, [on, usage, capacity, list]);
}
