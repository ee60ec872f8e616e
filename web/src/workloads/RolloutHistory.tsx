import { useState } from 'react';
import { ApiError } from '@/api/http';
import type { KubeObject } from '@/api/kube';
import { FormDialog } from '@/ui/FormDialog';
import { failureMessage } from '@/actions/requests';
import type { ObjectRef } from '@/actions/requests';
import { useCan } from '@/api/access';
import { When } from '@/ui/When';
import { selectorQuery, workloadSelector } from '@/api/related';
import { readFailure, useClusterGet, useClusterMutation } from '@/api/query';
import {
  controllerRevisionPatch,
  controllerRevisions,
  deploymentRevisions,
  deploymentRollbackPatch,
} from '@/workloads/rollback';
import type { Revision } from '@/workloads/rollback';
import { Button } from '@/ui/Button';
import { patchDeploymentRollback, patchRevisionRollback } from '@/workloads/requests';

interface ObjectList {
  items?: KubeObject[];
}

/** The kinds with a rollout history. */
export function hasRolloutHistory(ref: ObjectRef): boolean {
  return (
    ref.kind.group === 'apps' &&
    ['deployments', 'daemonsets', 'statefulsets'].includes(ref.kind.resource)
  );
}

function historyPath(ref: ObjectRef, object: KubeObject): string | null {
  const selector = selectorQuery(workloadSelector(object));
  if (selector === null) return null;
  const ns = encodeURIComponent(ref.namespace ?? '');
  const resource = ref.kind.resource === 'deployments' ? 'replicasets' : 'controllerrevisions';
  return `/apis/apps/v1/namespaces/${ns}/${resource}?labelSelector=${encodeURIComponent(selector)}`;
}

/** Rolls back to `revision`, as `kubectl rollout undo --to-revision` does. */
async function rollBack(ref: ObjectRef, object: KubeObject, revision: Revision): Promise<void> {
  if (ref.kind.resource === 'deployments') {
    if ((object['spec'] as { paused?: boolean } | undefined)?.paused === true) {
      throw new Error('A paused Deployment cannot be rolled back; resume it first.');
    }
    await patchDeploymentRollback(ref, deploymentRollbackPatch(object, revision.object));
  } else {
    await patchRevisionRollback(ref, controllerRevisionPatch(revision.object));
  }
}

function ConfirmRollback({
  target,
  object,
  revision,
  onClose,
  onDone,
  onUnauthorized,
}: {
  target: ObjectRef;
  object: KubeObject;
  revision: Revision;
  onClose: () => void;
  onDone: (message: string) => void;
  onUnauthorized: () => void;
}) {
  const rolling = useClusterMutation(target.cluster, () => rollBack(target, object, revision));
  const label = `${target.kind.kind} ${target.name}`;
  const unauthorized = rolling.error instanceof ApiError && rolling.error.status === 401;
  const confirm = () => {
    rolling.mutate(undefined, {
      onSuccess: () => {
        onDone(`Rolled ${label} back to revision ${revision.revision}.`);
      },
      onError: (caught) => {
        if (caught instanceof ApiError && caught.status === 401) onUnauthorized();
      },
    });
  };
  return (
    <FormDialog
      title={`Roll ${label} back to revision ${revision.revision}?`}
      submitLabel="Roll back"
      form={false}
      // Stays busy after a 401: the page is on its way to sign-in.
      busy={rolling.isPending || rolling.isSuccess || unauthorized}
      error={
        rolling.isError && !unauthorized ? failureMessage(rolling.error, 'roll back', target) : null
      }
      onSubmit={confirm}
      onClose={onClose}
    >
      <p>
        Its pod template becomes that of revision {revision.revision}
        {revision.images.length > 0 ? ` (${revision.images.join(', ')})` : ''}, and its pods are
        replaced.
      </p>
    </FormDialog>
  );
}

/**
 * A workload's rollout history (ReplicaSets of a Deployment, ControllerRevisions of a
 * DaemonSet or StatefulSet), newest first, with "Roll back" when the user may patch it.
 */
export function RolloutHistory({
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
  const path = historyPath(target, object);
  const loaded = useClusterGet<ObjectList>(target.cluster, path, {
    refresh: object.metadata.resourceVersion,
  });
  const canPatch = useCan(target.cluster, {
    verb: 'patch',
    group: target.kind.group,
    resource: target.kind.resource,
    ...(target.namespace === undefined ? {} : { namespace: target.namespace }),
    name: target.name,
  });
  const [chosen, setChosen] = useState<Revision | null>(null);

  let body;
  if (path === null) {
    body = <p className="muted">It has no selector.</p>;
  } else if (loaded.isPending) {
    body = <p className="muted">Loading…</p>;
  } else if (loaded.isError) {
    body = <p className="muted">Could not load: {readFailure(loaded.error)}</p>;
  } else {
    const items = loaded.data.items ?? [];
    const revisions =
      target.kind.resource === 'deployments'
        ? deploymentRevisions(object, items)
        : controllerRevisions(object, items);
    body =
      revisions.length === 0 ? (
        <p className="muted">No revisions.</p>
      ) : (
        <table className="details-table">
          <caption className="visually-hidden">Rollout history</caption>
          <thead>
            <tr>
              <th scope="col">Revision</th>
              <th scope="col">{target.kind.resource === 'deployments' ? 'ReplicaSet' : 'Name'}</th>
              <th scope="col">Images</th>
              <th scope="col">Change cause</th>
              <th scope="col">Age</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {revisions.map((revision) => (
              <tr key={revision.object.metadata.name}>
                <td>
                  {revision.revision}
                  {revision.current && <span className="muted"> (current)</span>}
                </td>
                <td>{revision.object.metadata.name}</td>
                <td>{revision.images.join(', ') || '—'}</td>
                <td>{revision.changeCause ?? '—'}</td>
                <td>
                  <When at={revision.object.metadata.creationTimestamp} age />
                </td>
                <td>
                  {canPatch && !revision.current && (
                    <Button
                      aria-label={`Roll back to revision ${revision.revision}`}
                      onClick={() => {
                        setChosen(revision);
                      }}
                    >
                      Roll back
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      );
  }

  return (
    <section className="details-section">
      <h2>Rollout history</h2>
      {body}
      {chosen !== null && (
        <ConfirmRollback
          target={target}
          object={object}
          revision={chosen}
          onClose={() => {
            setChosen(null);
          }}
          onDone={(message) => {
            setChosen(null);
            onChanged(message);
          }}
          onUnauthorized={onUnauthorized}
        />
      )}
    </section>
  );
}
