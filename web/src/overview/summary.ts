/** What the overview shows, computed from the cluster's own lists. */

interface Condition {
  type?: string;
  status?: string;
}

export interface NodeList {
  items?: { status?: { conditions?: Condition[] } }[];
}

export interface PodList {
  items?: { status?: { phase?: string } }[];
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
