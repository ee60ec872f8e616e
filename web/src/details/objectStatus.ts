import type { KubeObject } from '@/api/kube';
import { statusTone } from '@/ui/status';
import type { StatusTone } from '@/ui/status';

/** An object's state in words for its page's header, and the tone of its `StatusBadge`. */
export interface ObjectStatus {
  text: string;
  tone: StatusTone;
}

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
}

interface ContainerStatus {
  ready?: boolean;
  state?: { waiting?: { reason?: string }; terminated?: { reason?: string; exitCode?: number } };
}

const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

const num = (value: unknown): number => (typeof value === 'number' ? value : 0);

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

const BAD_WAITING = new Set([
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'CreateContainerConfigError',
  'InvalidImageName',
  'RunContainerError',
]);

function podStatus(status: Record<string, unknown>): ObjectStatus {
  const containers = list<ContainerStatus>(status.containerStatuses);
  const waiting = containers
    .map((c) => c.state?.waiting?.reason)
    .find((reason) => reason !== undefined && BAD_WAITING.has(reason));
  if (waiting !== undefined) return { text: waiting, tone: 'bad' };
  const phase = str(status.phase) ?? 'Unknown';
  const ready = containers.filter((c) => c.ready === true).length;
  const counted = containers.length > 0 ? `, ${ready}/${containers.length} ready` : '';
  if (phase === 'Running') {
    return { text: `Running${counted}`, tone: ready === containers.length ? 'good' : 'warn' };
  }
  return { text: phase, tone: statusTone(phase) };
}

function replicaStatus(desired: number, ready: number): ObjectStatus {
  if (desired === 0) return { text: 'Scaled to 0', tone: 'neutral' };
  return ready >= desired
    ? { text: `Ready, ${ready}/${desired}`, tone: 'good' }
    : { text: `${ready} of ${desired} ready`, tone: ready === 0 ? 'bad' : 'warn' };
}

const conditionOf = (status: Record<string, unknown>, type: string) =>
  list<Condition>(status.conditions).find((c) => c.type === type);

/**
 * The state a page leads with: a pod's phase (or why its container cannot run) and how many
 * containers are ready, a workload's ready replicas, a node's Ready condition, a Job's end,
 * else a `phase` or a `Ready`/`Available` condition; `undefined` for kinds with none.
 */
export function objectStatus(kind: string, object: KubeObject): ObjectStatus | undefined {
  const status = record(object.status);
  const spec = record(object.spec);
  switch (kind) {
    case 'Pod':
      return podStatus(status);
    case 'Deployment':
    case 'StatefulSet':
    case 'ReplicaSet':
      return replicaStatus(
        typeof spec.replicas === 'number' ? spec.replicas : 1,
        num(status.readyReplicas),
      );
    case 'DaemonSet':
      return replicaStatus(num(status.desiredNumberScheduled), num(status.numberReady));
    case 'Node': {
      const ready = conditionOf(status, 'Ready');
      const cordoned = spec.unschedulable === true ? ', cordoned' : '';
      if (ready?.status === 'True') {
        return { text: `Ready${cordoned}`, tone: cordoned === '' ? 'good' : 'warn' };
      }
      return { text: `NotReady${cordoned}`, tone: 'bad' };
    }
    case 'Job': {
      if (conditionOf(status, 'Complete')?.status === 'True') {
        return { text: 'Complete', tone: 'done' };
      }
      if (conditionOf(status, 'Failed')?.status === 'True') return { text: 'Failed', tone: 'bad' };
      return { text: 'Running', tone: 'pending' };
    }
    default:
      break;
  }
  if (str(record(object.metadata).deletionTimestamp) !== undefined) {
    return { text: 'Terminating', tone: 'pending' };
  }
  const phase = str(status.phase);
  if (phase !== undefined) return { text: phase, tone: statusTone(phase) };
  const ready = conditionOf(status, 'Ready') ?? conditionOf(status, 'Available');
  if (ready?.type !== undefined) {
    return ready.status === 'True'
      ? { text: ready.type, tone: 'good' }
      : {
          text: `Not ${ready.type.toLowerCase()}`,
          tone: ready.status === 'False' ? 'bad' : 'neutral',
        };
  }
  return undefined;
}
