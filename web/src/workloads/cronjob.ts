import type { KubeObject } from '@/api/kube';

/** The annotation `kubectl create job --from=cronjob/…` marks a manual run with. */
export const INSTANTIATE_ANNOTATION = 'cronjob.kubernetes.io/instantiate';

interface JobTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: unknown;
}

/** The merge patch that suspends (or resumes) a CronJob. */
export function suspendPatch(suspend: boolean): { spec: { suspend: boolean } } {
  return { spec: { suspend } };
}

/** Whether a CronJob is suspended. */
export function isSuspended(cronJob: KubeObject): boolean {
  return (cronJob['spec'] as { suspend?: boolean } | undefined)?.suspend === true;
}

/** A name for a manual run: `NAME-manual-SUFFIX`, within the 63 characters a Job may have. */
export function manualJobName(cronJob: string, suffix: string): string {
  const tail = `-manual-${suffix}`;
  return `${cronJob.slice(0, 63 - tail.length).replace(/[-.]+$/, '')}${tail}`;
}

/**
 * The Job `kubectl create job --from=cronjob/NAME` makes: the CronJob's job template, owned
 * by (controlled by) the CronJob, annotated as a manual run.
 */
export function manualJob(cronJob: KubeObject, name: string): KubeObject {
  const template = (cronJob['spec'] as { jobTemplate?: JobTemplate } | undefined)?.jobTemplate;
  if (template === undefined) {
    throw new Error(`CronJob ${cronJob.metadata.name} has no job template`);
  }
  const annotations: Record<string, string> = {
    [INSTANTIATE_ANNOTATION]: 'manual',
    ...(template.metadata?.annotations ?? {}),
  };
  const labels = template.metadata?.labels;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      ...(cronJob.metadata.namespace === undefined
        ? {}
        : { namespace: cronJob.metadata.namespace }),
      annotations,
      ...(labels === undefined ? {} : { labels: { ...labels } }),
      ownerReferences: [
        {
          apiVersion: cronJob.apiVersion ?? 'batch/v1',
          kind: 'CronJob',
          name: cronJob.metadata.name,
          uid: cronJob.metadata.uid ?? '',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: structuredClone(template.spec ?? {}),
  };
}
