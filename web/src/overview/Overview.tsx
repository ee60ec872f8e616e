import type { ReactNode } from 'react';
import { ApiError, errorStatus } from '@/api/http';
import { useClusterGet } from '@/api/query';
import {
  clusterUsage,
  nodesReady,
  podsByPhase,
  recentEvents,
  workloadsBehind,
} from '@/overview/summary';
import type {
  EventList,
  KubeEvent,
  NodeList,
  NodeMetricsList,
  PodList,
  WorkloadList,
} from '@/overview/summary';

/** Why a card's list could not be read. */
function failure(caught: unknown): string {
  if (caught instanceof ApiError && caught.status === 403) return 'you may not list these';
  if (caught instanceof ApiError && caught.status !== 0) return caught.message;
  return 'the cluster could not be reached';
}

/** What a card shows: loading, its list, or why there is none. */
type CardState<T> =
  | { state: 'loading' }
  | { state: 'ok'; value: T }
  | { state: 'error'; message: string; status: number };

function useCard<T>(cluster: string, path: string): CardState<T> {
  const query = useClusterGet<T>(cluster, path);
  if (query.isPending) return { state: 'loading' };
  if (query.isError) {
    return { state: 'error', message: failure(query.error), status: errorStatus(query.error) };
  }
  return { state: 'ok', value: query.data };
}

function Card({
  title,
  loaded,
  children,
}: {
  title: string;
  loaded: CardState<unknown>;
  children: () => ReactNode;
}) {
  return (
    <div className="card">
      <h2>{title}</h2>
      {loaded.state === 'loading' && <p>Loading…</p>}
      {loaded.state === 'error' && <p className="muted">{loaded.message}</p>}
      {loaded.state === 'ok' && children()}
    </div>
  );
}

function eventLine(event: KubeEvent): string {
  const object = event.involvedObject;
  const where =
    object === undefined
      ? ''
      : `${object.kind ?? ''} ${object.namespace ? `${object.namespace}/` : ''}${object.name ?? ''}`;
  return `${where.trim()}: ${event.reason ?? ''} — ${event.message ?? ''}`;
}

function gib(bytes: number): string {
  return (bytes / 2 ** 30).toFixed(1);
}

/** Several lists as one: loading until all are, the first error if any fails. */
function allOf<T>(lists: CardState<T>[]): CardState<T[]> {
  const failed = lists.find((l) => l.state === 'error');
  if (failed !== undefined) return failed;
  const values: T[] = [];
  for (const list of lists) {
    if (list.state !== 'ok') return { state: 'loading' };
    values.push(list.value);
  }
  return { state: 'ok', value: values };
}

/** A cluster at a glance, as far as the signed-in user may see it. */
export function Overview({ cluster }: { cluster: string }) {
  const nodes = useCard<NodeList>(cluster, '/api/v1/nodes');
  const pods = useCard<PodList>(cluster, '/api/v1/pods?limit=500');
  const events = useCard<EventList>(
    cluster,
    '/api/v1/events?fieldSelector=type%3DWarning&limit=100',
  );
  const deployments = useCard<WorkloadList>(cluster, '/apis/apps/v1/deployments?limit=500');
  const statefulSets = useCard<WorkloadList>(cluster, '/apis/apps/v1/statefulsets?limit=500');
  const daemonSets = useCard<WorkloadList>(cluster, '/apis/apps/v1/daemonsets?limit=500');
  const metrics = useCard<NodeMetricsList>(cluster, '/apis/metrics.k8s.io/v1beta1/nodes');
  const workloads = allOf([deployments, statefulSets, daemonSets]);
  return (
    <section aria-label="Overview" className="overview">
      <Card title="Nodes" loaded={nodes}>
        {() => {
          if (nodes.state !== 'ok') return null;
          const { ready, total } = nodesReady(nodes.value);
          return (
            <p>
              {ready} of {total} ready
            </p>
          );
        }}
      </Card>
      <Card title="Pods" loaded={pods}>
        {() => {
          if (pods.state !== 'ok') return null;
          const { phases, partial } = podsByPhase(pods.value);
          return (
            <ul>
              {phases.map(([phase, count]) => (
                <li key={phase}>
                  {phase}: {count}
                </li>
              ))}
              {partial && <li className="muted">first 500 pods only</li>}
            </ul>
          );
        }}
      </Card>
      <Card title="Workloads not ready" loaded={workloads}>
        {() => {
          if (workloads.state !== 'ok') return null;
          const [d, s, ds] = workloads.value;
          const behind = workloadsBehind([
            { kind: 'Deployment', list: d ?? {} },
            { kind: 'StatefulSet', list: s ?? {} },
            { kind: 'DaemonSet', list: ds ?? {} },
          ]);
          return behind.length === 0 ? (
            <p>All at their desired replicas</p>
          ) : (
            <ul>
              {behind.slice(0, 8).map((b) => (
                <li key={`${b.kind}/${b.namespace}/${b.name}`}>
                  {b.kind} {b.namespace}/{b.name}: {b.ready} of {b.desired} ready
                </li>
              ))}
              {behind.length > 8 && <li className="muted">and {behind.length - 8} more</li>}
            </ul>
          );
        }}
      </Card>
      {/* Usage only where the metrics API is installed; a 404 means it is not. */}
      {!(metrics.state === 'error' && metrics.status === 404) && (
        <Card title="Resource usage" loaded={metrics}>
          {() => {
            if (metrics.state !== 'ok' || nodes.state !== 'ok') return <p>Loading…</p>;
            const usage = clusterUsage(metrics.value, nodes.value);
            return (
              <ul>
                <li>
                  CPU: {usage.cpu.used.toFixed(2)} of {usage.cpu.total.toFixed(0)} cores
                </li>
                <li>
                  Memory: {gib(usage.memory.used)} of {gib(usage.memory.total)} GiB
                </li>
              </ul>
            );
          }}
        </Card>
      )}
      <Card title="Recent warnings" loaded={events}>
        {() => {
          if (events.state !== 'ok') return null;
          const recent = recentEvents(events.value, 5);
          return recent.length === 0 ? (
            <p>None</p>
          ) : (
            <ul>
              {recent.map((event, i) => (
                <li key={i}>{eventLine(event)}</li>
              ))}
            </ul>
          );
        }}
      </Card>
    </section>
  );
}
