import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { useAccessAnswer } from '@/api/access';
import { ApiError } from '@/api/http';
import { useClusterGet } from '@/api/query';
import { EventTable } from '@/events/EventTable';
import { eventsCollectionPath } from '@/events/model';
import type { KubeEventList } from '@/events/model';
import { NamespaceSelect } from '@/events/NamespaceSelect';
import { useScopedLists } from '@/events/scoped';
import type { Collection, ScopedLists } from '@/events/scoped';
import { useServedKinds } from '@/events/useKinds';
import { useNamespaceChoices } from '@/nav/namespaces';
import { detailsUrl, eventsUrl } from '@/routes';
import type { KindRef } from '@/routes';
import { When } from '@/ui/When';
import {
  allocatableOf,
  nodesReady,
  podsByPhaseOf,
  podsPerNamespace,
  recentChanges,
  workloadsBehind,
} from '@/overview/summary';
import type { NodeList, PodList, WorkloadList } from '@/overview/summary';
import { ClusterUsage, NamespacesUsage } from '@/metrics/OverviewUsage';
import { useMetricsAvailable } from '@/metrics/useMetricsAvailable';
import { StatusBadge } from '@/ui/StatusBadge';
import { statusTone } from '@/ui/status';
import '@/overview/overview.css';

/** Why a card's list could not be read. */
function failure(caught: unknown): string {
  if (caught instanceof ApiError && caught.status === 403) return 'you may not list these';
  if (caught instanceof ApiError && caught.status !== 0) return caught.message;
  return 'the cluster could not be reached';
}

/**
 * A card: "Loading…" until every read is done, the first failure if one fails, else what
 * `children` makes of them.
 */
function Card({
  title,
  reads,
  wide = false,
  children,
}: {
  title: string;
  reads: UseQueryResult<unknown>[];
  wide?: boolean;
  children: () => ReactNode;
}) {
  const failed = reads.find((read) => read.isError);
  return (
    <section className={wide ? 'card card-wide' : 'card'} aria-label={title}>
      <h2>{title}</h2>
      {failed !== undefined ? (
        <p className="muted">{failure(failed.error)}</p>
      ) : reads.every((read) => read.isSuccess) ? (
        children()
      ) : (
        <p className="muted">Loading…</p>
      )}
    </section>
  );
}

/** "You may not list pods in staging", for namespaces a card could not read. */
function Refused({ what, reads }: { what: string; reads: ScopedLists<unknown>[] }) {
  const refused = [...new Set(reads.flatMap((read) => read.refused))].sort();
  if (refused.length === 0) return null;
  return (
    <p className="muted">
      You may not list {what} in {refused.join(', ')}.
    </p>
  );
}

const KINDS = {
  Pod: { group: '', version: 'v1', resource: 'pods' },
  Deployment: { group: 'apps', version: 'v1', resource: 'deployments' },
  StatefulSet: { group: 'apps', version: 'v1', resource: 'statefulsets' },
  DaemonSet: { group: 'apps', version: 'v1', resource: 'daemonsets' },
} as const satisfies Record<string, KindRef>;

const collection = (kind: KindRef, query: string): Collection => ({
  group: kind.group,
  resource: kind.resource,
  path: (namespace) => {
    const prefix =
      kind.group === '' ? `/api/${kind.version}` : `/apis/${kind.group}/${kind.version}`;
    const where = namespace === undefined ? '' : `/namespaces/${encodeURIComponent(namespace)}`;
    return `${prefix}${where}/${kind.resource}?${query}`;
  },
});

const PODS = collection(KINDS.Pod, 'limit=500');
const DEPLOYMENTS = collection(KINDS.Deployment, 'limit=500');
const STATEFUL_SETS = collection(KINDS.StatefulSet, 'limit=500');
const DAEMON_SETS = collection(KINDS.DaemonSet, 'limit=500');
const WARNINGS: Collection = {
  group: '',
  resource: 'events',
  path: (namespace) =>
    `${eventsCollectionPath(namespace)}?fieldSelector=${encodeURIComponent('type=Warning')}&limit=500`,
};

