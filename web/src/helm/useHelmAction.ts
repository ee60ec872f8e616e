import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '@/api/http';
import { actionStatus } from '@/helm/api';
import type { HelmAction } from '@/helm/api';

export type ActionState =
  | { phase: 'idle' }
  | { phase: 'running'; action: HelmAction }
  | { phase: 'success'; action: HelmAction; message: string }
  | { phase: 'failed'; action: HelmAction; message: string };

const POLL_MS = 1000;

/**
 * Starts a Helm change and follows it through `action/status` until it ends; the state
 * says what is running and, at the end, Helm's own message.
 */
export function useHelmAction(cluster: string, onDone: () => void) {
  const [state, setState] = useState<ActionState>({ phase: 'idle' });
  const live = useRef(true);
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

  const run = useCallback(
    async (action: HelmAction, namespace: string, name: string, start: () => Promise<void>) => {
      setState({ phase: 'running', action });
      try {
        await start();
        for (;;) {
          await new Promise((resolve) => setTimeout(resolve, POLL_MS));
          if (!live.current) return;
          const status = await actionStatus(cluster, action, namespace, name);
          if (status.status === 'success' || status.status === 'failed') {
            setState({
              phase: status.status,
              action,
              message:
                status.message ?? `${action} ${status.status === 'success' ? 'done' : 'failed'}`,
            });
            latestOnDone.current();
            return;
          }
          if (status.status === '') {
            setState({ phase: 'failed', action, message: 'the server lost track of this change' });
            return;
          }
        }
      } catch (caught) {
        if (!live.current) return;
        const message =
          caught instanceof ApiError ? caught.message : 'Lanthorn could not be reached';
        setState({ phase: 'failed', action, message });
      }
    },
    [cluster],
  );
  return { state, run };
}
