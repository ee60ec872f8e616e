import { useCallback, useMemo, useState } from 'react';
import type { KubeObject } from '@/api/kube';
import { containerNames, defaultContainer } from '@/logs/logTargets';
import type { TerminalQuery } from '@/routes';
import type { SessionStatus } from '@/terminal/shellSession';
import { AUTO_SHELLS } from '@/terminal/shellFallback';
import { TerminalView } from '@/terminal/TerminalView';
import '@/terminal/terminal.css';
import { ErrorText } from '@/ui/ErrorText';

const SHELL_CHOICES = ['auto', 'bash', 'sh', 'ash', 'zsh'];

function statusText(status: SessionStatus | null): string {
  if (status === null) return '';
  switch (status.phase) {
    case 'connecting':
      return status.shell === undefined ? 'Connecting…' : `Starting ${status.shell}…`;
    case 'open':
      return status.shell === undefined ? 'Attached' : `Connected: ${status.shell}`;
    case 'ended':
    case 'no-shell':
      return status.message;
  }
}

/**
 * Exec or attach, as the address asks and the cluster allows: attach only when asked for and
 * allowed (or when exec is refused); `null` while the answers are not all in.
 */
export function terminalMode(
  askedAttach: boolean,
  mayExec: boolean | null,
  mayAttach: boolean | null,
): 'exec' | 'attach' | 'none' | null {
  if (askedAttach && mayAttach === true) return 'attach';
  if (mayExec === true) return 'exec';
  if (mayAttach === true) return 'attach';
  if (mayExec === null || mayAttach === null) return null;
  return 'none';
}

/**
 * The Terminal tab of a pod's page: a shell in one of its containers (or attached to its
 * process). Unmounted when the tab is left, which closes the session's socket.
 */
export function TerminalTab({
  pod,
  cluster,
  query,
  mayExec,
  mayAttach,
  onQuery,
}: {
  pod: KubeObject;
  cluster: string;
  query: TerminalQuery;
  mayExec: boolean | null;
  mayAttach: boolean | null;
  onQuery: (next: TerminalQuery) => void;
}) {
  const namespace = pod.metadata.namespace ?? '';
  const name = pod.metadata.name;
  const containers = useMemo(() => containerNames(pod), [pod]);
  const fallback = useMemo(() => defaultContainer(pod), [pod]);
  const chosen =
    query.container !== undefined && containers.includes(query.container)
      ? query.container
      : fallback;
  const mode = terminalMode(query.attach, mayExec, mayAttach);
  const [shell, setShell] = useState('auto');
  const [run, setRun] = useState(0);
  const [screenReader, setScreenReader] = useState(false);
  const [status, setStatus] = useState<SessionStatus | null>(null);
  const onStatus = useCallback((next: SessionStatus) => {
    setStatus(next);
  }, []);
  const shells = useMemo(() => (shell === 'auto' ? AUTO_SHELLS : [shell]), [shell]);
  const target = useMemo(
    () => ({ cluster, namespace, pod: name, container: chosen ?? '' }),
    [cluster, namespace, name, chosen],
  );
  const live = status?.phase === 'open' || status?.phase === 'connecting';

  if (mode === null) return <p>Loading…</p>;
  if (mode === 'none') return <ErrorText>You may not exec into or attach to this pod.</ErrorText>;
  if (chosen === undefined) return <p className="muted">This pod has no containers.</p>;
  const attach = mode === 'attach';
  return (
    <div className="terminal-tab">
      <div className="terminal-controls">
        {containers.length > 1 && (
          <label>
            Container{' '}
            <select
              value={chosen}
              onChange={(event) => {
                onQuery({ container: event.target.value, attach });
              }}
            >
              {containers.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
        )}
        {mayExec === true && mayAttach === true && (
          <label>
            Session{' '}
            <select
              value={mode}
              onChange={(event) => {
                onQuery({ container: chosen, attach: event.target.value === 'attach' });
              }}
            >
              <option value="exec">Run a shell</option>
              <option value="attach">Attach to the container</option>
            </select>
          </label>
        )}
        {!attach && (
          <label>
            Shell{' '}
            <select
              value={shell}
              onChange={(event) => {
                setShell(event.target.value);
              }}
            >
              {SHELL_CHOICES.map((choice) => (
                <option key={choice} value={choice}>
                  {choice === 'auto' ? 'bash, else sh' : choice}
                </option>
              ))}
            </select>
          </label>
        )}
        <button
          type="button"
          onClick={() => {
            setRun((n) => n + 1);
          }}
        >
          {live ? 'Restart session' : 'Reconnect'}
        </button>
        <label>
          <input
            type="checkbox"
            checked={screenReader}
            onChange={(event) => {
              setScreenReader(event.target.checked);
            }}
          />{' '}
          Screen reader mode
        </label>
        <span
          role="status"
          className={
            status?.phase === 'no-shell' || (status?.phase === 'ended' && status.failed)
              ? 'error'
              : 'muted'
          }
        >
          {statusText(status)}
        </span>
      </div>
      <TerminalView
        target={target}
        mode={mode}
        shells={shells}
        run={run}
        screenReader={screenReader}
        onStatus={onStatus}
      />
    </div>
  );
}
