import { ApiError } from '@/api/http';
import { useClusterMutation } from '@/api/query';
import { failureMessage, restartObject } from '@/actions/requests';
import type { ObjectRef } from '@/actions/requests';
import { FormDialog } from '@/ui/FormDialog';

/** Asks before restarting a workload's pods (as `kubectl rollout restart`), naming it. */
export function RestartDialog({
  target,
  onClose,
  onRestarted,
  onUnauthorized,
}: {
  target: ObjectRef;
  onClose: () => void;
  /** After the restart, with what to tell the user. */
  onRestarted: (message: string) => void;
  onUnauthorized: () => void;
}) {
  const restarting = useClusterMutation(target.cluster, () => restartObject(target));
  const label = `${target.kind.kind} ${target.name}`;
  const where = target.namespace === undefined ? '' : ` in ${target.namespace}`;
  const unauthorized = restarting.error instanceof ApiError && restarting.error.status === 401;
  return (
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
      onSubmit={() => {
        restarting.mutate(undefined, {
          onSuccess: () => {
            onRestarted(`Restarted ${label}: its pods are being replaced.`);
          },
          onError: (caught) => {
            if (caught instanceof ApiError && caught.status === 401) onUnauthorized();
          },
        });
      }}
      onClose={onClose}
    >
      <p>
        Its pods are replaced one by one with new ones, as <code>kubectl rollout restart</code>{' '}
        does.
      </p>
    </FormDialog>
  );
}
