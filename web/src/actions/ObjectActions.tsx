import { Pencil, RotateCcw, Scaling, Trash } from 'lucide-react';
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { KubeObject } from '@/api/kube';
import { accessQuestion, applicableActions } from '@/actions/applicable';
import type { ActionName } from '@/actions/applicable';
import { ActionDialog } from '@/actions/ActionDialog';
import type { DialogAction } from '@/actions/ActionDialog';
import type { ObjectRef } from '@/actions/requests';
import { Button } from '@/ui/Button';
import { useCan } from '@/api/access';

type Open = DialogAction | null;

function specReplicas(object: KubeObject): number | undefined {
  const spec = object['spec'] as { replicas?: unknown } | undefined;
  return typeof spec?.replicas === 'number' ? spec.replicas : undefined;
}

/**
 * The buttons for what the signed-in user may do to an object. Each is shown only once the
 * cluster (SelfSubjectAccessReview) has said yes for that verb on that object.
 */
export function ObjectActions({
  target,
  object,
  editing,
  onEdit,
  onChanged,
  onDeleted,
  onUnauthorized,
  extra,
}: {
  target: ObjectRef;
  object: KubeObject;
  editing: boolean;
  onEdit: () => void;
  /** After a change: says what happened; the page reloads the object. */
  onChanged: (message: string) => void;
  onDeleted: () => void;
  onUnauthorized: () => void;
  /** Actions of the kind's own, shown after the common ones (they check access themselves). */
  extra?: ReactNode;
}) {
  const [open, setOpen] = useState<Open>(null);
  const offered = applicableActions(target.kind);
  const ask = (action: ActionName) =>
    offered.includes(action)
      ? accessQuestion(action, target.kind, target.namespace, target.name)
      : null;
  const canEdit = useCan(target.cluster, ask('edit'));
  const canScale = useCan(target.cluster, ask('scale'));
  const canRestart = useCan(target.cluster, ask('restart'));
  const canDelete = useCan(target.cluster, ask('delete'));
  const anything = canEdit || canScale || canRestart || canDelete || extra !== undefined;
  return (
    <>
      {anything && (
        <div
          className="details-actions"
          role="group"
          aria-label="Actions"
          aria-hidden={open !== null ? true : undefined}
          inert={open !== null}
        >
          {canEdit && (
            <Button icon={Pencil} onClick={onEdit} disabled={editing}>
              Edit YAML
            </Button>
          )}
          {canScale && (
            <Button
              icon={Scaling}
              onClick={() => {
                setOpen('scale');
              }}
            >
              Scale
            </Button>
          )}
          {canRestart && (
            <Button
              icon={RotateCcw}
              onClick={() => {
                setOpen('restart');
              }}
            >
              Restart
            </Button>
          )}
          {canDelete && (
            <Button
              variant="danger"
              icon={Trash}
              onClick={() => {
                setOpen('delete');
              }}
            >
              Delete
            </Button>
          )}
          {extra}
        </div>
      )}
      {open !== null && (
        <ActionDialog
          action={open}
          target={target}
          replicas={specReplicas(object)}
          onClose={() => {
            setOpen(null);
          }}
          onChanged={(message) => {
            setOpen(null);
            onChanged(message);
          }}
          onDeleted={() => {
            setOpen(null);
            onDeleted();
          }}
          onUnauthorized={onUnauthorized}
        />
      )}
    </>
  );
}
