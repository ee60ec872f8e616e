import type { ObjectMeta } from '@/api/kube';
import { KindLink } from '@/details/KindLink';

type OwnerReference = NonNullable<ObjectMeta['ownerReferences']>[number];

/** One owner: a link once its kind is known, plain text before (or if it cannot be). */
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
  return (
    <>
      <KindLink
        cluster={cluster}
        apiVersion={owner.apiVersion}
        kind={owner.kind}
        namespace={namespace}
        name={owner.name}
        navigate={navigate}
      />
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
