import { useAccessAnswer } from '@/api/access';
import type { AccessQuestion, KubeObject } from '@/api/kube';
import { selectorQuery } from '@/api/related';
import { parseQuantity } from '@/api/quantity';
import { readNodeUsage, readPodUsage, readSelectedPodsUsage } from '@/metrics/usage';
import { UsageSection } from '@/metrics/UsageSection';
import type { UsageLimits } from '@/metrics/UsageSection';
import { useMetricsAvailable } from '@/metrics/useMetricsAvailable';

/** Whether the user may read the usage `question` is about, asked only with the metrics API. */
function useMayRead(cluster: string, question: AccessQuestion): boolean | null {
  return useAccessAnswer(cluster, useMetricsAvailable(cluster) ? question : null);
}

/** Whether the user may list pods' usage in `namespace` (how every pod usage is read). */
function useMayListPodUsage(cluster: string, namespace: string): boolean | null {
  return useMayRead(cluster, {
    verb: 'list',
    group: 'metrics.k8s.io',
    resource: 'pods',
    namespace,
  });
}

function quantityOr(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = parseQuantity(text);
  return Number.isNaN(value) ? undefined : value;
}

interface Container {
  resources?: { limits?: Record<string, string> };
}

/**
 * A pod's limits as a chart's scale: the sum of its containers' limits, only when every
 * container has one (otherwise the pod may use more than the sum says).
 */
export function podLimits(pod: KubeObject): UsageLimits {
  const containers = ((pod['spec'] as { containers?: Container[] } | undefined)?.containers ??
    []) as Container[];
  const total = (resource: string): number | undefined => {
    if (containers.length === 0) return undefined;
    let sum = 0;
    for (const container of containers) {
      const one = quantityOr(container.resources?.limits?.[resource]);
      if (one === undefined) return undefined;
      sum += one;
    }
    return sum;
  };
  return { cpu: total('cpu'), memory: total('memory') };
}

/** A node's allocatable CPU and memory, the top of its charts. */
export function nodeAllocatable(node: KubeObject): UsageLimits {
  const allocatable = (node['status'] as { allocatable?: Record<string, string> } | undefined)
    ?.allocatable;
  return { cpu: quantityOr(allocatable?.['cpu']), memory: quantityOr(allocatable?.['memory']) };
}

export function PodUsage({ cluster, pod }: { cluster: string; pod: KubeObject }) {
  const namespace = pod.metadata.namespace ?? '';
  const name = pod.metadata.name;
  const limits = podLimits(pod);
  const allowed = useMayListPodUsage(cluster, namespace);
  return (
    <UsageSection
      cluster={cluster}
      historyKey={['pod', namespace, name]}
      allowed={allowed}
      read={() => readPodUsage(cluster, namespace, name)}
      limits={limits}
      note={
        limits.cpu === undefined && limits.memory === undefined
          ? undefined
          : 'Scaled to the pod’s limits.'
      }
    />
  );
}

export function NodeUsage({ cluster, node }: { cluster: string; node: KubeObject }) {
  const name = node.metadata.name;
  // Read as a list selected by name (readNodeUsage), so the question is `list`.
  const allowed = useMayRead(cluster, { verb: 'list', group: 'metrics.k8s.io', resource: 'nodes' });
  return (
    <UsageSection
      cluster={cluster}
      historyKey={['node', name]}
      allowed={allowed}
      read={() => readNodeUsage(cluster, name)}
      limits={nodeAllocatable(node)}
      note="Scaled to the node’s allocatable."
    />
  );
}

/** The summed usage of a workload's pods (those its selector picks). */
export function WorkloadUsage({ cluster, object }: { cluster: string; object: KubeObject }) {
  const namespace = object.metadata.namespace;
  const selector = selectorQuery((object['spec'] as { selector?: unknown } | undefined)?.selector);
  if (namespace === undefined || selector === null) return null;
  return <SelectedPodsUsage cluster={cluster} namespace={namespace} selector={selector} />;
}

function SelectedPodsUsage({
  cluster,
  namespace,
  selector,
}: {
  cluster: string;
  namespace: string;
  selector: string;
}) {
  const allowed = useMayListPodUsage(cluster, namespace);
  return (
    <UsageSection
      cluster={cluster}
      historyKey={['selected-pods', namespace, selector]}
      allowed={allowed}
      read={() => readSelectedPodsUsage(cluster, namespace, selector)}
      note="All of its pods together."
    />
  );
}
