import { kubeRequest, objectPath } from '@/api/kube';
import type { KubeObject } from '@/api/kube';
import type { ObjectRef } from '@/actions/requests';
import { manualJob, suspendPatch } from '@/workloads/cronjob';
import type { PatchOperation } from '@/workloads/rollback';

const pathOf = (ref: ObjectRef) => objectPath(ref.kind, ref.name, ref.namespace);

/** Rolls a Deployment back with the JSON Patch `kubectl rollout undo` sends. */
export async function patchDeploymentRollback(
  ref: ObjectRef,
  patch: PatchOperation[],
): Promise<void> {
  await kubeRequest<unknown>(ref.cluster, pathOf(ref), {
    method: 'PATCH',
    contentType: 'application/json-patch+json',
    body: patch,
  });
}

/** Rolls a DaemonSet or StatefulSet back: a ControllerRevision's data as a strategic merge. */
export async function patchRevisionRollback(ref: ObjectRef, data: unknown): Promise<void> {
  await kubeRequest<unknown>(ref.cluster, pathOf(ref), {
    method: 'PATCH',
    contentType: 'application/strategic-merge-patch+json',
    body: data,
  });
}

/** Suspends or resumes a CronJob. */
export async function setSuspended(ref: ObjectRef, suspend: boolean): Promise<void> {
  await kubeRequest<unknown>(ref.cluster, pathOf(ref), {
    method: 'PATCH',
    contentType: 'application/merge-patch+json',
    body: suspendPatch(suspend),
  });
}

/** Creates a Job from a CronJob's template now; returns the Job the cluster made. */
export function runCronJobNow(
  ref: ObjectRef,
  cronJob: KubeObject,
  name: string,
): Promise<KubeObject> {
  const namespace = encodeURIComponent(ref.namespace ?? '');
  return kubeRequest<KubeObject>(ref.cluster, `/apis/batch/v1/namespaces/${namespace}/jobs`, {
    method: 'POST',
    body: manualJob(cronJob, name),
  });
}
