import { useEffect, useState } from 'react';
import { canI } from '@/api/kube';
import type { ResourceKind } from '@/api/kube';
import { mapLimit } from '@/nav/limit';
import { loadDiscovery } from '@/nav/discovery';
import { reviewRules, rulesAllow } from '@/nav/rules';
import type { RulesReview } from '@/nav/rules';
import { useUserEpoch } from '@/nav/userEpoch';

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

const cache = new Map<string, { at: number; kinds: Promise<ResourceKind[]> }>();
const TTL_MS = 30_000;

/** [`listableKinds`] of the cluster's discovered kinds, shared for 30 s. */
export function loadListableKinds(
  cluster: string,
  namespaces: readonly string[],
): Promise<ResourceKind[]> {
  const key = JSON.stringify([cluster, [...namespaces].sort()]);
  const cached = cache.get(key);
  if (cached !== undefined && Date.now() - cached.at < TTL_MS) return cached.kinds;
  const kinds = loadDiscovery(cluster).then((d) => listableKinds(cluster, d.kinds, namespaces));
  cache.set(key, { at: Date.now(), kinds });
  kinds.catch(() => cache.delete(key));
  return kinds;
}

export function forgetListableKinds(): void {
  cache.clear();
}

export type Loaded<T> =
  { state: 'loading' } | { state: 'ok'; value: T } | { state: 'error'; message: string };

/** The kinds the user may list with `namespaces` in view. */
export function useListableKinds(
  cluster: string,
  namespaces: readonly string[],
): Loaded<ResourceKind[]> {
  const key = JSON.stringify([cluster, namespaces]);
  const epoch = useUserEpoch();
  const [loaded, setLoaded] = useState<{
    cluster: string;
    value: Loaded<ResourceKind[]>;
  } | null>(null);
  useEffect(() => {
    let live = true;
    const [c, ns] = JSON.parse(key) as [string, string[]];
    loadListableKinds(c, ns).then(
      (kinds) => {
        if (live) setLoaded({ cluster: c, value: { state: 'ok', value: kinds } });
      },
      (caught: unknown) => {
        const message =
          caught instanceof Error ? caught.message : 'the cluster could not be reached';
        if (live) setLoaded({ cluster: c, value: { state: 'error', message } });
      },
    );
    return () => {
      live = false;
    };
  }, [key, epoch]);
  // Keep showing the previous answer while the next one loads, so the sidebar does not blink.
  return loaded !== null && loaded.cluster === cluster ? loaded.value : { state: 'loading' };
}
