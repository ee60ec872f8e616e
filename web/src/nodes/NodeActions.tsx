import { useState } from 'react';
import { ApiError } from '@/api/http';
import { useClusterMutation } from '@/api/query';
import { FormDialog } from '@/ui/FormDialog';
import type { KubeObject } from '@/api/kube';
import { failureMessage } from '@/actions/requests';
import type { ObjectRef } from '@/actions/requests';
import { useCan } from '@/api/access';
import { DrainDialog } from '@/nodes/DrainDialog';
import { Button } from '@/ui/Button';
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
  const [draining, setDraining] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const cordoning = useClusterMutation(target.cluster, (unschedulable: boolean) =>
    setUnschedulable(target.cluster, target.name, unschedulable),
  );
  const cordoned = isCordoned(object);

  const toggle = () => {
    cordoning.mutate(!cordoned, {
      onSuccess: () => {
        setConfirming(false);
        onChanged(
          cordoned
            ? `Uncordoned node ${target.name}: new pods may be scheduled to it.`
            : `Cordoned node ${target.name}: no new pods are scheduled to it.`,
        );
      },
      onError: (caught) => {
        if (caught instanceof ApiError && caught.status === 401) onUnauthorized();
      },
    });
  };
  const failed =
    cordoning.isError && !(cordoning.error instanceof ApiError && cordoning.error.status === 401);

  return (
    <>
      {canPatch && (
        <Button
          onClick={() => {
            cordoning.reset();
            setConfirming(true);
          }}
        >
          {cordoned ? 'Uncordon' : 'Cordon'}
        </Button>
      )}
      {canPatch && canEvict && (
        <Button
          variant="danger"
          onClick={() => {
            setDraining(true);
          }}
        >
          Drain
        </Button>
      )}
      {confirming && (
        <FormDialog
          title={`${cordoned ? 'Uncordon' : 'Cordon'} node ${target.name}?`}
          submitLabel={cordoned ? 'Uncordon' : 'Cordon'}
          form={false}
          busy={cordoning.isPending}
          error={
            failed
              ? failureMessage(cordoning.error, cordoning.variables ? 'cordon' : 'uncordon', target)
              : null
          }
          onSubmit={toggle}
          onClose={() => {
            setConfirming(false);
          }}
        >
          <p>
            {cordoned
              ? 'New pods may be scheduled to it again.'
              : 'No new pods are scheduled to it; the pods already there keep running (Drain moves them).'}
          </p>
        </FormDialog>
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
