import { useState } from 'react';
import { Dialog } from '@/actions/Dialog';
import { failureMessage, scaleObject } from '@/actions/requests';
import type { ObjectRef } from '@/actions/requests';

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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const replicas = Number(value);
  const valid = value.trim() !== '' && Number.isInteger(replicas) && replicas >= 0;

  const scale = () => {
    if (!valid) {
      setError('Replicas must be a whole number, 0 or more.');
      return;
    }
    setBusy(true);
    setError(null);
    scaleObject(target, replicas)
      .then(() => {
        onScaled(replicas);
      })
      .catch((caught: unknown) => {
        setError(failureMessage(caught, 'scale', target));
        setBusy(false);
      });
  };

  return (
    <Dialog title={`Scale ${target.kind.kind} ${target.name}`} onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          scale();
        }}
      >
        <p>
          <label htmlFor="scale-replicas">Replicas</label>{' '}
          <input
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
        {error !== null && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" disabled={busy}>
            Scale
          </button>
        </div>
      </form>
    </Dialog>
  );
}
