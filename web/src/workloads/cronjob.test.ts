import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@/api/kube';
import { isSuspended, manualJob, manualJobName, suspendPatch } from '@/workloads/cronjob';

const cronJob: KubeObject = {
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'report-digest', namespace: 'demo', uid: 'cj-1' },
  spec: {
    schedule: '*/5 * * * *',
    suspend: false,
    jobTemplate: {
      metadata: { labels: { app: 'report' }, annotations: { team: 'shop' } },
      spec: {
        backoffLimit: 1,
        template: { spec: { restartPolicy: 'Never', containers: [{ name: 'r', image: 'r:1' }] } },
      },
    },
  },
};

describe('CronJob actions', () => {
  it('builds the Job kubectl create job --from=cronjob builds', () => {
    const job = manualJob(cronJob, 'report-digest-manual-abc');
    expect(job).toEqual({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: 'report-digest-manual-abc',
        namespace: 'demo',
        annotations: { 'cronjob.kubernetes.io/instantiate': 'manual', team: 'shop' },
        labels: { app: 'report' },
        ownerReferences: [
          {
            apiVersion: 'batch/v1',
            kind: 'CronJob',
            name: 'report-digest',
            uid: 'cj-1',
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        backoffLimit: 1,
        template: { spec: { restartPolicy: 'Never', containers: [{ name: 'r', image: 'r:1' }] } },
      },
    });
    // A copy: changing the Job leaves the CronJob alone.
    (job['spec'] as { backoffLimit: number }).backoffLimit = 9;
    expect(
      (cronJob['spec'] as { jobTemplate: { spec: { backoffLimit: number } } }).jobTemplate.spec
        .backoffLimit,
    ).toBe(1);
  });

  it('keeps manual run names within 63 characters', () => {
    expect(manualJobName('report-digest', 'sx1q2')).toBe('report-digest-manual-sx1q2');
    const long = manualJobName('a'.repeat(70), 'sx1q2');
    expect(long).toHaveLength(63);
    expect(long.endsWith('-manual-sx1q2')).toBe(true);
  });

  it('suspends and resumes with a merge patch', () => {
    expect(suspendPatch(true)).toEqual({ spec: { suspend: true } });
    expect(suspendPatch(false)).toEqual({ spec: { suspend: false } });
    expect(isSuspended(cronJob)).toBe(false);
    expect(() => manualJob({ metadata: { name: 'x' } }, 'x-1')).toThrow(/no job template/);
  });
});
