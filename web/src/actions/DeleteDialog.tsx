import { useState } from 'react';
import { useClusterMutation } from '@/api/query';
import { deleteObject, failureMessage, pathOf } from '@/actions/requests';
import type { ObjectRef, PropagationPolicy } from '@/actions/requests';
import { Radio } from '@/ui/Check';
import { FormDialog } from '@/ui/FormDialog';

const policies: { value: PropagationPolicy; help: string }[] = [
  { value: 'Background', help: 'delete it now; the cluster removes its dependents afterwards' },
  { value: 'Foreground', help: 'remove its dependents first, then delete it' },
  { value: 'Orphan', help: 'delete it but leave its dependents in place' },
];

/** Asks before deleting an object, with the choice of what happens to its dependents. */
export function DeleteDialog({
  target,
  onClose,
  onDeleted,
}: {
  target: ObjectRef;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const [policy, setPolicy] = useState<PropagationPolicy>('Background');
  const deleting = useClusterMutation(
    target.cluster,
    (chosen: PropagationPolicy) => deleteObject(target, chosen),
    // Its page keeps showing how it last was; it is not read again (it would be a 404).
    [pathOf(target)],
  );
  const where = target.namespace === undefined ? '' : ` in namespace ${target.namespace}`;

  return (
    <FormDialog
      title={`Delete ${target.kind.kind} ${target.name}?`}
      submitLabel="Delete"
      danger
      form={false}
      busy={deleting.isPending || deleting.isSuccess}
      error={deleting.isError ? failureMessage(deleting.error, 'delete', target) : null}
      onSubmit={() => {
        deleting.mutate(policy, {
          onSuccess: () => {
            onDeleted();
          },
        });
      }}
      onClose={onClose}
    >
      <p>
        This deletes {target.kind.kind} <strong>{target.name}</strong>
        {where}. It cannot be undone.
      </p>
      <fieldset>
        <legend>Dependents</legend>
        {policies.map(({ value, help }) => (
          <div key={value} className="radio-row">
            <Radio
              id={`propagation-${value}`}
              name="propagation"
              value={value}
              checked={policy === value}
              aria-describedby={`propagation-${value}-help`}
              onChange={() => {
                setPolicy(value);
              }}
            />
            <label htmlFor={`propagation-${value}`}>{value}</label>{' '}
            <span id={`propagation-${value}-help`} className="muted">
              — {help}
            </span>
          </div>
        ))}
      </fieldset>
    </FormDialog>
  );
}
