import type { ReactNode } from 'react';
import type { ResourceKind } from '@/api/kube';
import { clusterFactKey, useAppQuery } from '@/api/query';
import { resolveKind } from '@/nav/discovery';
import { groupVersion } from '@/nav/labels';
import type { KindRef } from '@/routes';

/** Finds the kind a URL names (through discovery) and renders `children` with it. */
export function KindResolver({
  cluster,
  kindRef,
  children,
}: {
  cluster: string;
  kindRef: KindRef;
  children: (kind: ResourceKind) => ReactNode;
}) {
  const { group, version, resource } = kindRef;
  const resolved = useAppQuery({
    queryKey: clusterFactKey(cluster, 'kind', group, version, resource),
    queryFn: async () => (await resolveKind(cluster, { group, version, resource })) ?? null,
  });

  if (resolved.isPending) return <p className="muted">Loading…</p>;
  if (resolved.isError) {
    return (
      <p role="alert" className="error">
        {resolved.error instanceof Error
          ? resolved.error.message
          : 'the cluster could not be reached'}
      </p>
    );
  }
  if (resolved.data === null) {
    return (
      <p role="alert" className="error">
        The cluster does not serve {resource} in {groupVersion({ group, version })}.
      </p>
    );
  }
  return <>{children(resolved.data)}</>;
}
