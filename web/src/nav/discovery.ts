import { kubeRequest } from '@/api/kube';
import type { ResourceKind } from '@/api/kube';
import { clusterFactKey, queryClient } from '@/api/query';
import { mapLimit } from '@/nav/limit';
import type { KindRef } from '@/routes';

/**
 * What kinds a cluster serves. Aggregated discovery (`apidiscovery.k8s.io/v2`, two requests)
 * when the API server offers it, else the legacy documents (one request per group).
 */

export const AGGREGATED_ACCEPT =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json';

export interface Discovery {
  /** The preferred version of every group, kinds that can be listed, no subresources. */
  kinds: ResourceKind[];
  /** Every kind of every version seen (for resolving a URL naming another version). */
  all: ResourceKind[];
}

interface AggregatedResource {
  resource?: string;
  responseKind?: { kind?: string };
  scope?: string;
  verbs?: string[];
  shortNames?: string[];
}

interface AggregatedGroup {
  metadata?: { name?: string };
  versions?: { version?: string; resources?: AggregatedResource[] }[];
}

interface AggregatedList {
  kind?: string;
  items?: AggregatedGroup[];
}

interface LegacyResource {
  name?: string;
  kind?: string;
  namespaced?: boolean;
  verbs?: string[];
  shortNames?: string[];
}

interface LegacyResourceList {
  resources?: LegacyResource[];
}

interface LegacyGroupList {
  kind?: string;
  groups?: { name?: string; preferredVersion?: { version?: string } }[];
}

interface LegacyVersions {
  versions?: string[];
}

/** The kinds of an `APIGroupDiscoveryList`; the first version of each group is preferred. */
export function kindsFromAggregated(list: AggregatedList): Discovery {
  const kinds: ResourceKind[] = [];
  const all: ResourceKind[] = [];
  for (const group of list.items ?? []) {
    const name = group.metadata?.name ?? '';
    (group.versions ?? []).forEach((version, index) => {
      for (const resource of version.resources ?? []) {
        if (resource.resource === undefined || version.version === undefined) continue;
        const kind: ResourceKind = {
          group: name,
          version: version.version,
          resource: resource.resource,
          kind: resource.responseKind?.kind ?? resource.resource,
          namespaced: resource.scope === 'Namespaced',
          verbs: resource.verbs ?? [],
          shortNames: resource.shortNames ?? [],
        };
        all.push(kind);
        if (index === 0 && kind.verbs.includes('list')) kinds.push(kind);
      }
    });
  }
  return { kinds, all };
}

/** The kinds of a legacy `APIResourceList` (subresources such as `pods/log` left out). */
export function kindsFromResourceList(
  group: string,
  version: string,
  list: LegacyResourceList,
): ResourceKind[] {
  return (list.resources ?? [])
    .filter((r): r is LegacyResource & { name: string } => r.name !== undefined)
    .filter((r) => !r.name.includes('/'))
    .map((r) => ({
      group,
      version,
      resource: r.name,
      kind: r.kind ?? r.name,
      namespaced: r.namespaced === true,
      verbs: r.verbs ?? [],
      shortNames: r.shortNames ?? [],
    }));
}

function groupVersionPath(group: string, version: string): string {
  return group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
}

async function legacyDiscovery(cluster: string, groups: LegacyGroupList): Promise<Discovery> {
  const core = await kubeRequest<LegacyVersions>(cluster, '/api');
  const versions: [string, string][] = [];
  const coreVersion = core.versions?.[0];
  if (coreVersion !== undefined) versions.push(['', coreVersion]);
  for (const group of groups.groups ?? []) {
    const preferred = group.preferredVersion?.version;
    if (group.name !== undefined && preferred !== undefined) versions.push([group.name, preferred]);
  }
  const lists = await mapLimit(versions, 8, async ([group, version]) => {
    try {
      const list = await kubeRequest<LegacyResourceList>(cluster, groupVersionPath(group, version));
      return kindsFromResourceList(group, version, list);
    } catch {
      // An aggregated API that is down: leave its kinds out rather than fail everything.
      return [];
    }
  });
  const all = lists.flat();
  return { all, kinds: all.filter((kind) => kind.verbs.includes('list')) };
}

async function discover(cluster: string): Promise<Discovery> {
  const groups = await kubeRequest<AggregatedList & LegacyGroupList>(cluster, '/apis', {
    accept: AGGREGATED_ACCEPT,
  });
  if (groups.kind !== 'APIGroupDiscoveryList') {
    return legacyDiscovery(cluster, groups);
  }
  const core = await kubeRequest<AggregatedList>(cluster, '/api', { accept: AGGREGATED_ACCEPT });
  const coreKinds = kindsFromAggregated(core);
  const groupKinds = kindsFromAggregated(groups);
  return {
    kinds: [...coreKinds.kinds, ...groupKinds.kinds],
    all: [...coreKinds.all, ...groupKinds.all],
  };
}

/** The cluster's kinds, asked once per cluster (until the user changes). */
export function loadDiscovery(cluster: string): Promise<Discovery> {
  return queryClient.fetchQuery({
    queryKey: clusterFactKey(cluster, 'discovery'),
    queryFn: () => discover(cluster),
    staleTime: Infinity,
  });
}

/** The kind a URL names: from discovery, else from its group-version's own document. */
export async function resolveKind(
  cluster: string,
  ref: KindRef,
): Promise<ResourceKind | undefined> {
  const same = (kind: ResourceKind) =>
    kind.group === ref.group && kind.version === ref.version && kind.resource === ref.resource;
  const discovery = await loadDiscovery(cluster);
  const known = discovery.all.find(same);
  if (known !== undefined) return known;
  try {
    const list = await kubeRequest<LegacyResourceList>(
      cluster,
      groupVersionPath(ref.group, ref.version),
    );
    return kindsFromResourceList(ref.group, ref.version, list).find(same);
  } catch {
    return undefined;
  }
}
