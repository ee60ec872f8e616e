import { describe, expect, it } from 'vitest';
import { objectStatus } from '@/details/objectStatus';

const meta = { metadata: { name: 'x' } };

describe('objectStatus', () => {
  it('says a pod runs and how many containers are ready', () => {
    expect(
      objectStatus('Pod', {
        ...meta,
        status: { phase: 'Running', containerStatuses: [{ ready: true }, { ready: false }] },
      }),
    ).toEqual({ text: 'Running, 1/2 ready', tone: 'warn' });
  });

  it('names a crash loop before the phase', () => {
    expect(
      objectStatus('Pod', {
        ...meta,
        status: {
          phase: 'Running',
          containerStatuses: [{ state: { waiting: { reason: 'CrashLoopBackOff' } } }],
        },
      }),
    ).toEqual({ text: 'CrashLoopBackOff', tone: 'bad' });
  });

  it('counts a workload’s ready replicas', () => {
    expect(
      objectStatus('Deployment', { ...meta, spec: { replicas: 3 }, status: { readyReplicas: 3 } }),
    ).toEqual({ text: 'Ready, 3/3', tone: 'good' });
    expect(objectStatus('Deployment', { ...meta, spec: { replicas: 3 }, status: {} })).toEqual({
      text: '0 of 3 ready',
      tone: 'bad',
    });
  });

  it('reads a node’s Ready condition and a phase or condition otherwise', () => {
    expect(
      objectStatus('Node', {
        ...meta,
        spec: { unschedulable: true },
        status: { conditions: [{ type: 'Ready', status: 'True' }] },
      }),
    ).toEqual({ text: 'Ready, cordoned', tone: 'warn' });
    expect(objectStatus('PersistentVolumeClaim', { ...meta, status: { phase: 'Bound' } })).toEqual({
      text: 'Bound',
      tone: 'good',
    });
    expect(objectStatus('ConfigMap', { ...meta, data: {} })).toBeUndefined();
    expect(objectStatus('Thing', { ...meta, status: 'garbage' })).toBeUndefined();
  });
});
