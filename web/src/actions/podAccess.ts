import type { AccessQuestion } from '@/api/kube';
import type { ObjectRef } from '@/actions/requests';
import type { LogResource } from '@/routes';

/** The kinds with a logs page: a pod, or a workload (the logs of all its pods). */
const LOG_PAGES: Record<string, LogResource> = {
  'apps/deployments': 'deployments',
  'apps/replicasets': 'replicasets',
  'apps/statefulsets': 'statefulsets',
  'apps/daemonsets': 'daemonsets',
  'batch/jobs': 'jobs',
  '/pods': 'pods',
};

/** The logs page resource of a kind, when it has one. */
export function logResource(kind: { group: string; resource: string }): LogResource | undefined {
  return LOG_PAGES[`${kind.group}/${kind.resource}`];
}

/**
 * The access review for a pod subresource (`log`, `exec`, `attach`) in the ref's namespace,
 * of one pod when `name` is given (a workload's logs: of any pod there).
 */
export function podQuestion(
  ref: ObjectRef,
  verb: string,
  subresource: string,
  name?: string,
): AccessQuestion {
  return {
    verb,
    group: '',
    resource: 'pods',
    subresource,
    namespace: ref.namespace ?? '',
    ...(name === undefined ? {} : { name }),
  };
}
