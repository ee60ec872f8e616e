import type { ObjectMeta } from '@/api/kube';
import { clusterFactKey, useAppQuery } from '@/api/query';
import { resolveKind } from '@/nav/apiVersions';
import { AppLink } from '@/details/AppLink';
import { objectHref } from '@/details/links';

type OwnerReference = NonNullable<ObjectMeta['ownerReferences']>[number];

/** One owner: a link once discovery has told which resource its kind is, plain text before. */
function OwnerLink({
  cluster,
  owner,
  namespace,
  navigate,
}: {
  cluster: string;
  owner: OwnerReference;
  namespace: string | undefined;
  navigate: (to: string) => void;
}) {
  // An unknown kind (the query fails): the owner stays plain text.
  const kind = useAppQuery({
    queryKey: clusterFactKey(cluster, 'kind-of', owner.apiVersion, owner.kind),
    queryFn: () => resolveKind(cluster, owner.apiVersion, owner.kind),
  }).data;
  const href =
    kind === undefined
      ? null
      : objectHref(cluster, kind, kind.namespaced ? namespace : undefined, owner.name);
  const label = `${owner.kind} ${owner.name}`;
  return (
    <>
      {href === null ? (
        label
      ) : (
        <AppLink href={href} navigate={navigate}>
          {label}
        </AppLink>
      )}
      {owner.controller === true && <span className="muted"> (controller)</span>}
    </>
  );
}

/** The objects that own this one (an owner is always in the same namespace, or cluster-scoped). */
export function OwnerLinks({
  cluster,
  metadata,
  navigate,
}: {
  cluster: string;
  metadata: ObjectMeta;
  navigate: (to: string) => void;
}) {
  const owners = metadata.ownerReferences ?? [];
  if (owners.length === 0) {
    return null;
  }
  return (
    <section className="details-section">
      <h2>Owned by</h2>
      <ul>
        {owners.map((owner) => (
          <li key={owner.uid}>
            <OwnerLink
              cluster={cluster}
              owner={owner}
              namespace={metadata.namespace}
              navigate={navigate}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
