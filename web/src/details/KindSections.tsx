import type { JSX } from 'react';
import type { KubeObject } from '@/api/kube';
import type { ObjectRef } from '@/actions/requests';
import { AutoscalingSections } from '@/details/kinds/AutoscalingSections';
import { HttpRouteSections } from '@/details/kinds/HttpRouteSections';
import { IngressSections } from '@/details/kinds/IngressSections';
import type { KindProps } from '@/details/kinds/parts';
import {
  BindingSections,
  RoleSections,
  ServiceAccountSections,
} from '@/details/kinds/RbacSections';
import {
  ClaimSections,
  StorageClassSections,
  VolumeSections,
} from '@/details/kinds/StorageSections';
import { NodeCapacity, NodeSummary } from '@/details/kinds/NodeSections';
import { PodContainers, PodScheduling, PodVolumes } from '@/details/kinds/PodSections';
import { ServiceSummary } from '@/details/kinds/ServiceSections';
import { WorkloadSummary } from '@/details/kinds/WorkloadSections';
import { NodeUsage, PodUsage, WorkloadUsage } from '@/metrics/ObjectUsage';
import { PodPorts } from '@/portforward/PodPorts';
import { ServicePorts } from '@/portforward/ServicePorts';
import { hasRolloutHistory, RolloutHistory } from '@/workloads/RolloutHistory';

const workloads = new Set([
  'apps/deployments',
  'apps/statefulsets',
  'apps/daemonsets',
  'apps/replicasets',
]);

/** Kinds whose own sections need only the object, by `group/resource`. */
const simple: Record<string, (props: KindProps) => JSX.Element> = {
  'networking.k8s.io/ingresses': IngressSections,
  'gateway.networking.k8s.io/httproutes': HttpRouteSections,
  '/persistentvolumeclaims': ClaimSections,
  '/persistentvolumes': VolumeSections,
  'storage.k8s.io/storageclasses': StorageClassSections,
  '/serviceaccounts': ServiceAccountSections,
  'rbac.authorization.k8s.io/roles': RoleSections,
  'rbac.authorization.k8s.io/clusterroles': RoleSections,
  'rbac.authorization.k8s.io/rolebindings': BindingSections,
  'rbac.authorization.k8s.io/clusterrolebindings': BindingSections,
  'autoscaling/horizontalpodautoscalers': AutoscalingSections,
};

/**
 * Sections a kind has of its own: a pod's containers, volumes and scheduling; a workload's
 * replicas, strategy, selector and images, and its rollout history; a node's state,
 * addresses, taints, system info and capacity; a Service's type, addresses and selector;
 * usage charts of pods, nodes and workloads (their pods together), ports of pods and Services; and those of `simple`.
 */
export function KindSections({
  target,
  object,
  onChanged,
  onUnauthorized,
  navigate = () => undefined,
}: {
  target: ObjectRef;
  object: KubeObject;
  onChanged: (message: string) => void;
  onUnauthorized: () => void;
  navigate?: (to: string) => void;
}) {
  const { cluster } = target;
  const key = `${target.kind.group}/${target.kind.resource}`;
  const Own = simple[key];
  if (Own !== undefined) {
    return <Own cluster={cluster} object={object} navigate={navigate} />;
  }
  if (key === '/pods') {
    return (
      <>
        <PodContainers cluster={cluster} pod={object} navigate={navigate} />
        <PodScheduling cluster={cluster} pod={object} navigate={navigate} />
        <PodVolumes cluster={cluster} pod={object} navigate={navigate} />
        <PodUsage cluster={cluster} pod={object} />
        <PodPorts cluster={cluster} pod={object} />
      </>
    );
  }
  if (key === '/nodes') {
    return (
      <>
        <NodeSummary node={object} />
        <NodeCapacity node={object} />
        <NodeUsage cluster={cluster} node={object} />
      </>
    );
  }
  if (key === '/services') {
    return (
      <>
        <ServiceSummary cluster={cluster} service={object} navigate={navigate} />
        <ServicePorts cluster={cluster} service={object} />
      </>
    );
  }
  const summary = workloads.has(key) ? (
    <>
      <WorkloadSummary resource={target.kind.resource} object={object} />
      <WorkloadUsage cluster={cluster} object={object} />
    </>
  ) : key === 'batch/jobs' ? (
    <WorkloadUsage cluster={cluster} object={object} />
  ) : null;
  if (hasRolloutHistory(target)) {
    return (
      <>
        {summary}
        <RolloutHistory
          target={target}
          object={object}
          onChanged={onChanged}
          onUnauthorized={onUnauthorized}
        />
      </>
    );
  }
  return summary;
}
