import { useMemo } from 'react';
import { ApiError } from '@/api/http';
import type { KubeObject } from '@/api/kube';
import { clusterFactKey, useAppQuery } from '@/api/query';
import { LogViewer } from '@/logs/LogViewer';
import {
  containerNames,
  defaultContainer,
  logSources,
  MAX_LOG_SOURCES,
  workloadPods,
} from '@/logs/logTargets';
import { ALL_PODS } from '@/routes';
import type { LogQuery, LogQueryPatch, LogResource } from '@/routes';
import { ErrorText } from '@/ui/ErrorText';

const NO_PODS: string[] = [];

/** Why a workload's pods could not be listed. */
function podsFailure(caught: unknown): string {
  return caught instanceof ApiError && caught.status === 403
    ? 'you may not list its pods'
    : caught instanceof Error
      ? caught.message
      : 'its pods could not be listed';
}

/** The names of the pods whose logs can be shown (the pod itself for a pod). */
function usePodsOf(cluster: string, resource: LogResource, object: KubeObject) {
  // The object is identified by its uid: a watch event does not list the pods again.
  const uid = object.metadata.uid ?? object.metadata.name;
  return useAppQuery({
    queryKey: clusterFactKey(cluster, 'log-pods', resource, uid),
    queryFn: async ({ signal }) => {
      const found = await workloadPods(cluster, resource, object, signal);
      return found.map((p) => p.metadata.name);
    },
  });
}

/**
 * The pods to stream: for a workload the one chosen (`pod`), all of them (`*`), or the
 * first when the address names none or one it no longer has.
 */
export function chosenPods(pods: readonly string[], pod: string | undefined): string[] {
  if (pod === ALL_PODS) return [...pods];
  if (pod !== undefined && pods.includes(pod)) return [pod];
  return pods.slice(0, 1);
}

/**
 * The Logs tab of a pod's or workload's page: a workload's pod (or all of them, merged by
 * time) and a container to pick, and the streamed log. Unmounted when the tab is left,
 * which ends every stream.
 */
export function LogsTab({
  cluster,
  resource,
  object,
  query,
  onQuery,
}: {
  cluster: string;
  resource: LogResource;
  object: KubeObject;
  query: LogQuery;
  onQuery: (patch: LogQueryPatch, replace?: boolean) => void;
}) {
  const namespace = object.metadata.namespace ?? '';
  const name = object.metadata.name;
  const pods = usePodsOf(cluster, resource, object);
  const containers = useMemo(() => containerNames(object), [object]);
  const fallback = useMemo(() => defaultContainer(object), [object]);
  const container = query.container ?? fallback;
  const podNames = pods.isSuccess ? pods.data : NO_PODS;
  const workload = resource !== 'pods';
  const streamed = useMemo(() => chosenPods(podNames, query.pod), [podNames, query.pod]);
  const allSources = useMemo(
    () => logSources(streamed, containers, query.container, fallback),
    [streamed, containers, query.container, fallback],
  );
  const sources = useMemo(() => allSources.slice(0, MAX_LOG_SOURCES), [allSources]);
  const podValue = query.pod === ALL_PODS ? ALL_PODS : (streamed[0] ?? '');

  return (
    <div className="logs-tab">
      {pods.isPending && <p>Loading…</p>}
      {pods.isError && <ErrorText>The logs cannot be shown: {podsFailure(pods.error)}.</ErrorText>}
      {pods.isSuccess && pods.data.length === 0 && <p className="muted">It has no pods.</p>}
      {workload && podNames.length > 0 && (
        <div className="log-controls">
          <label>
            Pod{' '}
            <select
              value={podValue}
              onChange={(event) => {
                onQuery({ pod: event.target.value });
              }}
            >
              {podNames.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
              {podNames.length > 1 && (
                <option value={ALL_PODS}>All {podNames.length} pods, merged</option>
              )}
            </select>
          </label>
          {allSources.length > sources.length && (
            <span className="muted">Only the first {MAX_LOG_SOURCES} logs are streamed.</span>
          )}
        </div>
      )}
      {sources.length > 0 && (
        <LogViewer
          cluster={cluster}
          namespace={namespace}
          name={streamed.length === 1 ? (streamed[0] ?? name) : name}
          sources={sources}
          containers={containers}
          container={container}
          query={query}
          onQuery={onQuery}
        />
      )}
    </div>
  );
}
