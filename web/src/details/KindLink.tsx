import type { ReactNode } from 'react';
import type { ResourceKind } from '@/api/kube';
import { clusterFactKey, useAppQuery } from '@/api/query';
import { splitApiVersion, resolveKind } from '@/nav/apiVersions';
import { loadDiscovery } from '@/nav/discovery';
import { AppLink } from '@/details/AppLink';
import { knownKind, objectHref } from '@/details/links';

/** The kind a group serves under this name, in the group's preferred version. */
async function kindInGroup(cluster: string, group: string, kind: string): Promise<ResourceKind> {
  const found = (await loadDiscovery(cluster)).kinds.find(
    (candidate) => candidate.group === group && candidate.kind === kind,
  );
  if (found === undefined) throw new Error(`the cluster has no kind ${kind} in ${group}`);
  return found;
}

/**
 * A link to an object named by its kind: by `apiVersion` (an owner, a scale target) or by
 * group alone (a backend, a parent reference). Common kinds link at once; any other once
 * discovery has said which resource the kind is, and stays plain text if it cannot.
 */
export function KindLink({
  cluster,
  apiVersion,
  group,
  kind,
  namespace,
  name,
  navigate,
  children,
}: {
  cluster: string;
  kind: string;
  /** The object's namespace, if its kind is namespaced. */
  namespace: string | undefined;
  name: string;
  navigate: (to: string) => void;
  children?: ReactNode;
} & ({ apiVersion: string; group?: never } | { group: string; apiVersion?: never })) {
  const inGroup = apiVersion === undefined ? (group ?? '') : splitApiVersion(apiVersion).group;
  const fixed = knownKind(inGroup, kind);
  // An unknown kind (the query fails): the object stays plain text.
  const resolved = useAppQuery({
    queryKey:
      apiVersion === undefined
        ? clusterFactKey(cluster, 'kind-in-group', inGroup, kind)
        : clusterFactKey(cluster, 'kind-of', apiVersion, kind),
    queryFn: () =>
      apiVersion === undefined
        ? kindInGroup(cluster, inGroup, kind)
        : resolveKind(cluster, apiVersion, kind),
    enabled: fixed === undefined,
  }).data;
  const href =
    fixed !== undefined
      ? objectHref(cluster, fixed, namespace, name)
      : resolved === undefined
        ? null
        : objectHref(cluster, resolved, resolved.namespaced ? namespace : undefined, name);
  const label = children ?? `${kind} ${name}`;
  return href === null ? (
    <>{label}</>
  ) : (
    <AppLink href={href} navigate={navigate}>
      {label}
    </AppLink>
  );
}
