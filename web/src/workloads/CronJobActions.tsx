import { ApiError } from '@/api/http';
import { useClusterMutation } from '@/api/query';
import { useState } from 'react';
import { FormDialog } from '@/ui/FormDialog';
import type { KubeObject } from '@/api/kube';
import { failureMessage } from '@/actions/requests';
import type { ObjectRef } from '@/actions/requests';
import { useCan } from '@/api/access';
import { isSuspended, manualJobName } from '@/workloads/cronjob';
import { Button } from '@/ui/Button';
import { runCronJobNow, setSuspended } from '@/workloads/requests';

/** A short suffix for a manual run's name: base-36 seconds, like the controller's minutes. */
function runSuffix(now: number): string {
  return Math.floor(now / 1000).toString(36);
}

/** Suspend / Resume and Run now for a CronJob, each when the cluster allows it. */
export function CronJobActions({
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
  const namespace = target.namespace ?? '';
  const canPatch = useCan(target.cluster, {
    verb: 'patch',
    group: 'batch',
    resource: 'cronjobs',
    namespace,
    name: target.name,
  });
  const canCreateJobs = useCan(target.cluster, {
    verb: 'create',
    group: 'batch',
    resource: 'jobs',
    namespace,
  });
  const change = useClusterMutation(
    target.cluster,
    ({ work }: { verb: string; work: () => Promise<string> }) => work(),
  );
  const busy = change.isPending;
  const suspended = isSuspended(object);
  const [asking, setAsking] = useState<'suspend' | 'run' | null>(null);

  const act = (verb: string, work: () => Promise<string>) => {
    change.mutate(
      { verb, work },
      {
        onSuccess: (message) => {
          setAsking(null);
          onChanged(message);
        },
        onError: (caught) => {
          if (caught instanceof ApiError && caught.status === 401) onUnauthorized();
        },
      },
    );
  };
  const failed =
    change.isError && !(change.error instanceof ApiError && change.error.status === 401);

  return (
    <>
      {canPatch && (
        <Button
          disabled={busy}
          onClick={() => {
            change.reset();
            setAsking('suspend');
          }}
        >
          {suspended ? 'Resume' : 'Suspend'}
        </Button>
      )}
      {canCreateJobs && (
        <Button
          disabled={busy}
          onClick={() => {
            change.reset();
            setAsking('run');
          }}
        >
          Run now
        </Button>
      )}
      {asking !== null && (
        <FormDialog
          title={
            asking === 'run'
              ? `Run CronJob ${target.name} now?`
              : `${suspended ? 'Resume' : 'Suspend'} CronJob ${target.name}?`
          }
          submitLabel={asking === 'run' ? 'Run now' : suspended ? 'Resume' : 'Suspend'}
          form={false}
          busy={busy}
          error={
            failed ? failureMessage(change.error, change.variables?.verb ?? 'change', target) : null
          }
          onSubmit={() => {
            if (asking === 'run') {
              act('run', async () => {
                const job = await runCronJobNow(
                  target,
                  object,
                  manualJobName(target.name, runSuffix(Date.now())),
                );
                return `Started Job ${job.metadata.name} from CronJob ${target.name}.`;
              });
            } else {
              act(suspended ? 'resume' : 'suspend', async () => {
                await setSuspended(target, !suspended);
                return suspended
                  ? `Resumed CronJob ${target.name}: it runs on its schedule again.`
                  : `Suspended CronJob ${target.name}: it starts no new runs.`;
              });
            }
          }}
          onClose={() => {
            setAsking(null);
          }}
        >
          <p>
            {asking === 'run'
              ? `A Job is created from its template at once, as kubectl create job --from=cronjob/${target.name} does.`
              : suspended
                ? 'It starts runs on its schedule again.'
                : 'It starts no new runs until resumed; runs already going keep going.'}
          </p>
        </FormDialog>
      )}
    </>
  );
}
