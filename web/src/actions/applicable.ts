import type { AccessQuestion, ResourceKind } from '@/api/kube';

export type ActionName = 'edit' | 'delete' | 'scale' | 'restart';

const scalable = new Set([
  'apps/deployments',
  'apps/statefulsets',
  'apps/replicasets',
  '/replicationcontrollers',
]);
const restartable = new Set(['apps/deployments', 'apps/statefulsets', 'apps/daemonsets']);

function offers(kind: ResourceKind, verb: string): boolean {
  // Discovery lists the verbs a resource supports; an empty list means "not told".
  return kind.verbs.length === 0 || kind.verbs.includes(verb);
}

/** The actions that make sense for a kind, in the order they are shown. */
export function applicableActions(kind: ResourceKind): ActionName[] {
  const key = `${kind.group}/${kind.resource}`;
  const actions: ActionName[] = [];
  if (offers(kind, 'update')) actions.push('edit');
  if (scalable.has(key)) actions.push('scale');
  if (restartable.has(key) && offers(kind, 'patch')) actions.push('restart');
  if (offers(kind, 'delete')) actions.push('delete');
  return actions;
}

/** The access review that decides whether to offer an action on one object. */
export function accessQuestion(
  action: ActionName,
  kind: ResourceKind,
  namespace: string | undefined,
  name: string,
): AccessQuestion {
  const question: AccessQuestion = {
    verb: { edit: 'update', delete: 'delete', scale: 'patch', restart: 'patch' }[action],
    group: kind.group,
    resource: kind.resource,
    name,
  };
  if (kind.namespaced && namespace !== undefined && namespace !== '') {
    question.namespace = namespace;
  }
  if (action === 'scale') {
    question.subresource = 'scale';
  }
  return question;
}
