import { useMemo } from 'react';
import { ApiError, errorStatus } from '@/api/http';
import type { KubeObject } from '@/api/kube';
import { clusterFactKey, readFailure, useAppQuery, useClusterGet } from '@/api/query';
import { LogViewer } from '@/logs/LogViewer';
import {
  containerNames,
  defaultContainer,
  logSources,
  logTargetPath,
  MAX_LOG_SOURCES,
  workloadPods,
} from '@/logs/logTargets';
import { Link, useNavigate } from '@/nav/navigation';
import { detailsUrl, logsUrl } from '@/routes';
import type { KindRef, LogQuery, LogQueryPatch, LogResource } from '@/routes';
import { ErrorText } from '@/ui/ErrorText';

const KINDS: Record<LogResource, { kind: string; ref: KindRef }> = {
  pods: { kind: 'Pod', ref: { group: '', version: 'v1', resource: 'pods' } },
  deployments: {
    kind: 'Deployment',
    ref: { group: 'apps', version: 'v1', resource: 'deployments' },
  },
  replicasets: {
    kind: 'ReplicaSet',
    ref: { group: 'apps', version: 'v1', resource: 'replicasets' },
  },
  statefulsets: {
    kind: 'StatefulSet',
    ref: { group: 'apps', version: 'v1', resource: 'statefulsets' },
  },
  daemonsets: { kind: 'DaemonSet', ref: { group: 'apps', version: 'v1', resource: 'daemonsets' } },
  jobs: { kind: 'Job', ref: { group: 'batch', version: 'v1', resource: 'jobs' } },
};

const NO_PODS: string[] = [];

/** Why a workload's pods could not be listed. */
function podsFailure(caught: unknown): string {
  return caught instanceof ApiError && caught.status === 403
    ? 'you may not list its pods'
    : caught instanceof Error
      ? caught.message
      : 'its pods could not be listed';
}

/** The names of the pods whose logs a workload's page shows (the pod itself for a pod). */
function usePodsOf(cluster: string, resource: LogResource, object: KubeObject | null) {
  // The object is identified by its uid.
  const uid = object?.metadata.uid ?? '';
  return useAppQuery({
    queryKey: clusterFactKey(cluster, 'log-pods', resource, uid),
    queryFn: async ({ signal }) => {
      if (object === null) return [];
      const found = await workloadPods(cluster, resource, object, signal);
      return found.map((p) => p.metadata.name);
    },
    enabled: object !== null,
  });
}

/** `/c/CLUSTER/logs/NS/RESOURCE/NAME`: the logs of a pod, or of every pod of a workload. */
export function LogsPage({
  cluster,
  namespace,
  resource,
  name,
  query,
}: {
  cluster: string;
  namespace: string;
  resource: LogResource;
  name: string;
  query: LogQuery;
}) {
  const navigate = useNavigate();
  const { kind, ref } = KINDS[resource];
  const loaded = useClusterGet<KubeObject>(cluster, logTargetPath(resource, namespace, name));
  const object = loaded.isSuccess ? loaded.data : null;
  const pods = usePodsOf(cluster, resource, object);
  const containers = useMemo(() => (object === null ? [] : containerNames(object)), [object]);
  const fallback = object === null ? undefined : defaultContainer(object);
  const container = query.container ?? fallback;
  const podNames = pods.isSuccess ? pods.data : NO_PODS;
  const allSources = useMemo(
    () => logSources(podNames, containers, query.container, fallback),
    [podNames, containers, query.container, fallback],
  );
  const sources = useMemo(() => allSources.slice(0, MAX_LOG_SOURCES), [allSources]);

  const onQuery = (patch: LogQueryPatch, replace = false) => {
    navigate(logsUrl(cluster, namespace, resource, name, { ...query, ...patch }), { replace });
  };

  return (
    <article className="logs-page">
      <header className="details-header">
        <p className="muted">
          <Link href={detailsUrl(cluster, ref, namespace, name)}>
            {kind} {name}
          </Link>{' '}
          in {namespace}
        </p>
        <h1>
          Logs of {kind} {name}
        </h1>
      </header>
      {loaded.isPending && <p>Loading…</p>}
      {loaded.isError && (
        <ErrorText>
          {errorStatus(loaded.error) === 404
            ? `${kind} ${name} was not found in ${namespace}`
            : readFailure(loaded.error)}
        </ErrorText>
      )}
      {object !== null && pods.isError && (
        <ErrorText>The logs cannot be shown: {podsFailure(pods.error)}.</ErrorText>
      )}
      {object !== null && pods.isSuccess && pods.data.length === 0 && (
        <p className="muted">It has no pods.</p>
      )}
      {object !== null && resource !== 'pods' && pods.isSuccess && pods.data.length > 0 && (
        <p className="muted">
          {pods.data.length === 1 ? 'Pod' : `${pods.data.length} pods`}: {pods.data.join(', ')}
          {allSources.length > sources.length &&
            ` (only the first ${MAX_LOG_SOURCES} logs are streamed)`}
        </p>
      )}
      {object !== null && sources.length > 0 && (
        <LogViewer
          cluster={cluster}
          namespace={namespace}
          name={name}
          sources={sources}
          containers={containers}
          container={container}
          query={query}
          onQuery={onQuery}
        />
      )}
    </article>
  );
}
