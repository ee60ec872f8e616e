import { useEffect, useRef, useState } from 'react';
import { useToast } from '@/ui/Toasts';
import { ApiError } from '@/api/http';
import type { KubeObject } from '@/api/kube';
import { ActionsRow } from '@/ui/ActionsRow';
import { Dialog } from '@/ui/Dialog';
import { ErrorText } from '@/ui/ErrorText';
import { evictAll, outcomeText, planDrain } from '@/nodes/drain';
import type { PodOutcome } from '@/nodes/drain';
import { Button } from '@/ui/Button';
import { Input } from '@/ui/Input';
import { evictPod, podsOnNode, setUnschedulable } from '@/nodes/requests';

const RETRY_MS = 5_000;

interface Row {
  pod: KubeObject;
  outcome: PodOutcome;
}

type Phase =
  | { step: 'ask' }
  | { step: 'running'; rows: Row[] }
  | { step: 'done'; rows: Row[] }
  | { step: 'failed'; message: string };

/** A sleep that ends early when `signal` aborts. */
function sleeper(signal: AbortSignal) {
  return (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
}

function summary(rows: Row[]): string {
  const count = (states: PodOutcome['state'][]) =>
    rows.filter((r) => states.includes(r.outcome.state)).length;
  const parts = [
    `${count(['evicted', 'gone'])} evicted`,
    `${count(['skipped'])} skipped`,
    `${count(['blocked'])} blocked by a PodDisruptionBudget`,
    `${count(['error'])} failed`,
  ];
  const stopped = count(['stopped']);
  if (stopped > 0) parts.push(`${stopped} not evicted (stopped)`);
  return parts.join(', ');
}

/** Drains a node: cordons it, then evicts its pods one by one, showing each result. */
export function DrainDialog({
  cluster,
  node,
  onClose,
  onDrained,
  onUnauthorized,
}: {
  cluster: string;
  node: string;
  onClose: () => void;
  onDrained: (message: string) => void;
  onUnauthorized: () => void;
}) {
  const [phase, setPhase] = useState<Phase>({ step: 'ask' });
  const [seconds, setSeconds] = useState('120');
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const controller = useRef<AbortController | null>(null);
  const toast = useToast();

  useEffect(() => {
    if (phase.step !== 'running') return undefined;
    const timer = setInterval(() => {
      setNow(Date.now());
    }, 1000);
    return () => {
      clearInterval(timer);
    };
  }, [phase.step]);

  useEffect(
    () => () => {
      controller.current?.abort();
    },
    [],
  );

  const drain = async (timeoutMs: number) => {
    const abort = new AbortController();
    controller.current = abort;
    try {
      await setUnschedulable(cluster, node, true);
      const plan = planDrain(await podsOnNode(cluster, node));
      const rows: Row[] = [
        ...plan.evict.map((pod): Row => ({ pod, outcome: { state: 'pending' } })),
        ...plan.skip.map(({ pod, reason }): Row => ({
          pod,
          outcome: { state: 'skipped', reason },
        })),
      ];
      setPhase({ step: 'running', rows: [...rows] });
      await evictAll(
        plan.evict,
        {
          evict: (pod) => evictPod(cluster, pod),
          sleep: sleeper(abort.signal),
          now: () => Date.now(),
        },
        { timeoutMs, retryMs: RETRY_MS, signal: abort.signal },
        (index, outcome) => {
          const row = rows[index];
          if (row !== undefined) rows[index] = { ...row, outcome };
          if (!abort.signal.aborted || outcome.state === 'stopped') {
            setPhase({ step: 'running', rows: [...rows] });
          }
        },
      );
      setPhase({ step: 'done', rows: [...rows] });
      const message = `Drained node ${node}: ${summary(rows)}.`;
      const clean = rows.every((row) => ['evicted', 'skipped', 'gone'].includes(row.outcome.state));
      toast(clean ? 'success' : 'error', message);
      onDrained(message);
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 401) {
        onUnauthorized();
        return;
      }
      const message = caught instanceof Error ? caught.message : 'the drain failed';
      toast('error', `Drain of node ${node} failed: ${message}`);
      setPhase({ step: 'failed', message });
    }
  };

  const start = () => {
    const value = Number(seconds);
    if (!Number.isInteger(value) || value < 0) {
      setError('The time to wait must be a whole number of seconds, 0 or more.');
      return;
    }
    setError(null);
    setPhase({ step: 'running', rows: [] });
    void drain(value * 1000);
  };

  const running = phase.step === 'running';
  return (
    <Dialog title={`Drain node ${node}`} onClose={running ? () => undefined : onClose}>
      {phase.step === 'ask' && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            start();
          }}
        >
          <p>
            The node is cordoned (no new pods), then every pod on it is evicted except DaemonSet and
            mirror pods. Pods a PodDisruptionBudget protects are evicted only when the budget allows
            it.
          </p>
          <p>
            <label htmlFor="drain-timeout">Give up on pods a budget blocks after (seconds)</label>{' '}
            <Input
              id="drain-timeout"
              inputMode="numeric"
              value={seconds}
              onChange={(event) => {
                setSeconds(event.target.value);
              }}
            />
          </p>
          <ErrorText>{error}</ErrorText>
          <ActionsRow>
            <Button onClick={onClose}>Cancel</Button>
            <Button type="submit" variant="danger">
              Drain
            </Button>
          </ActionsRow>
        </form>
      )}
      {phase.step === 'failed' && (
        <>
          <ErrorText>{phase.message}</ErrorText>
          <ActionsRow>
            <Button onClick={onClose}>Close</Button>
          </ActionsRow>
        </>
      )}
      {(phase.step === 'running' || phase.step === 'done') && (
        <>
          <p role="status">
            {phase.step === 'running'
              ? phase.rows.length === 0
                ? `Cordoning ${node} and listing its pods…`
                : 'Evicting pods…'
              : `Done: ${summary(phase.rows)}.`}
          </p>
          {phase.rows.length > 0 && (
            <table className="details-table drain-table">
              <caption className="visually-hidden">Pods of the node</caption>
              <thead>
                <tr>
                  <th scope="col">Namespace</th>
                  <th scope="col">Pod</th>
                  <th scope="col">Result</th>
                </tr>
              </thead>
              <tbody>
                {phase.rows.map(({ pod, outcome }) => (
                  <tr key={`${pod.metadata.namespace ?? ''}/${pod.metadata.name}`}>
                    <td>{pod.metadata.namespace}</td>
                    <td>{pod.metadata.name}</td>
                    <td
                      className={
                        outcome.state === 'error' || outcome.state === 'blocked'
                          ? 'error'
                          : undefined
                      }
                    >
                      {outcomeText(outcome, now)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <ActionsRow>
            {running ? (
              <Button
                onClick={() => {
                  controller.current?.abort();
                }}
              >
                Stop
              </Button>
            ) : (
              <Button onClick={onClose}>Close</Button>
            )}
          </ActionsRow>
        </>
      )}
    </Dialog>
  );
}