interface Props {
  cluster: string;
  /** One namespace to look at; undefined: every namespace the user may see. */
  namespace?: string | undefined;
  /** Changes the namespace (the selector is shown only with this). */
  onNamespace?: (namespace: string | undefined) => void;
}

/**
 * A cluster at a glance, as far as the signed-in user may see it: for a user who may not
 * list cluster-wide, the same cards for the namespaces it works in. Every read is asked
 * about first, so nothing is requested that the cluster would refuse.
 */
export function Overview({ cluster, namespace, onNamespace }: Props) {
  const choices = useNamespaceChoices(cluster);
  const scope = {
    chosen: namespace === undefined ? [] : [namespace],
    fallback: choices.candidates,
  };
  const ready = choices.loaded;

  // Cluster-wide cards only for a user who may list nodes (asked, not tried).
  const mayListNodes = useAccessAnswer(cluster, { verb: 'list', group: '', resource: 'nodes' });
  const showNodes = mayListNodes === true && namespace === undefined;
  const nodes = useClusterGet<NodeList>(cluster, showNodes ? '/api/v1/nodes' : null);
  const servesMetrics = useMetricsAvailable(cluster);
  const mayReadUsage = useAccessAnswer(
    cluster,
    showNodes && servesMetrics
      ? { verb: 'list', group: 'metrics.k8s.io', resource: 'nodes' }
      : null,
  );

  const pods = useScopedLists<PodList>(cluster, PODS, scope, ready);
  const deployments = useScopedLists<WorkloadList>(cluster, DEPLOYMENTS, scope, ready);
  const statefulSets = useScopedLists<WorkloadList>(cluster, STATEFUL_SETS, scope, ready);
  const daemonSets = useScopedLists<WorkloadList>(cluster, DAEMON_SETS, scope, ready);
  const warnings = useScopedLists<KubeEventList>(cluster, WARNINGS, scope, ready);
  const kinds = useServedKinds(cluster);

  const lists = <T,>(read: UseQueryResult<ScopedLists<T>>): T[] =>
    read.data?.lists.map((l) => l.list) ?? [];
  const nowhere =
    ready &&
    namespace === undefined &&
    pods.isSuccess &&
    !pods.data.clusterWide &&
    pods.data.lists.length === 0 &&
    pods.data.refused.length === 0;

  return (
    <div className="overview-page">
      {onNamespace !== undefined ? (
        <div className="overview-toolbar">
          <NamespaceSelect value={namespace} choices={choices} onChange={onNamespace} />
        </div>
      ) : null}
      {nowhere && (
        <p className="muted">
          You may not list across the cluster. Choose a namespace you work in to see its overview.
        </p>
      )}
      <section aria-label="Overview" className="overview">
        {showNodes && (
          <Card title="Nodes" reads={[nodes]}>
            {() => {
              if (!nodes.isSuccess) return null;
              const { ready: up, total } = nodesReady(nodes.data);
              return (
                <p>
                  {up} of {total} ready
                </p>
              );
            }}
          </Card>
        )}
        <Card title="Pods" reads={[pods]}>
          {() => {
            if (!pods.isSuccess) return null;
            const { phases, partial } = podsByPhaseOf(lists(pods));
            const perNamespace = pods.data.clusterWide ? [] : podsPerNamespace(lists(pods));
            return (
              <>
                {phases.length === 0 ? (
                  <p>None</p>
                ) : (
                  <ul className="phases">
                    {phases.map(([phase, count]) => (
                      <li key={phase} className={`phase phase-${phase}`}>
                        <StatusBadge text={`${phase}: ${count}`} tone={statusTone(phase)} />
                      </li>
                    ))}
                    {partial && <li className="muted">first 500 pods only</li>}
                  </ul>
                )}
                {perNamespace.length > 1 && (
                  <table className="overview-table">
                    <caption>By namespace</caption>
                    <tbody>
                      {perNamespace.map((ns) => (
                        <tr key={ns.namespace}>
                          <th scope="row">{ns.namespace}</th>
                          <td>{ns.phases.map(([p, c]) => `${p} ${c}`).join(', ')}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
                <Refused what="pods" reads={[pods.data]} />
              </>
            );
          }}
        </Card>
        <Card title="Workloads not ready" reads={[deployments, statefulSets, daemonSets]}>
          {() => {
            const behind = workloadsBehind([
              {
                kind: 'Deployment',
                list: { items: lists(deployments).flatMap((l) => l.items ?? []) },
              },
              {
                kind: 'StatefulSet',
                list: { items: lists(statefulSets).flatMap((l) => l.items ?? []) },
              },
              {
                kind: 'DaemonSet',
                list: { items: lists(daemonSets).flatMap((l) => l.items ?? []) },
              },
            ]);
            const scoped = [deployments.data, statefulSets.data, daemonSets.data].filter(
              (d): d is ScopedLists<WorkloadList> => d !== undefined,
            );
            return (
              <>
                {behind.length === 0 ? (
                  <p>All at their desired replicas</p>
                ) : (
                  <ul>
                    {behind.slice(0, 8).map((b) => (
                      <li key={`${b.kind}/${b.namespace}/${b.name}`}>
                        <a
                          href={detailsUrl(
                            cluster,
                            KINDS[b.kind as keyof typeof KINDS],
                            b.namespace,
                            b.name,
                          )}
                        >
                          {b.kind} {b.namespace}/{b.name}
                        </a>
                        : {b.ready} of {b.desired} ready
                      </li>
                    ))}
                    {behind.length > 8 && <li className="muted">and {behind.length - 8} more</li>}
                  </ul>
                )}
                <Refused what="workloads" reads={scoped} />
              </>
            );
          }}
        </Card>
        {showNodes ? (
          <ClusterUsage
            cluster={cluster}
            allowed={mayReadUsage}
            allocatable={nodes.isSuccess ? allocatableOf(nodes.data) : {}}
          />
        ) : (
          <NamespacesUsage
            cluster={cluster}
            namespaces={(pods.data?.lists ?? []).flatMap((l) =>
              l.namespace === undefined ? [] : [l.namespace],
            )}
          />
        )}
        <Card title="Recent warnings" reads={[warnings]} wide>
          {() => {
            if (!warnings.isSuccess) return null;
            const all = lists(warnings).flatMap((l) => l.items ?? []);
            return (
              <>
                {all.length === 0 ? (
                  <p>None</p>
                ) : (
                  <EventTable
                    cluster={cluster}
                    events={all}
                    limit={5}
                    caption="Recent warnings"
                    kinds={kinds ?? []}
                  />
                )}
                <Refused what="events" reads={[warnings.data]} />
                <p>
                  <a href={eventsUrl(cluster, namespace)}>All events</a>
                </p>
              </>
            );
          }}
        </Card>
        <Card title="Recent changes" reads={[pods, deployments, statefulSets, daemonSets]} wide>
          {() => {
            const changes = recentChanges(
              [
                { kind: 'Deployment', items: lists(deployments).flatMap((l) => l.items ?? []) },
                { kind: 'StatefulSet', items: lists(statefulSets).flatMap((l) => l.items ?? []) },
                { kind: 'DaemonSet', items: lists(daemonSets).flatMap((l) => l.items ?? []) },
                { kind: 'Pod', items: lists(pods).flatMap((l) => l.items ?? []) },
              ],
              8,
            );
            return changes.length === 0 ? (
              <p>None</p>
            ) : (
              <ul className="changes">
                {changes.map((c) => (
                  <li key={`${c.kind}/${c.namespace}/${c.name}`}>
                    <When at={c.at} />{' '}
                    <a
                      href={detailsUrl(
                        cluster,
                        KINDS[c.kind as keyof typeof KINDS],
                        c.namespace,
                        c.name,
                      )}
                    >
                      {c.kind} {c.namespace}/{c.name}
                    </a>
                  </li>
                ))}
              </ul>
            );
          }}
        </Card>
      </section>
    </div>
  );
}
