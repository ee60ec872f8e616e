import { ApiError } from '@/api/http';
import { kubeRequest, objectPath } from '@/api/kube';
import type { KubeObject, ResourceKind } from '@/api/kube';

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

/** Where an object is: its kind, namespace (for namespaced kinds) and name. */
export interface ObjectRef {
  cluster: string;
  kind: ResourceKind;
  namespace: string | undefined;
  name: string;
}

/** The API path of the object `ref` names. */
export function pathOf(ref: ObjectRef): string {
  return objectPath(ref.kind, ref.name, ref.namespace);
}

/** Deletes an object, telling the cluster what to do with its dependents. */
export async function deleteObject(ref: ObjectRef, policy: PropagationPolicy): Promise<void> {
  await kubeRequest<unknown>(ref.cluster, pathOf(ref), {
    method: 'DELETE',
    body: { apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy: policy },
  });
}

/** Sets the replica count through the scale subresource. */
export async function scaleObject(ref: ObjectRef, replicas: number): Promise<void> {
  await kubeRequest<unknown>(ref.cluster, `${pathOf(ref)}/scale`, {
    method: 'PATCH',
    contentType: 'application/merge-patch+json',
    body: { spec: { replicas } },
  });
}

/** The patch `kubectl rollout restart` sends: a new restartedAt annotation on the pod template. */
export function restartPatch(now: Date): unknown {
  const restartedAt = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    spec: {
      template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': restartedAt } } },
    },
  };
}

/** Restarts a workload's pods by changing its pod template, as `kubectl rollout restart` does. */
export async function restartObject(ref: ObjectRef, now: Date = new Date()): Promise<void> {
  await kubeRequest<unknown>(ref.cluster, pathOf(ref), {
    method: 'PATCH',
    contentType: 'application/strategic-merge-patch+json',
    body: restartPatch(now),
  });
}

/** Replaces an object (PUT), or only checks the replacement when `dryRun`. */
export function replaceObject(
  ref: ObjectRef,
  object: KubeObject,
  dryRun: boolean,
): Promise<KubeObject> {
  return kubeRequest<KubeObject>(ref.cluster, `${pathOf(ref)}${dryRun ? '?dryRun=All' : ''}`, {
    method: 'PUT',
    body: object,
  });
}

/** Reads an object. */
export function getObject(ref: ObjectRef, signal?: AbortSignal): Promise<KubeObject> {
  return kubeRequest<KubeObject>(ref.cluster, pathOf(ref), signal === undefined ? {} : { signal });
}

/** What to tell the user when an action on an object failed. */
export function failureMessage(caught: unknown, verb: string, ref: ObjectRef): string {
  if (caught instanceof ApiError) {
    if (caught.status === 403) {
      return `You may not ${verb} ${ref.kind.kind} ${ref.name}: ${caught.message}`;
    }
    if (caught.status === 401) {
      return `Your session has ended; sign in again. (${caught.message})`;
    }
    return caught.message;
  }
  return caught instanceof Error ? caught.message : 'the request failed';
}
