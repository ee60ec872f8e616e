import { useQueries } from '@tanstack/react-query';
import { ApiError } from '@/api/http';
import { clusterGetKey, queryClient } from '@/api/query';
import { AppLink } from '@/details/AppLink';
import type { ManifestObject } from '@/helm/release';
import { objectUrl, pluralOf } from '@/helm/urls';

interface Live {
  spec?: { replicas?: number };
  status?: { readyReplicas?: number; numberReady?: number; desiredNumberScheduled?: number };
}

const MAX_CHECKED = 50;

/** What the cluster says of one object now. */
function health(kind: string, live: Live): string {
  if (kind === 'Deployment' || kind === 'StatefulSet' || kind === 'ReplicaSet') {
    return `${live.status?.readyReplicas ?? 0} of ${live.spec?.replicas ?? 1} ready`;
  }
  if (kind === 'DaemonSet') {
    return `${live.status?.numberReady ?? 0} of ${live.status?.desiredNumberScheduled ?? 0} ready`;
  }
  return 'present';
}

function apiPath(object: ManifestObject, namespaced: boolean): string {
  const prefix = object.apiVersion.includes('/')
    ? `/apis/${object.apiVersion}`
    : `/api/${object.apiVersion}`;
  const ns =
    namespaced && object.namespace !== undefined
      ? `/namespaces/${encodeURIComponent(object.namespace)}`
      : '';
  return `${prefix}${ns}/${pluralOf(object.kind)}/${encodeURIComponent(object.name)}`;
}

const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'StorageClass',
  'PersistentVolume',
  'PriorityClass',
  'IngressClass',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'APIService',
]);

/** The objects a release made, linked to their pages, with their state in the cluster. */
export function ManifestObjects({
  cluster,
  objects,
  navigate,
}: {
  cluster: string;
  objects: ManifestObject[];
  navigate: (to: string) => void;
}) {
  const checked = objects.slice(0, MAX_CHECKED);
  const reads = useQueries(
    {
      queries: checked.map((object) => ({
        queryKey: clusterGetKey(cluster, apiPath(object, !CLUSTER_SCOPED.has(object.kind))),
      })),
    },
    queryClient,
  );
  const states: Record<string, string> = {};
  checked.forEach((object, index) => {
    const read = reads[index];
    if (read === undefined || read.isPending) return;
    states[`${object.kind}/${object.namespace ?? ''}/${object.name}`] = read.isSuccess
      ? health(object.kind, read.data as Live)
      : read.error instanceof ApiError && read.error.status === 404
        ? 'missing'
        : read.error instanceof ApiError && read.error.status === 403
          ? 'you may not read it'
          : 'unknown';
  });

  return (
    <table className="helm-table" aria-label="Objects">
      <thead>
        <tr>
          <th scope="col">Kind</th>
          <th scope="col">Name</th>
          <th scope="col">Namespace</th>
          <th scope="col">In the cluster</th>
        </tr>
      </thead>
      <tbody>
        {objects.map((object) => {
          const namespaced = !CLUSTER_SCOPED.has(object.kind);
          const key = `${object.kind}/${object.namespace ?? ''}/${object.name}`;
          const to = objectUrl(
            cluster,
            object.apiVersion,
            object.kind,
            namespaced ? object.namespace : undefined,
            object.name,
          );
          return (
            <tr key={key}>
              <td>{object.kind}</td>
              <td>
                <AppLink href={to} navigate={navigate}>
                  {object.name}
                </AppLink>
              </td>
              <td>{namespaced ? object.namespace : ''}</td>
              <td>{states[key] ?? '…'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
