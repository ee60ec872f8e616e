import type { KubeObject } from '@/api/kube';
import type { ObjectRef } from '@/actions/requests';
import { NodeActions } from '@/nodes/NodeActions';
import { CronJobActions } from '@/workloads/CronJobActions';
import '@/details/kindActions.css';

/** Whether a kind has actions of its own besides edit, scale, restart and delete. */
export function hasKindActions(ref: ObjectRef): boolean {
  const key = `${ref.kind.group}/${ref.kind.resource}`;
  return key === 'batch/cronjobs' || key === '/nodes';
}

/**
 * What a kind offers besides the common actions: suspend and run for CronJobs, cordon and
 * drain for nodes. (A pod's logs and terminal, and a workload's logs, are tabs of its page.)
 */
export function KindActions({
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
  const props = { target, object, onChanged, onUnauthorized };
  if (key === 'batch/cronjobs') return <CronJobActions {...props} />;
  if (key === '/nodes') return <NodeActions {...props} />;
  return null;
}
