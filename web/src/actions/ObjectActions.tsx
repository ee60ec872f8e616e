import { useState } from 'react';
import type { ReactNode } from 'react';
import { ApiError } from '@/api/http';
import { useClusterMutation } from '@/api/query';
import { FormDialog } from '@/ui/FormDialog';
import type { KubeObject } from '@/api/kube';
import { accessQuestion, applicableActions } from '@/actions/applicable';
import type { ActionName } from '@/actions/applicable';
import { DeleteDialog } from '@/actions/DeleteDialog';
import { failureMessage, restartObject } from '@/actions/requests';
import type { ObjectRef } from '@/actions/requests';
import { ScaleDialog } from '@/actions/ScaleDialog';
import { useCan } from '@/api/access';

type Open = 'delete' | 'scale' | 'restart' | null;

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
  const restarting = useClusterMutation(target.cluster, () => restartObject(target));
  const offered = applicableActions(target.kind);
  const ask = (action: ActionName) =>
    offered.includes(action)
      ? accessQuestion(action, target.kind, target.namespace, target.name)
      : null;
  const canEdit = useCan(target.cluster, ask('edit'));
  const canScale = useCan(target.cluster, ask('scale'));
  const canRestart = useCan(target.cluster, ask('restart'));
  const canDelete = useCan(target.cluster, ask('delete'));
  const label = `${target.kind.kind} ${target.name}`;
  const where = target.namespace === undefined ? '' : ` in ${target.namespace}`;

  const restart = () => {
    restarting.mutate(undefined, {
      onSuccess: () => {
        setOpen(null);
        onChanged(`Restarted ${label}: its pods are being replaced.`);
      },
      onError: (caught) => {
        if (caught instanceof ApiError && caught.status === 401) onUnauthorized();
      },
    });
  };
  const unauthorized = restarting.error instanceof ApiError && restarting.error.status === 401;

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
            <button type="button" onClick={onEdit} disabled={editing}>
              Edit YAML
            </button>
          )}
          {canScale && (
            <button
              type="button"
              onClick={() => {
                restarting.reset();
                setOpen('scale');
              }}
            >
              Scale
            </button>
          )}
          {canRestart && (
            <button
              type="button"
              onClick={() => {
                restarting.reset();
                setOpen('restart');
              }}
            >
              Restart
            </button>
          )}
          {canDelete && (
            <button
              type="button"
              className="danger"
              onClick={() => {
                restarting.reset();
                setOpen('delete');
              }}
            >
              Delete
            </button>
          )}
          {extra}
        </div>
      )}
      {open === 'restart' && (
        <FormDialog
          title={`Restart ${label}${where}?`}
          submitLabel="Restart"
          form={false}
          busy={restarting.isPending}
          error={
            restarting.isError && !unauthorized
              ? failureMessage(restarting.error, 'restart', target)
              : null
          }
          onSubmit={restart}
          onClose={() => {
            setOpen(null);
          }}
        >
          <p>
            Its pods are replaced one by one with new ones, as <code>kubectl rollout restart</code>{' '}
            does.
          </p>
        </FormDialog>
      )}
      {open === 'delete' && (
        <DeleteDialog
          target={target}
          onClose={() => {
            setOpen(null);
          }}
          onDeleted={() => {
            setOpen(null);
            onDeleted();
          }}
        />
      )}
      {open === 'scale' && (
        <ScaleDialog
          target={target}
          current={specReplicas(object)}
          onClose={() => {
            setOpen(null);
          }}
          onScaled={(replicas) => {
            setOpen(null);
            onChanged(`Scaled ${label} to ${replicas} ${replicas === 1 ? 'replica' : 'replicas'}.`);
          }}
        />
      )}
    </>
  );
}
