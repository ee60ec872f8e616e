import { collectionPath, kubeRequest } from '@/api/kube';
import type { ResourceKind } from '@/api/kube';
import { categoryOf } from '@/nav/categories';
import { mapLimit } from '@/nav/limit';

/**
 * The header's search: objects whose name contains the words typed, across the kinds the
 * user may list. Each kind costs one metadata-only list (first 500 objects) per namespace
 * in view, at most `maxKinds` kinds, `concurrency` requests at a time.
 */

const METADATA_LIST_ACCEPT =
  'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';

/** Searched first, in this order; then custom resources, then the rest. */
const FIRST = [
  'pods',
  'deployments',
  'services',
  'configmaps',
  'secrets',
  'statefulsets',
  'daemonsets',
  'jobs',
  'cronjobs',
  'ingresses',
  'persistentvolumeclaims',
  'serviceaccounts',
  'namespaces',
  'nodes',
  'persistentvolumes',
  'roles',
  'rolebindings',
];

/** Lists of these are long and their names say little. */
const SKIPPED = new Set(['events', 'endpoints', 'endpointslices', 'leases', 'replicasets']);

export interface SearchHit {
  kind: ResourceKind;
  namespace: string | undefined;
  name: string;
}

/** The kinds worth searching, most useful first, at most `max`. */
export function kindsToSearch(kinds: readonly ResourceKind[], max = 20): ResourceKind[] {
  return rankKinds(kinds, SKIPPED, max, FIRST);
}

/** The palette's order: ReplicaSets right after the Deployments that own them. */
const FIRST_TO_FIND = FIRST.flatMap((resource) =>
  resource === 'deployments' ? [resource, 'replicasets'] : [resource],
);

/** Never worth a palette's look: their names say nothing a person would type. */
const NEVER = new Set(['events', 'endpoints', 'endpointslices', 'leases']);

/**
 * The kinds the command palette finds objects of: every listable kind (ReplicaSets too),
 * most useful first, at most `max`.
 */
export function kindsToFind(kinds: readonly ResourceKind[], max = 60): ResourceKind[] {
  return rankKinds(kinds, NEVER, max, FIRST_TO_FIND);
}

function rankKinds(
  kinds: readonly ResourceKind[],
  skipped: ReadonlySet<string>,
  max: number,
  first: readonly string[],
): ResourceKind[] {
  const rank = (kind: ResourceKind) => {
    const builtIn = kind.group === '' || categoryOf(kind) !== 'Custom resources';
    const at = first.indexOf(kind.resource);
    if (builtIn && at >= 0) return at;
    return builtIn ? first.length + 100 : first.length;
  };
  return kinds
    .filter((kind) => !skipped.has(kind.resource) && kind.verbs.includes('list'))
    .map((kind, index) => ({ kind, index, rank: rank(kind) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .slice(0, max)
    .map((entry) => entry.kind);
}

interface MetadataList {
  items?: { metadata?: { name?: string; namespace?: string } }[];
}

/** Exact names first, then names starting with the term, then the rest. */
function score(name: string, term: string): number {
  if (name === term) return 0;
  return name.startsWith(term) ? 1 : 2;
}

/**
 * Searches `term` in `kinds`, in `namespaces` (undefined: all namespaces); `onHits` sees the
 * hits so far after each kind answers. Refused or failed lists are skipped.
 */
export async function searchNames(
  cluster: string,
  kinds: readonly ResourceKind[],
  term: string,
  namespaces: readonly string[] | undefined,
  options: {
    signal?: AbortSignal;
    concurrency?: number;
    maxHits?: number;
    onHits?: (hits: SearchHit[]) => void;
  } = {},
): Promise<SearchHit[]> {
  const needle = term.trim().toLowerCase();
  const jobs = kinds.flatMap((kind): { kind: ResourceKind; namespace: string | undefined }[] =>
    kind.namespaced && namespaces !== undefined && namespaces.length > 0
      ? namespaces.map((namespace) => ({ kind, namespace }))
      : [{ kind, namespace: undefined }],
  );
  const found: { hit: SearchHit; score: number; order: number }[] = [];
  const sorted = () =>
    [...found]
      .sort(
        (a, b) => a.score - b.score || a.order - b.order || a.hit.name.localeCompare(b.hit.name),
      )
      .slice(0, options.maxHits ?? 50)
      .map((entry) => entry.hit);
  await mapLimit(jobs, options.concurrency ?? 4, async ({ kind, namespace }, order) => {
    if (options.signal?.aborted === true) return;
    let list: MetadataList;
    try {
      list = await kubeRequest<MetadataList>(
        cluster,
        `${collectionPath(kind, namespace)}?limit=500`,
        {
          accept: METADATA_LIST_ACCEPT,
          ...(options.signal === undefined ? {} : { signal: options.signal }),
        },
      );
    } catch {
      return;
    }
    for (const item of list.items ?? []) {
      const name = item.metadata?.name;
      if (name === undefined || !name.toLowerCase().includes(needle)) continue;
      found.push({
        hit: { kind, namespace: item.metadata?.namespace, name },
        score: score(name.toLowerCase(), needle),
        order,
      });
    }
    if (options.signal?.aborted === false || options.signal === undefined) {
      options.onHits?.(sorted());
    }
  });
  return sorted();
}
