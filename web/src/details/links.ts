import type { ResourceKind } from '@/api/kube';

/** What a link to a kind needs: its group, version and plural resource name. */
export type KindRef = Pick<ResourceKind, 'group' | 'version' | 'resource'>;

const part = encodeURIComponent;

function kindPath(cluster: string, kind: KindRef): string {
  const group = kind.group === '' ? 'core' : kind.group;
  return `/c/${part(cluster)}/r/${part(group)}/${part(kind.version)}/${part(kind.resource)}`;
}

/** Lanthorn's URL of one object: `/c/CLUSTER/r/GROUP|core/VERSION/RESOURCE/NAMESPACE|_/NAME`. */
export function objectHref(
  cluster: string,
  kind: KindRef,
  namespace: string | undefined,
  name: string,
): string {
  const ns = namespace === undefined || namespace === '' ? '_' : part(namespace);
  return `${kindPath(cluster, kind)}/${ns}/${part(name)}`;
}

/** Lanthorn's URL of a kind's list, in one namespace when given: `/c/CLUSTER/r/G/V/R?ns=NS`. */
export function listHref(cluster: string, kind: KindRef, namespace?: string): string {
  const query = namespace === undefined || namespace === '' ? '' : `?ns=${part(namespace)}`;
  return `${kindPath(cluster, kind)}${query}`;
}

/** Lanthorn's sign-in page for a cluster, coming back to `returnTo` afterwards. */
export function signInHref(cluster: string, returnTo: string): string {
  return `/c/${part(cluster)}/sign-in?return=${part(returnTo)}`;
}

/** Kinds that details pages link to. */
export const kinds = {
  pods: { group: '', version: 'v1', resource: 'pods' },
  nodes: { group: '', version: 'v1', resource: 'nodes' },
  persistentVolumes: { group: '', version: 'v1', resource: 'persistentvolumes' },
  persistentVolumeClaims: { group: '', version: 'v1', resource: 'persistentvolumeclaims' },
  replicaSets: { group: 'apps', version: 'v1', resource: 'replicasets' },
  jobs: { group: 'batch', version: 'v1', resource: 'jobs' },
  endpointSlices: { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices' },
  secrets: { group: '', version: 'v1', resource: 'secrets' },
  configMaps: { group: '', version: 'v1', resource: 'configmaps' },
  serviceAccounts: { group: '', version: 'v1', resource: 'serviceaccounts' },
  services: { group: '', version: 'v1', resource: 'services' },
  deployments: { group: 'apps', version: 'v1', resource: 'deployments' },
  statefulSets: { group: 'apps', version: 'v1', resource: 'statefulsets' },
  ingressClasses: { group: 'networking.k8s.io', version: 'v1', resource: 'ingressclasses' },
  storageClasses: { group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses' },
  roles: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'roles' },
  clusterRoles: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterroles' },
  gateways: { group: 'gateway.networking.k8s.io', version: 'v1', resource: 'gateways' },
} as const satisfies Record<string, KindRef>;

/** Namespaced kinds an object names by group and kind that need no discovery to link to. */
const known: Record<string, KindRef> = {
  '/Pod': kinds.pods,
  '/Service': kinds.services,
  '/Secret': kinds.secrets,
  '/ConfigMap': kinds.configMaps,
  '/ServiceAccount': kinds.serviceAccounts,
  '/PersistentVolumeClaim': kinds.persistentVolumeClaims,
  'apps/Deployment': kinds.deployments,
  'apps/StatefulSet': kinds.statefulSets,
  'apps/ReplicaSet': kinds.replicaSets,
  'gateway.networking.k8s.io/Gateway': kinds.gateways,
};

/** The namespaced kind a group (`''` for core) and kind name, if it is one of the common ones. */
export function knownKind(group: string, kind: string): KindRef | undefined {
  return known[`${group}/${kind}`];
}
