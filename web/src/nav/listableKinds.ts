import { canI } from '@/api/access';
import type { ResourceKind } from '@/api/kube';
import { clusterFactKey, useAppQuery } from '@/api/query';
import { mapLimit } from '@/nav/limit';
import { loadDiscovery } from '@/nav/discovery';
import { reviewRules, rulesAllow } from '@/nav/rules';
import type { RulesReview } from '@/nav/rules';

/**
 * The kinds a user may list, for the sidebar and the global search. A namespaced kind counts
 * when a SelfSubjectRulesReview of a namespace in view allows `list` there, or when the user
 * may list it in every namespace; a cluster-scoped kind when the user may list it at all.
 *
 * Few questions are asked: one access review settles it for users who may list everything;
 * otherwise the rules reviews (of the namespaces in view, else of `default`) rule out every
 * kind they do not allow, since a cluster-wide grant shows in every namespace's rules, and
 * only the kinds they do allow are confirmed with an access review.
 */
export async function listableKinds(
  cluster: string,
  kinds: readonly ResourceKind[],
  namespaces: readonly string[],
): Promise<ResourceKind[]> {
  if (await canI(cluster, { verb: 'list', group: '*', resource: '*' })) {
    return [...kinds];
  }
  const reviewed = namespaces.length > 0 ? namespaces.slice(0, 10) : ['default'];
  const inView = new Set(namespaces);
  const reviews = await Promise.all(
    reviewed.map((namespace) =>
      reviewRules(cluster, namespace).then(
        (review) => ({ namespace, review }),
        (): { namespace: string; review: RulesReview } => ({
          namespace,
          review: { rules: [], incomplete: true },
        }),
      ),
    ),
  );
  const allows = (review: RulesReview, kind: ResourceKind) =>
    rulesAllow(review.rules, 'list', kind.group, kind.resource);
  const notEverywhere = (kind: ResourceKind) =>
    reviews.some(({ review }) => !review.incomplete && !allows(review, kind));
  const allowed = await mapLimit(kinds, 6, async (kind) => {
    if (kind.namespaced) {
      for (const { namespace, review } of reviews) {
        if (!inView.has(namespace)) continue;
        if (allows(review, kind)) return true;
        if (
          review.incomplete &&
          (await canI(cluster, {
            verb: 'list',
            group: kind.group,
            resource: kind.resource,
            namespace,
          }))
        ) {
          return true;
        }
      }
    }
    if (notEverywhere(kind)) return false;
    return canI(cluster, { verb: 'list', group: kind.group, resource: kind.resource });
  });
  return kinds.filter((_, index) => allowed[index] === true);
}

const STALE_MS = 30_000;

function listableKindsQuery(cluster: string, namespaces: readonly string[]) {
  const sorted = [...namespaces].sort();
  return {
    queryKey: clusterFactKey(cluster, 'listable-kinds', sorted),
    queryFn: () => loadDiscovery(cluster).then((d) => listableKinds(cluster, d.kinds, namespaces)),
    staleTime: STALE_MS,
  };
}

/** The kinds the user may list with `namespaces` in view. */
export function useListableKinds(cluster: string, namespaces: readonly string[]) {
  return useAppQuery({
    ...listableKindsQuery(cluster, namespaces),
    // Keep showing the previous answer while the next one loads, so the sidebar does not blink.
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[1] === cluster ? previous : undefined,
  });
}
