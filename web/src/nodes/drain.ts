import { ApiError } from '@/api/http';
import type { KubeObject } from '@/api/kube';

/**
 * Draining a node as `kubectl drain --ignore-daemonsets` does: cordon it, then evict every
 * pod on it except DaemonSet pods (their controller would put them back) and mirror pods
 * (the kubelet's static pods, which the API cannot remove). An eviction answered 429 is
 * blocked by a PodDisruptionBudget: it is tried again every few seconds until the time
 * the user gave runs out.
 */

export const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

export type SkipReason = 'daemonset' | 'mirror';

export interface DrainPlan {
  evict: KubeObject[];
  skip: { pod: KubeObject; reason: SkipReason }[];
}

function skipReason(pod: KubeObject): SkipReason | null {
  if (pod.metadata.annotations?.[MIRROR_ANNOTATION] !== undefined) return 'mirror';
  const controller = (pod.metadata.ownerReferences ?? []).find((o) => o.controller === true);
  if (controller?.kind === 'DaemonSet') return 'daemonset';
  return null;
}

/** Which pods of a node are evicted and which are left, in namespace/name order. */
export function planDrain(pods: readonly KubeObject[]): DrainPlan {
  const sorted = [...pods].sort(
    (a, b) =>
      (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') ||
      a.metadata.name.localeCompare(b.metadata.name),
  );
  const plan: DrainPlan = { evict: [], skip: [] };
  for (const pod of sorted) {
    const reason = skipReason(pod);
    if (reason === null) plan.evict.push(pod);
    else plan.skip.push({ pod, reason });
  }
  return plan;
}

/** Where one pod's eviction stands. */
export type PodOutcome =
  | { state: 'pending' }
  | { state: 'evicting' }
  /** Refused by a PodDisruptionBudget (429); trying again until the deadline. */
  | { state: 'waiting'; attempts: number; message: string; deadline: number }
  | { state: 'evicted' }
  /** It was already gone (404). */
  | { state: 'gone' }
  | { state: 'skipped'; reason: SkipReason }
  /** Still refused by a PodDisruptionBudget when time ran out. */
  | { state: 'blocked'; message: string }
  | { state: 'error'; message: string }
  | { state: 'stopped' };

export interface EvictionDeps {
  /** Evicts one pod; throws [`ApiError`] with the cluster's status when refused. */
  evict: (pod: KubeObject) => Promise<void>;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

export interface EvictionOptions {
  /** How long pods blocked by a PodDisruptionBudget are retried, from the start. */
  timeoutMs: number;
  /** The pause between attempts of a blocked pod. */
  retryMs: number;
  /** How many evictions run at once. */
  concurrency?: number;
  signal?: AbortSignal;
}

/** Evicts one pod, retrying while a PodDisruptionBudget blocks it and time remains. */
export async function evictWithRetry(
  pod: KubeObject,
  deps: EvictionDeps,
  options: EvictionOptions,
  deadline: number,
  onUpdate: (outcome: PodOutcome) => void,
): Promise<PodOutcome> {
  let attempts = 0;
  for (;;) {
    if (options.signal?.aborted === true) return { state: 'stopped' };
    onUpdate({ state: 'evicting' });
    try {
      await deps.evict(pod);
      return { state: 'evicted' };
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 404) return { state: 'gone' };
      if (!(caught instanceof ApiError && caught.status === 429)) {
        const message = caught instanceof Error ? caught.message : 'the eviction failed';
        return { state: 'error', message };
      }
      attempts += 1;
      if (deps.now() + options.retryMs > deadline) {
        return { state: 'blocked', message: caught.message };
      }
      onUpdate({ state: 'waiting', attempts, message: caught.message, deadline });
      await deps.sleep(options.retryMs);
    }
  }
}

/**
 * Evicts `pods` (a few at once), telling `onUpdate` how each one stands as it changes;
 * resolves with every pod's final outcome, in the order given.
 */
export async function evictAll(
  pods: readonly KubeObject[],
  deps: EvictionDeps,
  options: EvictionOptions,
  onUpdate: (index: number, outcome: PodOutcome) => void,
): Promise<PodOutcome[]> {
  const deadline = deps.now() + options.timeoutMs;
  const outcomes: PodOutcome[] = pods.map(() => ({ state: 'pending' }));
  let next = 0;
  const worker = async () => {
    while (next < pods.length) {
      const index = next;
      next += 1;
      const pod = pods[index];
      if (pod === undefined) continue;
      const outcome = await evictWithRetry(pod, deps, options, deadline, (update) => {
        outcomes[index] = update;
        onUpdate(index, update);
      });
      outcomes[index] = outcome;
      onUpdate(index, outcome);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 5, pods.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return outcomes;
}

/** What a pod's outcome says, in words. */
export function outcomeText(outcome: PodOutcome, now: number): string {
  switch (outcome.state) {
    case 'pending':
      return 'waiting';
    case 'evicting':
      return 'evicting…';
    case 'waiting': {
      const left = Math.max(0, Math.ceil((outcome.deadline - now) / 1000));
      return `blocked by a PodDisruptionBudget; trying again (${left} s left)`;
    }
    case 'evicted':
      return 'evicted';
    case 'gone':
      return 'already gone';
    case 'skipped':
      return outcome.reason === 'daemonset' ? 'skipped: DaemonSet pod' : 'skipped: mirror pod';
    case 'blocked':
      return `blocked by its PodDisruptionBudget: ${outcome.message}`;
    case 'error':
      return `failed: ${outcome.message}`;
    case 'stopped':
      return 'not evicted (stopped)';
  }
}
