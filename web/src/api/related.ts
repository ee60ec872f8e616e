import type { KubeObject } from '@/api/kube';

/** A label selector as workloads carry it (`spec.selector`). */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

function isSelector(value: unknown): value is LabelSelector {
  return (
    typeof value === 'object' &&
    value !== null &&
    ('matchLabels' in value || 'matchExpressions' in value)
  );
}

/**
 * A selector as the `labelSelector` query parameter, or null when it selects nothing in
 * particular (an empty selector would match everything). Accepts a LabelSelector or the plain
 * map a ReplicationController or Service uses.
 */
export function selectorQuery(selector: unknown): string | null {
  if (typeof selector !== 'object' || selector === null) {
    return null;
  }
  const parts: string[] = [];
  const labels = isSelector(selector)
    ? (selector.matchLabels ?? {})
    : (selector as Record<string, unknown>);
  for (const [key, value] of Object.entries(labels)) {
    if (typeof value === 'string') {
      parts.push(`${key}=${value}`);
    }
  }
  if (isSelector(selector)) {
    for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
      switch (operator) {
        case 'In':
          parts.push(`${key} in (${values.join(',')})`);
          break;
        case 'NotIn':
          parts.push(`${key} notin (${values.join(',')})`);
          break;
        case 'Exists':
          parts.push(key);
          break;
        case 'DoesNotExist':
          parts.push(`!${key}`);
          break;
      }
    }
  }
  return parts.length === 0 ? null : parts.join(',');
}

/** Whether an object names `uid` among its owners. */
export function isOwnedBy(object: KubeObject, uids: string | Set<string>): boolean {
  const wanted = typeof uids === 'string' ? new Set([uids]) : uids;
  return (object.metadata.ownerReferences ?? []).some((owner) => wanted.has(owner.uid));
}

/** The spec.selector of a workload. */
export function workloadSelector(object: KubeObject): unknown {
  return (object['spec'] as { selector?: unknown } | undefined)?.selector;
}

export interface PodSummary {
  phase: string;
  ready: string;
  restarts: number;
  node: string;
}

interface PodFields {
  spec?: { nodeName?: string; containers?: unknown[] };
  status?: {
    phase?: string;
    reason?: string;
    containerStatuses?: {
      ready?: boolean;
      restartCount?: number;
      state?: { waiting?: { reason?: string }; terminated?: { reason?: string } };
    }[];
  };
}

/**
 * A pod's state as kubectl's STATUS column writes it: a container's waiting reason
 * (CrashLoopBackOff, ContainerCreating) or, once not running, its terminated reason
 * (Error, OOMKilled, Completed) before the pod's own reason or phase.
 */
function podState(status: PodFields['status']): string {
  const phase = status?.reason ?? status?.phase ?? 'Unknown';
  for (const container of status?.containerStatuses ?? []) {
    const waiting = container.state?.waiting?.reason;
    if (waiting !== undefined && waiting !== '') return waiting;
    const terminated = container.state?.terminated?.reason;
    if (phase !== 'Running' && terminated !== undefined && terminated !== '') return terminated;
  }
  return phase;
}

/** What a pods table shows of one pod. */
export function podSummary(pod: KubeObject): PodSummary {
  const { spec, status } = pod as KubeObject & PodFields;
  const statuses = status?.containerStatuses ?? [];
  const total = spec?.containers?.length ?? statuses.length;
  const ready = statuses.filter((s) => s.ready === true).length;
  const deleting = (pod.metadata as { deletionTimestamp?: string }).deletionTimestamp !== undefined;
  return {
    phase: deleting ? 'Terminating' : podState(status),
    ready: `${ready}/${total}`,
    restarts: statuses.reduce((sum, s) => sum + (s.restartCount ?? 0), 0),
    node: spec?.nodeName ?? '',
  };
}

/** A list's items sorted by name. */
export function byName<T extends KubeObject>(items: T[] | undefined): T[] {
  return [...(items ?? [])].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
}
