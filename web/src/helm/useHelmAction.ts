import { useEffect, useRef } from 'react';
import { ApiError } from '@/api/http';
import { useAppMutation } from '@/api/query';
import { actionStatus, helmChanged } from '@/helm/api';
import type { HelmAction } from '@/helm/api';
import { useToast } from '@/ui/Toasts';

export type ActionState =
  | { phase: 'idle' }
  | { phase: 'running'; action: HelmAction }
  | { phase: 'success'; action: HelmAction; message: string }
  | { phase: 'failed'; action: HelmAction; message: string };

const POLL_MS = 1000;

interface Run {
  action: HelmAction;
  namespace: string;
  name: string;
  start: () => Promise<void>;
}

/** How a change ended; `ended` is false when the server lost track of it (or we left). */
interface Ending {
  phase: 'success' | 'failed';
  message: string;
  ended: boolean;
}

/**
 * Starts a Helm change and follows it through `action/status` until it ends; the state
 * says what is running and, at the end, Helm's own message. When it has ended, the
 * cluster's releases are read again and `onDone` is called.
 */
export function useHelmAction(cluster: string, onDone: () => void) {
  const live = useRef(true);
  const toast = useToast();
  const latestOnDone = useRef(onDone);
  useEffect(() => {
    latestOnDone.current = onDone;
  }, [onDone]);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const change = useAppMutation<Ending, Run>({
    mutationFn: async ({ action, namespace, name, start }) => {
      await start();
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        if (!live.current) return { phase: 'failed', message: '', ended: false };
        const status = await actionStatus(cluster, action, namespace, name);
        if (status.status === 'success' || status.status === 'failed') {
          return {
            phase: status.status,
            message:
              status.message ?? `${action} ${status.status === 'success' ? 'done' : 'failed'}`,
            ended: true,
          };
        }
        if (status.status === '') {
          return { phase: 'failed', message: 'the server lost track of this change', ended: false };
        }
      }
    },
    onSuccess: ({ ended, phase, message }, { action, namespace, name }) => {
      if (message !== '') {
        toast(
          phase === 'success' ? 'success' : 'error',
          `Helm ${action} of ${namespace}/${name} ${phase === 'success' ? 'done' : 'failed'}: ${message}`,
        );
      }
      if (!ended) return;
      void helmChanged(cluster);
      latestOnDone.current();
    },
    onError: (error, { action, namespace, name }) => {
      const message = error instanceof ApiError ? error.message : 'Lanthorn could not be reached';
      toast('error', `Helm ${action} of ${namespace}/${name} failed: ${message}`);
    },
  });

  const { mutate } = change;
  const run = (action: HelmAction, namespace: string, name: string, start: () => Promise<void>) => {
    mutate({ action, namespace, name, start });
  };

  let state: ActionState = { phase: 'idle' };
  const action = change.variables?.action;
  if (action !== undefined) {
    if (change.isPending) state = { phase: 'running', action };
    else if (change.isSuccess)
      state = { phase: change.data.phase, action, message: change.data.message };
    else if (change.isError) {
      state = {
        phase: 'failed',
        action,
        message:
          change.error instanceof ApiError ? change.error.message : 'Lanthorn could not be reached',
      };
    }
  }
  return { state, run };
}
