import { kubeRequest } from '@/api/kube';
import type { KubeObject } from '@/api/kube';

const part = encodeURIComponent;

/** Marks a node (un)schedulable, as `kubectl cordon` / `uncordon` do. */
export async function setUnschedulable(
  cluster: string,
  node: string,
  unschedulable: boolean,
): Promise<void> {
  await kubeRequest<unknown>(cluster, `/api/v1/nodes/${part(node)}`, {
    method: 'PATCH',
    contentType: 'application/merge-patch+json',
    body: { spec: { unschedulable } },
  });
}

/** Every pod bound to a node. */
export async function podsOnNode(cluster: string, node: string): Promise<KubeObject[]> {
  const selector = part(`spec.nodeName=${node}`);
  const list = await kubeRequest<{ items?: KubeObject[] }>(
    cluster,
    `/api/v1/pods?fieldSelector=${selector}`,
  );
  return list.items ?? [];
}

/** The Eviction a drain posts for one pod. */
export function evictionBody(pod: KubeObject): unknown {
  return {
    apiVersion: 'policy/v1',
    kind: 'Eviction',
    metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace ?? '' },
  };
}

/** Evicts a pod through its eviction subresource (which honours PodDisruptionBudgets). */
export async function evictPod(cluster: string, pod: KubeObject): Promise<void> {
  const ns = part(pod.metadata.namespace ?? '');
  await kubeRequest<unknown>(
    cluster,
    `/api/v1/namespaces/${ns}/pods/${part(pod.metadata.name)}/eviction`,
    { method: 'POST', body: evictionBody(pod) },
  );
}
