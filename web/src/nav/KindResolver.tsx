import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { ResourceKind } from '@/api/kube';
import { resolveKind } from '@/nav/discovery';
import { groupVersion } from '@/nav/labels';
import type { KindRef } from '@/routes';

type Resolved =
  | { state: 'loading' }
  | { state: 'ok'; kind: ResourceKind }
  | { state: 'missing' }
  | { state: 'error'; message: string };

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
  const key = JSON.stringify([cluster, group, version, resource]);
  const [resolved, setResolved] = useState<{ key: string; value: Resolved } | null>(null);
  useEffect(() => {
    let live = true;
    resolveKind(cluster, { group, version, resource }).then(
      (kind) => {
        if (live)
          setResolved({
            key,
            value: kind === undefined ? { state: 'missing' } : { state: 'ok', kind },
          });
      },
      (caught: unknown) => {
        const message =
          caught instanceof Error ? caught.message : 'the cluster could not be reached';
        if (live) setResolved({ key, value: { state: 'error', message } });
      },
    );
    return () => {
      live = false;
    };
  }, [cluster, group, version, resource, key]);

  const value = resolved?.key === key ? resolved.value : { state: 'loading' as const };
  switch (value.state) {
    case 'loading':
      return <p className="muted">Loading…</p>;
    case 'missing':
      return (
        <p role="alert" className="error">
          The cluster does not serve {resource} in {groupVersion({ group, version })}.
        </p>
      );
    case 'error':
      return (
        <p role="alert" className="error">
          {value.message}
        </p>
      );
    case 'ok':
      return <>{children(value.kind)}</>;
  }
}
