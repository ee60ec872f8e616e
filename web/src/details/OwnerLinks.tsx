import { useEffect, useState } from 'react';
import type { ObjectMeta } from '@/api/kube';
import { resolveKind } from '@/create/discovery';
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
  const [href, setHref] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    resolveKind(cluster, owner.apiVersion, owner.kind)
      .then((kind) => {
        if (live) {
          setHref(objectHref(cluster, kind, kind.namespaced ? namespace : undefined, owner.name));
        }
      })
      .catch(() => {
        // Unknown kind: the owner stays plain text.
      });
    return () => {
      live = false;
    };
  }, [cluster, owner.apiVersion, owner.kind, owner.name, namespace]);
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
