import type { ResourceKind } from '@/api/kube';

/** The sidebar's sections, in display order. */
export const CATEGORIES = [
  'Workloads',
  'Network',
  'Storage',
  'Configuration',
  'Access control',
  'Cluster',
  'Custom resources',
] as const;

export type Category = (typeof CATEGORIES)[number];

/** Built-in resources by section, in the order the sidebar shows them. */
const BY_RESOURCE: Record<Exclude<Category, 'Custom resources'>, string[]> = {
  Workloads: [
    'pods',
    'deployments',
    'replicasets',
    'statefulsets',
    'daemonsets',
    'jobs',
    'cronjobs',
    'replicationcontrollers',
    'podtemplates',
    'controllerrevisions',
  ],
  Network: [
    'services',
    'endpoints',
    'endpointslices',
    'ingresses',
    'ingressclasses',
    'networkpolicies',
  ],
  Storage: [
    'persistentvolumeclaims',
    'persistentvolumes',
    'storageclasses',
    'volumeattachments',
    'csidrivers',
    'csinodes',
    'csistoragecapacities',
    'volumeattributesclasses',
  ],
  Configuration: [
    'configmaps',
    'secrets',
    'resourcequotas',
    'limitranges',
    'horizontalpodautoscalers',
    'poddisruptionbudgets',
    'priorityclasses',
    'runtimeclasses',
    'leases',
    'mutatingwebhookconfigurations',
    'validatingwebhookconfigurations',
    'validatingadmissionpolicies',
    'validatingadmissionpolicybindings',
    'mutatingadmissionpolicies',
    'mutatingadmissionpolicybindings',
  ],
  'Access control': [
    'serviceaccounts',
    'roles',
    'rolebindings',
    'clusterroles',
    'clusterrolebindings',
  ],
  Cluster: [
    'namespaces',
    'nodes',
    'events',
    'apiservices',
    'customresourcedefinitions',
    'componentstatuses',
    'certificatesigningrequests',
  ],
};

/** API groups Kubernetes itself serves; other groups come from CRDs or aggregated APIs. */
const BUILT_IN_GROUPS = new Set([
  '',
  'apps',
  'batch',
  'autoscaling',
  'policy',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'apiserverinternal.k8s.io',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'internal.apiserver.k8s.io',
  'networking.k8s.io',
  'node.k8s.io',
  'rbac.authorization.k8s.io',
  'resource.k8s.io',
  'scheduling.k8s.io',
  'storage.k8s.io',
  'storagemigration.k8s.io',
]);

/** Groups installed by CRDs that still belong with the built-in sections. */
const EXTENSION_GROUPS: Record<string, Category> = {
  'gateway.networking.k8s.io': 'Network',
  'gateway.networking.x-k8s.io': 'Network',
  'snapshot.storage.k8s.io': 'Storage',
  'metrics.k8s.io': 'Cluster',
};

const rank = new Map<string, number>();
for (const list of Object.values(BY_RESOURCE)) list.forEach((r, i) => rank.set(r, i));

/** The sidebar section a kind belongs in. */
export function categoryOf(kind: Pick<ResourceKind, 'group' | 'resource'>): Category {
  const extension = EXTENSION_GROUPS[kind.group];
  if (extension !== undefined) return extension;
  if (!BUILT_IN_GROUPS.has(kind.group)) return 'Custom resources';
  for (const [category, resources] of Object.entries(BY_RESOURCE)) {
    if (resources.includes(kind.resource)) return category as Category;
  }
  return 'Cluster';
}

export interface KindSection {
  category: Category;
  kinds: ResourceKind[];
}

/**
 * Kinds in sidebar sections: the well-known ones in their usual order, the rest by kind name.
 * Where a resource is served by several groups (events in `''` and `events.k8s.io`), the
 * core one is kept.
 */
export function sectionKinds(kinds: readonly ResourceKind[]): KindSection[] {
  const seen = new Set<string>();
  const unique = [...kinds]
    .sort((a, b) => (a.group === '' ? 0 : 1) - (b.group === '' ? 0 : 1))
    .filter((kind) => {
      const builtIn = categoryOf(kind) !== 'Custom resources';
      const key = builtIn ? kind.resource : `${kind.group}/${kind.resource}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  return CATEGORIES.map((category) => ({
    category,
    kinds: unique
      .filter((kind) => categoryOf(kind) === category)
      .sort((a, b) => {
        const ra = rank.get(a.resource) ?? Number.MAX_SAFE_INTEGER;
        const rb = rank.get(b.resource) ?? Number.MAX_SAFE_INTEGER;
        return ra - rb || a.kind.localeCompare(b.kind) || a.group.localeCompare(b.group);
      }),
  })).filter((section) => section.kinds.length > 0);
}
