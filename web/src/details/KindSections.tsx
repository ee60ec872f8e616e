import type { KubeObject } from '@/api/kube';
import type { ObjectRef } from '@/actions/requests';
import { MetricsSection } from '@/metrics/MetricsSection';
import { PodPorts } from '@/portforward/PodPorts';
import { ServicePorts } from '@/portforward/ServicePorts';
import { hasRolloutHistory, RolloutHistory } from '@/workloads/RolloutHistory';

/**
 * Sections a kind has of its own: usage charts of pods and nodes, ports of pods and
 * Services, the rollout history of Deployments, DaemonSets and StatefulSets.
 */
export function KindSections({
  target,
  object,
  onChanged,
  onUnauthorized,
}: {
  target: ObjectRef;
  object: KubeObject;
  onChanged: (message: string) => void;
  onUnauthorized: () => void;
}) {
  const key = `${target.kind.group}/${target.kind.resource}`;
  if (key === '/pods') {
    return (
      <>
        <MetricsSection cluster={target.cluster} object={object} isNode={false} />
        <PodPorts cluster={target.cluster} pod={object} />
      </>
    );
  }
  if (key === '/nodes') return <MetricsSection cluster={target.cluster} object={object} isNode />;
  if (key === '/services') return <ServicePorts cluster={target.cluster} service={object} />;
  if (hasRolloutHistory(target)) {
    return (
      <RolloutHistory
        target={target}
        object={object}
        onChanged={onChanged}
        onUnauthorized={onUnauthorized}
      />
    );
  }
  return null;
}
