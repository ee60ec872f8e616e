import { useState } from 'react';
import { ApiError } from '@/api/http';
import type { KubeObject } from '@/api/kube';
import { failureMessage } from '@/actions/requests';
import type { ObjectRef } from '@/actions/requests';
import { useCan } from '@/api/access';
import { DrainDialog } from '@/nodes/DrainDialog';
import { setUnschedulable } from '@/nodes/requests';

/** Whether a node is cordoned. */
export function isCordoned(node: KubeObject): boolean {
  return (node['spec'] as { unschedulable?: boolean } | undefined)?.unschedulable === true;
}

/** Cordon / Uncordon and Drain for a node, each when the cluster allows it. */
export function NodeActions({
  target,
  object,
  onChanged,
  onUnauthorized,
}: {
  target: ObjectRef;
  object: KubeObject;
  onChanged: (message: string) => void;
  onUnauthorized: () => void;
}) {
  const canPatch = useCan(target.cluster, {
    verb: 'patch',
    group: '',
    resource: 'nodes',
    name: target.name,
  });
  const canEvict = useCan(target.cluster, {
    verb: 'create',
    group: '',
    resource: 'pods',
    subresource: 'eviction',
  });
  const [busy, setBusy] = useState(false);
  const [draining, setDraining] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cordoned = isCordoned(object);

  const toggle = () => {
    setBusy(true);
    setError(null);
    setUnschedulable(target.cluster, target.name, !cordoned)
      .then(() => {
        onChanged(
          cordoned
            ? `Uncordoned node ${target.name}: new pods may be scheduled to it.`
            : `Cordoned node ${target.name}: no new pods are scheduled to it.`,
        );
      })
      .catch((caught: unknown) => {
        if (caught instanceof ApiError && caught.status === 401) {
          onUnauthorized();
          return;
        }
        setError(failureMessage(caught, cordoned ? 'uncordon' : 'cordon', target));
      })
      .finally(() => {
        setBusy(false);
      });
  };

  return (
    <>
      {canPatch && (
        <button type="button" onClick={toggle} disabled={busy}>
          {cordoned ? 'Uncordon' : 'Cordon'}
        </button>
      )}
      {canPatch && canEvict && (
        <button
          type="button"
          className="danger"
          onClick={() => {
            setDraining(true);
          }}
        >
          Drain
        </button>
      )}
      {error !== null && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {draining && (
        <DrainDialog
          cluster={target.cluster}
          node={target.name}
          onClose={() => {
            setDraining(false);
          }}
          onDrained={onChanged}
          onUnauthorized={onUnauthorized}
        />
      )}
    </>
  );
}
