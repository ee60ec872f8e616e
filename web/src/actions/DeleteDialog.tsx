import { useState } from 'react';
import { Dialog } from '@/actions/Dialog';
import { deleteObject, failureMessage } from '@/actions/requests';
import type { ObjectRef, PropagationPolicy } from '@/actions/requests';

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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const where = target.namespace === undefined ? '' : ` in namespace ${target.namespace}`;

  const confirm = () => {
    setBusy(true);
    setError(null);
    deleteObject(target, policy)
      .then(onDeleted)
      .catch((caught: unknown) => {
        setError(failureMessage(caught, 'delete', target));
        setBusy(false);
      });
  };

  return (
    <Dialog title={`Delete ${target.kind.kind} ${target.name}?`} onClose={onClose}>
      <p>
        This deletes {target.kind.kind} <strong>{target.name}</strong>
        {where}. It cannot be undone.
      </p>
      <fieldset>
        <legend>Dependents</legend>
        {policies.map(({ value, help }) => (
          <div key={value} className="radio-row">
            <input
              type="radio"
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
      {error !== null && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="dialog-buttons">
        <button type="button" onClick={onClose} disabled={busy}>
          Cancel
        </button>
        <button type="button" className="danger" onClick={confirm} disabled={busy}>
          Delete
        </button>
      </div>
    </Dialog>
  );
}
