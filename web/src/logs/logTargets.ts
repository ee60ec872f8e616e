import { kubeRequest } from '@/api/kube';
import type { KubeObject } from '@/api/kube';
import { isOwnedBy, selectorQuery, workloadSelector } from '@/api/related';
import type { LogResource } from '@/routes';

/** One container log to stream: a container of a pod. */
export interface LogSource {
  pod: string;
  container: string;
}

/** At most this many logs are streamed at once (the socket is shared with live lists). */
export const MAX_LOG_SOURCES = 40;

const DEFAULT_CONTAINER = 'kubectl.kubernetes.io/default-container';

interface PodSpecFields {
  containers?: { name?: string }[];
  initContainers?: { name?: string }[];
  ephemeralContainers?: { name?: string }[];
}

const names = (list: { name?: string }[] | undefined): string[] =>
  (list ?? []).map((c) => c.name).filter((n): n is string => typeof n === 'string' && n !== '');

/** The pod spec of a pod, or the pod template's of a workload. */
export function podSpecOf(object: KubeObject): PodSpecFields {
  const spec = object['spec'] as
    (PodSpecFields & { template?: { spec?: PodSpecFields } }) | undefined;
  if (object.kind === 'Pod' || spec?.template === undefined) return spec ?? {};
  return spec.template.spec ?? {};
}

/** Container names to offer: app containers first, then init and ephemeral ones. */
export function containerNames(object: KubeObject): string[] {
  const spec = podSpecOf(object);
  return [
    ...names(spec.containers),
    ...names(spec.initContainers),
    ...names(spec.ephemeralContainers),
  ];
}

/** The container `kubectl logs` picks: the default-container annotation, else the first. */
export function defaultContainer(object: KubeObject): string | undefined {
  const annotations =
    object.kind === 'Pod'
      ? object.metadata.annotations
      : (object['spec'] as { template?: { metadata?: { annotations?: Record<string, string> } } })
          ?.template?.metadata?.annotations;
  const named = annotations?.[DEFAULT_CONTAINER];
  const all = containerNames(object);
  if (named !== undefined && all.includes(named)) return named;
  return names(podSpecOf(object).containers)[0] ?? all[0];
}

/** The logs to stream: each pod's chosen container, or all of its app containers (`*`). */
export function logSources(
  pods: readonly string[],
  containers: readonly string[],
  chosen: string | undefined,
  fallback: string | undefined,
): LogSource[] {
  const wanted =
    chosen === '*' ? containers : [chosen ?? fallback].filter((c): c is string => c !== undefined);
  return pods.flatMap((pod) => wanted.map((container) => ({ pod, container })));
}

/** How a line's source is shown: pod, container or both, as far as they differ. */
export function sourceLabels(sources: readonly LogSource[]): string[] | null {
  const pods = new Set(sources.map((s) => s.pod));
  const containers = new Set(sources.map((s) => s.container));
  if (sources.length <= 1) return null;
  if (containers.size === 1) return sources.map((s) => s.pod);
  if (pods.size === 1) return sources.map((s) => s.container);
  return sources.map((s) => `${s.pod}/${s.container}`);
}

const GROUPS: Record<LogResource, string> = {
  pods: '/api/v1',
  deployments: '/apis/apps/v1',
  replicasets: '/apis/apps/v1',
  statefulsets: '/apis/apps/v1',
  daemonsets: '/apis/apps/v1',
  jobs: '/apis/batch/v1',
};

/** The API path of the object whose logs are shown. */
export function logTargetPath(resource: LogResource, namespace: string, name: string): string {
  const ns = encodeURIComponent(namespace);
  return `${GROUPS[resource]}/namespaces/${ns}/${resource}/${encodeURIComponent(name)}`;
}

/** The API path of a pod's log. */
export function podLogPath(namespace: string, pod: string): string {
  return `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log`;
}

interface ObjectList {
  items?: KubeObject[];
}

/**
 * The pods of a workload, sorted by name: those its selector matches that it owns (for a
 * Deployment, that its ReplicaSets own).
 */
export async function workloadPods(
  cluster: string,
  resource: LogResource,
  workload: KubeObject,
  signal?: AbortSignal,
): Promise<KubeObject[]> {
  if (resource === 'pods') return [workload];
  const selector = selectorQuery(workloadSelector(workload));
  if (selector === null) return [];
  const namespace = encodeURIComponent(workload.metadata.namespace ?? '');
  const query = `?labelSelector=${encodeURIComponent(selector)}`;
  const options = signal === undefined ? {} : { signal };
  const pods = await kubeRequest<ObjectList>(
    cluster,
    `/api/v1/namespaces/${namespace}/pods${query}`,
    options,
  );
  let owners = new Set([workload.metadata.uid ?? '']);
  if (resource === 'deployments') {
    const sets = await kubeRequest<ObjectList>(
      cluster,
      `/apis/apps/v1/namespaces/${namespace}/replicasets${query}`,
      options,
    );
    owners = new Set(
      (sets.items ?? [])
        .filter((set) => isOwnedBy(set, workload.metadata.uid ?? ''))
        .map((set) => set.metadata.uid ?? ''),
    );
  }
  return (pods.items ?? [])
    .filter((pod) => isOwnedBy(pod, owners))
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
}
