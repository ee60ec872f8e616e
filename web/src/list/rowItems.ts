import type { AccessQuestion, ResourceKind } from '@/api/kube';
import type { DialogAction } from '@/actions/ActionDialog';
import { accessQuestion, applicableActions } from '@/actions/applicable';
import { logResource, podQuestion } from '@/actions/podAccess';
import type { ObjectRef } from '@/actions/requests';
import { detailsUrl, logsUrl, terminalUrl } from '@/routes';

/**
 * What a row's action menu may offer for one object, each with the access review that
 * decides whether it is shown: the same actions, and the same questions, as the object's
 * own page. Pages (logs, terminal, the YAML editor) are links; the rest open their dialog.
 */
export type RowItem = {
  id: string;
  label: string;
  question: AccessQuestion;
} & ({ href: string; action?: undefined } | { action: DialogAction; href?: undefined });

const LABELS: Record<DialogAction, string> = {
  scale: 'Scale',
  restart: 'Restart',
  delete: 'Delete',
};

/** Whether a kind's rows have anything to offer (before asking about any one object). */
export function hasRowItems(kind: ResourceKind): boolean {
  return logResource(kind) !== undefined || applicableActions(kind).length > 0;
}

/** What a row's menu offers for `ref`, in the order shown (Delete last). */
export function rowItems(ref: ObjectRef): RowItem[] {
  const { cluster, kind, namespace, name } = ref;
  const items: RowItem[] = [];
  const logs = logResource(kind);
  if (logs !== undefined && namespace !== undefined) {
    const pod = logs === 'pods' ? name : undefined;
    items.push({
      id: 'logs',
      label: 'Logs',
      question: podQuestion(ref, 'get', 'log', pod),
      href: logsUrl(cluster, namespace, logs, name),
    });
    if (pod !== undefined) {
      items.push({
        id: 'terminal',
        label: 'Terminal',
        question: podQuestion(ref, 'create', 'exec', pod),
        href: terminalUrl(cluster, namespace, pod),
      });
    }
  }
  for (const action of applicableActions(kind)) {
    const question = accessQuestion(action, kind, namespace, name);
    if (action === 'edit') {
      items.push({
        id: 'edit',
        label: 'Edit YAML',
        question,
        href: detailsUrl(cluster, kind, namespace, name, { edit: true }),
      });
    } else {
      items.push({ id: action, label: LABELS[action], question, action });
    }
  }
  return items;
}
