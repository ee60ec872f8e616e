import { parseQuantity } from '@/api/quantity';

/** What the overview shows, computed from the cluster's own lists. */

interface Condition {
  type?: string;
  status?: string;
}

export interface NodeList {
  items?: { status?: { conditions?: Condition[]; allocatable?: Record<string, string> } }[];
}

/** What says when an object last changed: its field managers' times, else its creation. */
export interface ChangeMeta {
  name?: string;
  namespace?: string;
  creationTimestamp?: string;
  managedFields?: { time?: string }[];
}

export interface PodList {
  items?: { metadata?: ChangeMeta; status?: { phase?: string } }[];
  metadata?: { continue?: string };
}

export interface KubeEvent {
  reason?: string;
  message?: string;
  type?: string;
  count?: number;
  lastTimestamp?: string | null;
  eventTime?: string | null;
  metadata?: { creationTimestamp?: string };
  involvedObject?: { kind?: string; namespace?: string; name?: string };
}

export interface EventList {
  items?: KubeEvent[];
}

/** Ready nodes and all nodes. */
export function nodesReady(list: NodeList): { ready: number; total: number } {
  const items = list.items ?? [];
  const ready = items.filter((node) =>
    (node.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'),
  ).length;
  return { ready, total: items.length };
}

/** Pods counted by phase, most common first; `partial` when the list was cut at its limit. */
export function podsByPhase(list: PodList): { phases: [string, number][]; partial: boolean } {
  const counts = new Map<string, number>();
  for (const pod of list.items ?? []) {
    const phase = pod.status?.phase ?? 'Unknown';
    counts.set(phase, (counts.get(phase) ?? 0) + 1);
  }
  const phases = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return { phases, partial: (list.metadata?.continue ?? '') !== '' };
}

function when(event: KubeEvent): string {
  return event.lastTimestamp ?? event.eventTime ?? event.metadata?.creationTimestamp ?? '';
}

/** The `count` most recent events, newest first. */
export function recentEvents(list: EventList, count: number): KubeEvent[] {
  return [...(list.items ?? [])].sort((a, b) => when(b).localeCompare(when(a))).slice(0, count);
}

/** A Deployment, StatefulSet or DaemonSet, with the fields that say whether it is behind. */
export interface Workload {
  kind?: string;
  metadata?: ChangeMeta;
  spec?: { replicas?: number };
  status?: {
    readyReplicas?: number;
    updatedReplicas?: number;
    desiredNumberScheduled?: number;
    numberReady?: number;
  };
}

export interface WorkloadList {
  items?: Workload[];
}

export interface Behind {
  kind: string;
  namespace: string;
  name: string;
  ready: number;
  desired: number;
}

/** Workloads whose ready replicas are fewer than desired, most missing first. */
export function workloadsBehind(lists: { kind: string; list: WorkloadList }[]): Behind[] {
  const behind: Behind[] = [];
  for (const { kind, list } of lists) {
    for (const item of list.items ?? []) {
      const daemon = kind === 'DaemonSet';
      const desired = daemon
        ? (item.status?.desiredNumberScheduled ?? 0)
        : (item.spec?.replicas ?? 1);
      const ready = daemon ? (item.status?.numberReady ?? 0) : (item.status?.readyReplicas ?? 0);
      if (ready < desired) {
        behind.push({
          kind,
          namespace: item.metadata?.namespace ?? '',
          name: item.metadata?.name ?? '',
          ready,
          desired,
        });
      }
    }
  }
  return behind.sort(
    (a, b) => b.desired - b.ready - (a.desired - a.ready) || a.name.localeCompare(b.name),
  );
}

export { parseQuantity };

/** What every node together can allocate: CPU in cores and memory in bytes (malformed values skipped). */
export function allocatableOf(nodes: NodeList): { cpu: number; memory: number } {
  const sum = (values: (string | undefined)[]) =>
    values.reduce((total, v) => {
      const n = v === undefined ? Number.NaN : parseQuantity(v);
      return Number.isNaN(n) ? total : total + n;
    }, 0);
  const capacity = nodes.items ?? [];
  return {
    cpu: sum(capacity.map((n) => n.status?.allocatable?.['cpu'])),
    memory: sum(capacity.map((n) => n.status?.allocatable?.['memory'])),
  };
}

/** Pods of several lists (one per namespace) counted by phase, as [`podsByPhase`] does. */
export function podsByPhaseOf(lists: readonly PodList[]): {
  phases: [string, number][];
  partial: boolean;
} {
  const merged = podsByPhase({ items: lists.flatMap((list) => list.items ?? []) });
  return { ...merged, partial: lists.some((list) => (list.metadata?.continue ?? '') !== '') };
}

/** One namespace's pods by phase, for an overview of several namespaces. */
export interface NamespacePods {
  namespace: string;
  phases: [string, number][];
  total: number;
}

/** Each namespace's pods by phase, namespaces in name order. */
export function podsPerNamespace(lists: readonly PodList[]): NamespacePods[] {
  const byNamespace = new Map<string, NonNullable<PodList['items']>>();
  for (const pod of lists.flatMap((list) => list.items ?? [])) {
    const namespace = pod.metadata?.namespace ?? '';
    byNamespace.set(namespace, [...(byNamespace.get(namespace) ?? []), pod]);
  }
  return [...byNamespace.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([namespace, items]) => ({
      namespace,
      phases: podsByPhase({ items }).phases,
      total: items.length,
    }));
}

/** When an object last changed: the newest field manager's time, else its creation time. */
export function changedAt(meta: ChangeMeta | undefined): string | undefined {
  const times = (meta?.managedFields ?? [])
    .map((field) => field.time)
    .filter((time): time is string => time !== undefined && !Number.isNaN(Date.parse(time)));
  const newest = times.sort((a, b) => Date.parse(b) - Date.parse(a))[0];
  return newest ?? meta?.creationTimestamp;
}

/** An object that changed, for "recent changes". */
export interface Change {
  kind: string;
  namespace: string;
  name: string;
  at: string;
}

/** The `count` most recently changed objects of the lists given, newest first. */
export function recentChanges(
  lists: readonly { kind: string; items: readonly { metadata?: ChangeMeta }[] }[],
  count: number,
): Change[] {
  const changes: Change[] = [];
  for (const { kind, items } of lists) {
    for (const item of items) {
      const at = changedAt(item.metadata);
      if (at === undefined || Number.isNaN(Date.parse(at))) continue;
      changes.push({
        kind,
        namespace: item.metadata?.namespace ?? '',
        name: item.metadata?.name ?? '',
        at,
      });
    }
  }
  return changes
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || a.name.localeCompare(b.name))
    .slice(0, count);
}
