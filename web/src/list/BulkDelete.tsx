import { useState } from 'react';
import { useToast } from '@/ui/Toasts';
import type { ResourceKind } from '@/api/kube';
import { useClusterMutation } from '@/api/query';
import { deleteObject, failureMessage } from '@/actions/requests';
import type { ObjectRef } from '@/actions/requests';
import { FormDialog } from '@/ui/FormDialog';
import { rowKey } from '@/list/table';
import type { TableRow } from '@/list/table';
import type { RowSelection } from '@/list/VirtualTable';

/** One selected object: where it is. */
export interface Selected {
  namespace: string | undefined;
  name: string;
}

/** How one object's delete went. */
export interface BulkOutcome {
  label: string;
  deleted: boolean;
  message: string;
}

/** `namespace/name`, or the name of a cluster-scoped object. */
export function selectedLabel(object: Selected): string {
  return object.namespace === undefined ? object.name : `${object.namespace}/${object.name}`;
}

const selectedOf = (row: TableRow): Selected => ({
  namespace: row.object.metadata.namespace,
  name: row.object.metadata.name,
});

/** Picking among `rows` (the rows shown): one at a time, or every one shown at once. */
export function rowSelection(
  rows: readonly TableRow[],
  picked: ReadonlyMap<string, Selected>,
  setPicked: (update: (before: ReadonlyMap<string, Selected>) => Map<string, Selected>) => void,
): RowSelection {
  const every = (map: ReadonlyMap<string, Selected>) =>
    rows.length > 0 && rows.every((row) => map.has(rowKey(row)));
  return {
    isSelected: (row) => picked.has(rowKey(row)),
    toggle: (row) => {
      setPicked((before) => {
        const next = new Map(before);
        const key = rowKey(row);
        if (next.has(key)) next.delete(key);
        else next.set(key, selectedOf(row));
        return next;
      });
    },
    all: every(picked),
    toggleAll: () => {
      setPicked((before) =>
        every(before) ? new Map() : new Map(rows.map((row) => [rowKey(row), selectedOf(row)])),
      );
    },
  };
}

/**
 * Deletes each object in turn (background propagation, as kubectl does) and says how each
 * went; one refusal does not stop the others.
 */
export async function deleteEach(
  cluster: string,
  kind: ResourceKind,
  objects: Selected[],
  remove: (ref: ObjectRef) => Promise<void> = (ref) => deleteObject(ref, 'Background'),
): Promise<BulkOutcome[]> {
  const outcomes: BulkOutcome[] = [];
  for (const object of objects) {
    const ref: ObjectRef = { cluster, kind, namespace: object.namespace, name: object.name };
    try {
      await remove(ref);
      outcomes.push({ label: selectedLabel(object), deleted: true, message: 'deleted' });
    } catch (caught) {
      outcomes.push({
        label: selectedLabel(object),
        deleted: false,
        message: failureMessage(caught, 'delete', ref),
      });
    }
  }
  return outcomes;
}

/** One confirmation listing the selected objects, then each object's result. */
export function BulkDeleteDialog({
  cluster,
  kind,
  objects,
  plural,
  onClose,
  onDone,
}: {
  cluster: string;
  kind: ResourceKind;
  objects: Selected[];
  plural: string;
  onClose: () => void;
  /** After the deletes, with the objects that were deleted. */
  onDone: (deleted: string[]) => void;
}) {
  const [outcomes, setOutcomes] = useState<BulkOutcome[] | null>(null);
  const toast = useToast();
  const deleting = useClusterMutation(cluster, () => deleteEach(cluster, kind, objects));
  const noun = objects.length === 1 ? kind.kind : plural;
  if (outcomes !== null) {
    const failed = outcomes.filter((o) => !o.deleted).length;
    return (
      <FormDialog
        title={
          failed === 0
            ? `Deleted ${outcomes.length} ${noun}`
            : `Deleted ${outcomes.length - failed} of ${outcomes.length} ${noun}`
        }
        submitLabel="Close"
        form={false}
        error={null}
        onSubmit={onClose}
        onClose={onClose}
      >
        <ul aria-label="Results" className="bulk-results">
          {outcomes.map((o) => (
            <li key={o.label} className={o.deleted ? 'ok' : 'error'}>
              {o.label}: {o.message}
            </li>
          ))}
        </ul>
      </FormDialog>
    );
  }
  return (
    <FormDialog
      title={`Delete ${objects.length} ${noun}?`}
      submitLabel="Delete"
      danger
      form={false}
      busy={deleting.isPending}
      error={
        deleting.isError
          ? failureMessage(deleting.error, 'delete', {
              cluster,
              kind,
              namespace: undefined,
              name: '',
            })
          : null
      }
      onSubmit={() => {
        deleting.mutate(undefined, {
          onSuccess: (done) => {
            setOutcomes(done);
            const failed = done.filter((o) => !o.deleted).length;
            toast(
              failed === 0 ? 'success' : 'error',
              failed === 0
                ? `Deleted ${done.length} ${noun}`
                : `Deleted ${done.length - failed} of ${done.length} ${noun}; ${failed} refused`,
            );
            onDone(done.filter((o) => o.deleted).map((o) => o.label));
          },
        });
      }}
      onClose={onClose}
    >
      <p>These are deleted one after the other; their dependents are deleted in the background.</p>
      <ul aria-label="To delete" className="bulk-list">
        {objects.map((o) => (
          <li key={selectedLabel(o)}>{selectedLabel(o)}</li>
        ))}
      </ul>
    </FormDialog>
  );
}
