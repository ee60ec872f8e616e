import type { ResourceKind } from '@/api/kube';

/** The kinds the resource map draws, by their `kind` name. */
export const MAP_KINDS = [
  'Ingress',
  'HTTPRoute',
  'Service',
  'CronJob',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'ReplicaSet',
  'Pod',
  'ConfigMap',
  'Secret',
  'PersistentVolumeClaim',
  'PersistentVolume',
  'Node',
] as const;
export type MapKind = (typeof MAP_KINDS)[number];

export const isMapKind = (value: string): value is MapKind =>
  (MAP_KINDS as readonly string[]).includes(value);

/** Where a map kind is served; the version discovery prefers wins over this one. */
export interface MapKindSource {
  kind: MapKind;
  group: string;
  version: string;
  resource: string;
  namespaced: boolean;
  /**
   * `metadata`: only names and labels are read (ConfigMaps and Secrets: their data never
   * reaches the browser for a map); `full`: the whole object (specs carry the relations).
   */
  read: 'full' | 'metadata';
}

const source = (
  kind: MapKind,
  group: string,
  version: string,
  resource: string,
  namespaced = true,
  read: 'full' | 'metadata' = 'full',
): MapKindSource => ({ kind, group, version, resource, namespaced, read });

export const KIND_SOURCES: Record<MapKind, MapKindSource> = {
  Ingress: source('Ingress', 'networking.k8s.io', 'v1', 'ingresses'),
  HTTPRoute: source('HTTPRoute', 'gateway.networking.k8s.io', 'v1', 'httproutes'),
  Service: source('Service', '', 'v1', 'services'),
  CronJob: source('CronJob', 'batch', 'v1', 'cronjobs'),
  Deployment: source('Deployment', 'apps', 'v1', 'deployments'),
  StatefulSet: source('StatefulSet', 'apps', 'v1', 'statefulsets'),
  DaemonSet: source('DaemonSet', 'apps', 'v1', 'daemonsets'),
  Job: source('Job', 'batch', 'v1', 'jobs'),
  ReplicaSet: source('ReplicaSet', 'apps', 'v1', 'replicasets'),
  Pod: source('Pod', '', 'v1', 'pods'),
  ConfigMap: source('ConfigMap', '', 'v1', 'configmaps', true, 'metadata'),
  Secret: source('Secret', '', 'v1', 'secrets', true, 'metadata'),
  PersistentVolumeClaim: source('PersistentVolumeClaim', '', 'v1', 'persistentvolumeclaims'),
  PersistentVolume: source('PersistentVolume', '', 'v1', 'persistentvolumes', false),
  Node: source('Node', '', 'v1', 'nodes', false),
};

/** Plural labels for filters and notes. */
export const KIND_PLURALS: Record<MapKind, string> = {
  Ingress: 'Ingresses',
  HTTPRoute: 'HTTPRoutes',
  Service: 'Services',
  CronJob: 'CronJobs',
  Deployment: 'Deployments',
  StatefulSet: 'StatefulSets',
  DaemonSet: 'DaemonSets',
  Job: 'Jobs',
  ReplicaSet: 'ReplicaSets',
  Pod: 'Pods',
  ConfigMap: 'ConfigMaps',
  Secret: 'Secrets',
  PersistentVolumeClaim: 'PersistentVolumeClaims',
  PersistentVolume: 'PersistentVolumes',
  Node: 'Nodes',
};

/**
 * The map's kinds as this cluster serves them: discovery's preferred version when it lists
 * the kind (HTTPRoute only exists with the Gateway API installed), else left out.
 */
export function servedKinds(discovered: readonly ResourceKind[]): MapKindSource[] {
  return MAP_KINDS.flatMap((kind) => {
    const fallback = KIND_SOURCES[kind];
    const found = discovered.find(
      (d) => d.group === fallback.group && d.resource === fallback.resource,
    );
    if (found === undefined || !found.verbs.includes('list')) return [];
    return [{ ...fallback, version: found.version, namespaced: found.namespaced }];
  });
}
