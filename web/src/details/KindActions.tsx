import type { KubeObject } from '@/api/kube';
import type { ObjectRef } from '@/actions/requests';
import { useCan } from '@/api/access';
import { logResource, podQuestion } from '@/actions/podAccess';
import { Link } from '@/nav/navigation';
import { NodeActions } from '@/nodes/NodeActions';
import { logsUrl, terminalUrl } from '@/routes';
import type { LogResource } from '@/routes';
import { CronJobActions } from '@/workloads/CronJobActions';
import '@/details/kindActions.css';

/** "Logs" for a pod or workload; "Terminal" and "Attach" for a pod; each when allowed. */
function PodLinks({ target, resource }: { target: ObjectRef; resource: LogResource }) {
  const isPod = resource === 'pods';
  const pod = isPod ? target.name : undefined;
  const canLogs = useCan(target.cluster, podQuestion(target, 'get', 'log', pod));
  const canExec = useCan(target.cluster, isPod ? podQuestion(target, 'create', 'exec', pod) : null);
  const canAttach = useCan(
    target.cluster,
    isPod ? podQuestion(target, 'create', 'attach', pod) : null,
  );
  const namespace = target.namespace ?? '';
  return (
    <>
      {canLogs && (
        <Link className="button" href={logsUrl(target.cluster, namespace, resource, target.name)}>
          Logs
        </Link>
      )}
      {canExec && (
        <Link className="button" href={terminalUrl(target.cluster, namespace, target.name)}>
          Terminal
        </Link>
      )}
      {canAttach && (
        <Link
          className="button"
          href={terminalUrl(target.cluster, namespace, target.name, { attach: true })}
        >
          Attach
        </Link>
      )}
    </>
  );
}

/** Whether a kind has actions of its own besides edit, scale, restart and delete. */
export function hasKindActions(ref: ObjectRef): boolean {
  const key = `${ref.kind.group}/${ref.kind.resource}`;
  return logResource(ref.kind) !== undefined || key === 'batch/cronjobs' || key === '/nodes';
}

/**
 * What a kind offers besides the common actions: logs, terminal and attach for pods and
 * workloads, suspend and run for CronJobs, cordon and drain for nodes.
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
  const logs = logResource(target.kind);
  if (logs !== undefined) return <PodLinks target={target} resource={logs} />;
  const props = { target, object, onChanged, onUnauthorized };
  if (key === 'batch/cronjobs') return <CronJobActions {...props} />;
  if (key === '/nodes') return <NodeActions {...props} />;
  return null;
}
