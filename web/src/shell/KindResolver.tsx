import type { ReactNode } from 'react';
import type { ResourceKind } from '@/api/kube';
import { clusterFactKey, useAppQuery } from '@/api/query';
import { resolveKind } from '@/nav/discovery';
import { groupVersion } from '@/nav/labels';
import type { KindRef } from '@/routes';
import { ErrorText } from '@/ui/ErrorText';

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
      <ErrorText>
        {resolved.error instanceof Error
          ? resolved.error.message
          : 'the cluster could not be reached'}
      </ErrorText>
    );
  }
  if (resolved.data === null) {
    return (
      <ErrorText>
        The cluster does not serve {resource} in {groupVersion({ group, version })}.
      </ErrorText>
    );
  }
  return <>{children(resolved.data)}</>;
}
