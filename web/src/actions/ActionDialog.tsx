import { DeleteDialog } from '@/actions/DeleteDialog';
import type { ObjectRef } from '@/actions/requests';
import { RestartDialog } from '@/actions/RestartDialog';
import { ScaleDialog, scaledMessage } from '@/actions/ScaleDialog';

/** The actions on one object that ask in a dialog before they change it. */
export type DialogAction = 'scale' | 'restart' | 'delete';

/**
 * The confirmation of one action on one object, the same wherever it was chosen (an
 * object's page, a row of a list): a refusal stays in the dialog with the cluster's message.
 */
export function ActionDialog({
  action,
  target,
  replicas,
  onClose,
  onChanged,
  onDeleted,
  onUnauthorized,
}: {
  action: DialogAction;
  target: ObjectRef;
  /** The replica count now (for Scale), when known. */
  replicas: number | undefined;
  onClose: () => void;
  /** After a scale or restart, with what to tell the user. */
  onChanged: (message: string) => void;
  onDeleted: () => void;
  onUnauthorized: () => void;
}) {
  switch (action) {
    case 'delete':
      return <DeleteDialog target={target} onClose={onClose} onDeleted={onDeleted} />;
    case 'scale':
      return (
        <ScaleDialog
          target={target}
          current={replicas}
          onClose={onClose}
          onScaled={(count) => {
            onChanged(scaledMessage(target, count));
          }}
        />
      );
    case 'restart':
      return (
        <RestartDialog
          target={target}
          onClose={onClose}
          onRestarted={onChanged}
          onUnauthorized={onUnauthorized}
        />
      );
  }
}
