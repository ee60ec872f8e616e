import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '@/api/http';
import type { KubeObject } from '@/api/kube';
import { useKubeGet } from '@/details/useKubeGet';
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

type Pods =
  { state: 'loading' } | { state: 'ok'; pods: string[] } | { state: 'error'; message: string };

/** The pods whose logs a workload's page shows (the pod itself for a pod). */
function usePodsOf(cluster: string, resource: LogResource, object: KubeObject | null): Pods {
  const [pods, setPods] = useState<{ uid: string; value: Pods } | null>(null);
  const uid = object?.metadata.uid ?? '';
  useEffect(() => {
    if (object === null) return undefined;
    const controller = new AbortController();
    workloadPods(cluster, resource, object, controller.signal)
      .then((found) => {
        setPods({ uid, value: { state: 'ok', pods: found.map((p) => p.metadata.name) } });
      })
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        const message =
          caught instanceof ApiError && caught.status === 403
            ? 'you may not list its pods'
            : caught instanceof Error
              ? caught.message
              : 'its pods could not be listed';
        setPods({ uid, value: { state: 'error', message } });
      });
    return () => {
      controller.abort();
    };
    // The object is identified by its uid.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cluster, resource, uid]);
  return pods !== null && pods.uid === uid ? pods.value : { state: 'loading' };
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
  const loaded = useKubeGet<KubeObject>(cluster, logTargetPath(resource, namespace, name));
  const object = loaded.state === 'ok' ? loaded.value : null;
  const pods = usePodsOf(cluster, resource, object);
  const containers = useMemo(() => (object === null ? [] : containerNames(object)), [object]);
  const fallback = object === null ? undefined : defaultContainer(object);
  const container = query.container ?? fallback;
  const podNames = pods.state === 'ok' ? pods.pods : NO_PODS;
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
      {loaded.state === 'loading' && <p>Loading…</p>}
      {loaded.state === 'error' && (
        <p role="alert" className="error">
          {loaded.status === 404 ? `${kind} ${name} was not found in ${namespace}` : loaded.message}
        </p>
      )}
      {object !== null && pods.state === 'error' && (
        <p role="alert" className="error">
          The logs cannot be shown: {pods.message}.
        </p>
      )}
      {object !== null && pods.state === 'ok' && pods.pods.length === 0 && (
        <p className="muted">It has no pods.</p>
      )}
      {object !== null && resource !== 'pods' && pods.state === 'ok' && pods.pods.length > 0 && (
        <p className="muted">
          {pods.pods.length === 1 ? 'Pod' : `${pods.pods.length} pods`}: {pods.pods.join(', ')}
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
