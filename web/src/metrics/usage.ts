import { kubeRequest } from '@/api/kube';
import { clusterFactKey, queryClient } from '@/api/query';
import { loadDiscovery } from '@/nav/discovery';
import { parseQuantity } from '@/api/quantity';

/** CPU in cores and memory in bytes. */
export interface Usage {
  cpu: number;
  memory: number;
}

const METRICS = '/apis/metrics.k8s.io/v1beta1';

/** Usage is read this often while a page shows it. */
export const SAMPLE_EVERY_MS = 15_000;

/** The query of whether the cluster serves the metrics API (kept until the user changes). */
export function metricsAvailableQuery(cluster: string) {
  return {
    queryKey: clusterFactKey(cluster, 'metrics-available'),
    // Discovery says whether the group is served, so a cluster without it is not sent a
    // request bound to fail (Chromium logs it as a console error). Without discovery, the
    // group itself is asked. Any failure counts as "no": nothing is shown.
    queryFn: () =>
      loadDiscovery(cluster).then(
        (discovery) => discovery.all.some((kind) => kind.group === 'metrics.k8s.io'),
        () =>
          kubeRequest<unknown>(cluster, METRICS).then(
            () => true,
            () => false,
          ),
      ),
    staleTime: Infinity,
  };
}

/**
 * Whether the cluster serves the metrics API (metrics-server): its group answers 200.
 * Asked once per cluster; any failure counts as "no" and nothing is shown.
 */
export function metricsAvailable(cluster: string): Promise<boolean> {
  return queryClient.fetchQuery(metricsAvailableQuery(cluster));
}

interface ContainerMetrics {
  usage?: Record<string, string>;
}

export interface PodMetrics {
  metadata?: { name?: string; namespace?: string };
  containers?: ContainerMetrics[];
}

export interface NodeMetrics {
  metadata?: { name?: string };
  usage?: Record<string, string>;
}

function quantity(text: string | undefined): number {
  if (text === undefined) return 0;
  const value = parseQuantity(text);
  return Number.isNaN(value) ? 0 : value;
}

/** A usage map (`{cpu: "25m", memory: "48Mi"}`) as numbers. */
export function usageOf(usage: Record<string, string> | undefined): Usage {
  return { cpu: quantity(usage?.['cpu']), memory: quantity(usage?.['memory']) };
}

/** A pod's usage: the sum of its containers'. */
export function podUsage(metrics: PodMetrics): Usage {
  return (metrics.containers ?? []).reduce<Usage>(
    (sum, container) => {
      const one = usageOf(container.usage);
      return { cpu: sum.cpu + one.cpu, memory: sum.memory + one.memory };
    },
    { cpu: 0, memory: 0 },
  );
}

const part = encodeURIComponent;

/** The one item a name-selected list holds; none yet is "no sample". */
function onlyItem<T>(list: { items?: T[] }, what: string): T {
  const item = list.items?.[0];
  if (item === undefined) throw new Error(`no usage of ${what} yet`);
  return item;
}

const byName = (name: string) => `fieldSelector=${part(`metadata.name=${name}`)}`;

// One object's usage is read as a list selected by name: a pod or node too new to have been
// scraped is then an empty list, not a 404 the browser would log as an error.
export async function readPodUsage(cluster: string, namespace: string, pod: string) {
  const list = await kubeRequest<{ items?: PodMetrics[] }>(
    cluster,
    `${METRICS}/namespaces/${part(namespace)}/pods?${byName(pod)}`,
  );
  return podUsage(onlyItem(list, `pod ${pod}`));
}

export async function readNodeUsage(cluster: string, node: string) {
  const list = await kubeRequest<{ items?: NodeMetrics[] }>(
    cluster,
    `${METRICS}/nodes?${byName(node)}`,
  );
  return usageOf(onlyItem(list, `node ${node}`).usage);
}

/** Every pod's usage (in one namespace when given), by `namespace/name`. */
export async function readPodsUsage(
  cluster: string,
  namespace: string | undefined,
): Promise<Map<string, Usage>> {
  const path =
    namespace === undefined ? `${METRICS}/pods` : `${METRICS}/namespaces/${part(namespace)}/pods`;
  const list = await kubeRequest<{ items?: PodMetrics[] }>(cluster, path);
  return new Map(
    (list.items ?? []).map((m) => [
      `${m.metadata?.namespace ?? ''}/${m.metadata?.name ?? ''}`,
      podUsage(m),
    ]),
  );
}

/**
 * The summed usage of the pods `selector` (a labelSelector query) picks in `namespace`, and
 * how many pods had a reading.
 */
export async function readSelectedPodsUsage(
  cluster: string,
  namespace: string,
  selector: string,
): Promise<Usage & { pods: number }> {
  const list = await kubeRequest<{ items?: PodMetrics[] }>(
    cluster,
    `${METRICS}/namespaces/${part(namespace)}/pods?labelSelector=${part(selector)}`,
  );
  return sumUsage((list.items ?? []).map(podUsage));
}

/** Usages added up, with how many there were. */
export function sumUsage(usages: Iterable<Usage>): Usage & { pods: number } {
  let cpu = 0;
  let memory = 0;
  let pods = 0;
  for (const one of usages) {
    cpu += one.cpu;
    memory += one.memory;
    pods += 1;
  }
  return { cpu, memory, pods };
}

/** Every node's usage, by name. */
export async function readNodesUsage(cluster: string): Promise<Map<string, Usage>> {
  const list = await kubeRequest<{ items?: NodeMetrics[] }>(cluster, `${METRICS}/nodes`);
  return new Map((list.items ?? []).map((m) => [m.metadata?.name ?? '', usageOf(m.usage)]));
}

/** Up to `digits` decimals, without trailing zeros ("1.5", "64"). */
function short(value: number, digits: number): string {
  return String(Number(value.toFixed(digits)));
}

/** CPU in millicores below one core ("250m"), else in cores ("1.25 cores", "64 cores"). */
export function formatCpu(cores: number): string {
  if (cores < 1) return `${Math.round(cores * 1000)}m`;
  const text = short(cores, cores < 10 ? 2 : 1);
  return `${text} ${text === '1' ? 'core' : 'cores'}`;
}

/** Memory in Mi below one Gi ("48Mi"), else in Gi ("1.6Gi", "512Gi"). */
export function formatMemory(bytes: number): string {
  const mi = bytes / 2 ** 20;
  return mi < 1024 ? `${Math.round(mi)}Mi` : `${short(mi / 1024, 1)}Gi`;
}
