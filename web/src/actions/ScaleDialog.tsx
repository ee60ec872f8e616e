import { useState } from 'react';
import { useClusterMutation } from '@/api/query';
import { failureMessage, scaleObject } from '@/actions/requests';
import type { ObjectRef } from '@/actions/requests';
import { Input } from '@/ui/Input';
import { FormDialog } from '@/ui/FormDialog';

/** What to tell the user after scaling. */
export function scaledMessage(target: ObjectRef, replicas: number): string {
  const noun = replicas === 1 ? 'replica' : 'replicas';
  return `Scaled ${target.kind.kind} ${target.name} to ${replicas} ${noun}.`;
}

/** Asks for a new replica count and sets it through the scale subresource. */
export function ScaleDialog({
  target,
  current,
  onClose,
  onScaled,
}: {
  target: ObjectRef;
  current: number | undefined;
  onClose: () => void;
  onScaled: (replicas: number) => void;
}) {
  const [value, setValue] = useState(String(current ?? 1));
  const [invalid, setInvalid] = useState(false);
  const scaling = useClusterMutation(target.cluster, (replicas: number) =>
    scaleObject(target, replicas),
  );
  const replicas = Number(value);
  const valid = value.trim() !== '' && Number.isInteger(replicas) && replicas >= 0;

  const scale = () => {
    if (!valid) {
      scaling.reset();
      setInvalid(true);
      return;
    }
    setInvalid(false);
    scaling.mutate(replicas, { onSuccess: () => onScaled(replicas) });
  };

  return (
    <FormDialog
      title={`Scale ${target.kind.kind} ${target.name}`}
      submitLabel="Scale"
      busy={scaling.isPending || scaling.isSuccess}
      error={
        invalid
          ? 'Replicas must be a whole number, 0 or more.'
          : scaling.isError
            ? failureMessage(scaling.error, 'scale', target)
            : null
      }
      onSubmit={scale}
      onClose={onClose}
    >
      <p>
        <label htmlFor="scale-replicas">Replicas</label>{' '}
        <Input
          id="scale-replicas"
          type="number"
          min={0}
          step={1}
          value={value}
          onChange={(event) => {
            setValue(event.target.value);
          }}
        />{' '}
        {current !== undefined && <span className="muted">now {current}</span>}
      </p>
    </FormDialog>
  );
}
