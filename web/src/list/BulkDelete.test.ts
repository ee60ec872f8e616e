import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/http';
import type { ResourceKind } from '@/api/kube';
import type { ObjectRef } from '@/actions/requests';
import { deleteEach, selectedLabel } from '@/list/BulkDelete';

const configMaps: ResourceKind = {
  group: '',
  version: 'v1',
  resource: 'configmaps',
  kind: 'ConfigMap',
  namespaced: true,
  verbs: ['delete'],
  shortNames: [],
};

describe('deleteEach', () => {
  it('deletes every object in turn and reports each, a refusal not stopping the rest', async () => {
    const asked: string[] = [];
    const remove = (ref: ObjectRef) => {
      asked.push(`${ref.namespace ?? ''}/${ref.name}`);
      return ref.name === 'locked'
        ? Promise.reject(new ApiError(403, 'Forbidden', 'not yours'))
        : Promise.resolve();
    };
    const outcomes = await deleteEach(
      'dev',
      configMaps,
      [
        { namespace: 'demo', name: 'a' },
        { namespace: 'demo', name: 'locked' },
        { namespace: 'staging', name: 'b' },
      ],
      remove,
    );
    expect(asked).toEqual(['demo/a', 'demo/locked', 'staging/b']);
    expect(outcomes).toEqual([
      { label: 'demo/a', deleted: true, message: 'deleted' },
      {
        label: 'demo/locked',
        deleted: false,
        message: 'You may not delete ConfigMap locked: not yours',
      },
      { label: 'staging/b', deleted: true, message: 'deleted' },
    ]);
  });

  it('labels cluster-scoped objects by name alone', () => {
    expect(selectedLabel({ namespace: undefined, name: 'node-1' })).toBe('node-1');
  });
});
