import { describe, expect, it } from 'vitest';
import { kinds, objectHref } from '@/details/links';
import {
  accessModesText,
  claimCapacity,
  isDefaultClass,
  mountsClaim,
  nodeAffinityTerms,
  topologyTerms,
  volumeSource,
} from '@/details/kinds/storage';

describe('claims', () => {
  it('sets requested beside actual capacity and says why they differ', () => {
    const claim = (requested: string, actual?: string) => ({
      spec: { resources: { requests: { storage: requested } } },
      ...(actual === undefined ? {} : { status: { capacity: { storage: actual } } }),
    });
    expect(claimCapacity(claim('5Gi', '5Gi'))).toEqual({
      requested: '5Gi',
      actual: '5Gi',
      note: undefined,
    });
    // The same size written another way is the same size.
    expect(claimCapacity(claim('5Gi', '5368709120')).note).toBeUndefined();
    expect(claimCapacity(claim('1Gi', '8Gi')).note).toBe('more than requested');
    expect(claimCapacity(claim('10Gi', '5Gi')).note).toBe(
      'a resize to the requested size has not finished',
    );
    expect(claimCapacity(claim('20Gi'))).toEqual({
      requested: '20Gi',
      actual: undefined,
      note: undefined,
    });
    expect(claimCapacity({}).requested).toBe('—');
    expect(claimCapacity(claim('lots', '5Gi')).note).toBeUndefined();
  });

  it('names access modes with their short forms, ', () => {
    expect(accessModesText(['ReadWriteOnce', 'ReadOnlyMany'])).toBe(
      'ReadWriteOnce (RWO), ReadOnlyMany (ROX)',
    );
    expect(accessModesText(['ReadWriteOncePod'])).toBe('ReadWriteOncePod (RWOP)');
    expect(accessModesText(undefined)).toBe('—');
  });

  it('finds the pods that mount a claim, ephemeral volumes included', () => {
    const pod = (name: string, volumes: object[]) => ({ metadata: { name }, spec: { volumes } });
    expect(
      mountsClaim(
        pod('a', [{ name: 'data', persistentVolumeClaim: { claimName: 'uploads' } }]),
        'uploads',
      ),
    ).toBe(true);
    expect(
      mountsClaim(
        pod('b', [{ name: 'data', persistentVolumeClaim: { claimName: 'other' } }]),
        'uploads',
      ),
    ).toBe(false);
    expect(mountsClaim(pod('web-0', [{ name: 'scratch', ephemeral: {} }]), 'web-0-scratch')).toBe(
      true,
    );
    expect(mountsClaim(pod('c', [{ name: 'x', emptyDir: {} }]), 'c-x')).toBe(false);
    expect(mountsClaim({ metadata: { name: 'd' } }, 'uploads')).toBe(false);
  });
});

describe('volumes', () => {
  it('names the source type and the fields that say which storage it is', () => {
    expect(
      volumeSource({
        spec: {
          accessModes: ['ReadWriteOnce'],
          capacity: { storage: '5Gi' },
          claimRef: { name: 'uploads', namespace: 'demo' },
          hostPath: { path: '/var/lib/kwok-volumes/pvc-1', type: '' },
          persistentVolumeReclaimPolicy: 'Delete',
        },
      }),
    ).toEqual({ type: 'hostPath', details: [['path', '/var/lib/kwok-volumes/pvc-1']] });
    expect(
      volumeSource({ spec: { csi: { driver: 'ebs.csi.aws.com', volumeHandle: 'vol-0123' } } }),
    ).toEqual({
      type: 'csi',
      details: [
        ['driver', 'ebs.csi.aws.com'],
        ['volumeHandle', 'vol-0123'],
      ],
    });
    expect(volumeSource({ spec: { quobyte: { volume: 'v' } } })).toEqual({
      type: 'quobyte',
      details: [],
    });
    expect(volumeSource({}).type).toBe('—');
  });

  it('summarizes node affinity one term a line, and links the claim', () => {
    expect(
      nodeAffinityTerms({
        spec: {
          nodeAffinity: {
            required: {
              nodeSelectorTerms: [
                {
                  matchExpressions: [
                    { key: 'kubernetes.io/hostname', operator: 'In', values: ['node-1'] },
                  ],
                },
                {
                  matchFields: [
                    { key: 'metadata.name', operator: 'In', values: ['node-2', 'node-3'] },
                  ],
                },
              ],
            },
          },
        },
      }),
    ).toEqual(['kubernetes.io/hostname In (node-1)', 'metadata.name In (node-2, node-3)']);
    expect(nodeAffinityTerms({ spec: {} })).toEqual([]);
    expect(objectHref('dev', kinds.persistentVolumeClaims, 'demo', 'uploads')).toBe(
      '/c/dev/r/core/v1/persistentvolumeclaims/demo/uploads',
    );
    expect(objectHref('dev', kinds.storageClasses, undefined, 'kwok-fast')).toBe(
      '/c/dev/r/storage.k8s.io/v1/storageclasses/_/kwok-fast',
    );
  });
});

describe('storage classes', () => {
  it('tells the default class by either annotation', () => {
    const annotated = (key: string, value: string) => ({
      metadata: { annotations: { [key]: value } },
    });
    expect(isDefaultClass(annotated('storageclass.kubernetes.io/is-default-class', 'true'))).toBe(
      true,
    );
    expect(
      isDefaultClass(annotated('storageclass.beta.kubernetes.io/is-default-class', 'true')),
    ).toBe(true);
    expect(isDefaultClass(annotated('storageclass.kubernetes.io/is-default-class', 'false'))).toBe(
      false,
    );
    expect(isDefaultClass({ metadata: {} })).toBe(false);
  });

  it('writes allowed topologies as requirements', () => {
    expect(
      topologyTerms({
        metadata: {},
        allowedTopologies: [
          { matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: ['a', 'b'] }] },
        ],
      }),
    ).toEqual(['topology.kubernetes.io/zone In (a, b)']);
  });
});
