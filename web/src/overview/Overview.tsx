import type { ReactNode } from 'react';
import { ApiError, errorStatus } from '@/api/http';
import { useClusterGet } from '@/api/query';
import type { UseQueryResult } from '@tanstack/react-query';
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

/**
 * A card of lists: "Loading…" until all are read, the first failure if one fails, else
 * what `children` makes of them.
 */
function Card({
  title,
  reads,
  children,
}: {
  title: string;
  reads: UseQueryResult<unknown>[];
  children: () => ReactNode;
}) {
  const failed = reads.find((read) => read.isError);
  return (
    <div className="card">
      <h2>{title}</h2>
      {failed !== undefined ? (
        <p className="muted">{failure(failed.error)}</p>
      ) : reads.every((read) => read.isSuccess) ? (
        children()
      ) : (
        <p>Loading…</p>
      )}
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

/** A cluster at a glance, as far as the signed-in user may see it. */
export function Overview({ cluster }: { cluster: string }) {
  const nodes = useClusterGet<NodeList>(cluster, '/api/v1/nodes');
  const pods = useClusterGet<PodList>(cluster, '/api/v1/pods?limit=500');
  const events = useClusterGet<EventList>(
    cluster,
    '/api/v1/events?fieldSelector=type%3DWarning&limit=100',
  );
  const deployments = useClusterGet<WorkloadList>(cluster, '/apis/apps/v1/deployments?limit=500');
  const statefulSets = useClusterGet<WorkloadList>(cluster, '/apis/apps/v1/statefulsets?limit=500');
  const daemonSets = useClusterGet<WorkloadList>(cluster, '/apis/apps/v1/daemonsets?limit=500');
  const metrics = useClusterGet<NodeMetricsList>(cluster, '/apis/metrics.k8s.io/v1beta1/nodes');
  return (
    <section aria-label="Overview" className="overview">
      <Card title="Nodes" reads={[nodes]}>
        {() => {
          if (!nodes.isSuccess) return null;
          const { ready, total } = nodesReady(nodes.data);
          return (
            <p>
              {ready} of {total} ready
            </p>
          );
        }}
      </Card>
      <Card title="Pods" reads={[pods]}>
        {() => {
          if (!pods.isSuccess) return null;
          const { phases, partial } = podsByPhase(pods.data);
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
      <Card title="Workloads not ready" reads={[deployments, statefulSets, daemonSets]}>
        {() => {
          const [d, s, ds] = [deployments.data, statefulSets.data, daemonSets.data];
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
      {!(metrics.isError && errorStatus(metrics.error) === 404) && (
        <Card title="Resource usage" reads={[metrics]}>
          {() => {
            if (!metrics.isSuccess || !nodes.isSuccess) return <p>Loading…</p>;
            const usage = clusterUsage(metrics.data, nodes.data);
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
      <Card title="Recent warnings" reads={[events]}>
        {() => {
          if (!events.isSuccess) return null;
          const recent = recentEvents(events.data, 5);
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
