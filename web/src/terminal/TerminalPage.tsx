import { useCallback, useMemo, useState } from 'react';
import type { KubeObject } from '@/api/kube';
import { errorStatus } from '@/api/http';
import { readFailure, useClusterGet } from '@/api/query';
import { containerNames, defaultContainer } from '@/logs/logTargets';
import { Link, useNavigate } from '@/nav/navigation';
import { detailsUrl, terminalUrl } from '@/routes';
import type { SessionStatus } from '@/terminal/shellSession';
import { AUTO_SHELLS } from '@/terminal/shellFallback';
import { TerminalView } from '@/terminal/TerminalView';
import { useAccessAnswer } from '@/api/access';
import '@/terminal/terminal.css';
import { ErrorText } from '@/ui/ErrorText';

const pods = { group: '', version: 'v1', resource: 'pods' };
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

/** `/c/CLUSTER/terminal/NS/POD`: a shell in a pod's container, or attached to it. */
export function TerminalPage({
  cluster,
  namespace,
  pod,
  container,
  attach,
}: {
  cluster: string;
  namespace: string;
  pod: string;
  container: string | undefined;
  attach: boolean;
}) {
  const navigate = useNavigate();
  const mode = attach ? 'attach' : 'exec';
  const allowed = useAccessAnswer(cluster, {
    verb: 'create',
    group: '',
    resource: 'pods',
    subresource: mode,
    namespace,
    name: pod,
  });
  const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}`;
  const loaded = useClusterGet<KubeObject>(cluster, path);
  const object = loaded.isSuccess ? loaded.data : null;
  const containers = useMemo(() => (object === null ? [] : containerNames(object)), [object]);
  const chosen = container ?? (object === null ? undefined : defaultContainer(object));
  const [shell, setShell] = useState('auto');
  const [run, setRun] = useState(0);
  const [screenReader, setScreenReader] = useState(false);
  const [status, setStatus] = useState<SessionStatus | null>(null);
  const onStatus = useCallback((next: SessionStatus) => {
    setStatus(next);
  }, []);
  const shells = useMemo(() => (shell === 'auto' ? AUTO_SHELLS : [shell]), [shell]);
  const target = useMemo(
    () => ({ cluster, namespace, pod, container: chosen ?? '' }),
    [cluster, namespace, pod, chosen],
  );
  const live = status?.phase === 'open' || status?.phase === 'connecting';
  const what = attach ? 'attach to' : 'exec into';

  let body;
  if (allowed === false) {
    body = <ErrorText>You may not {what} this pod.</ErrorText>;
  } else if (loaded.isError) {
    body = (
      <ErrorText>
        {errorStatus(loaded.error) === 404
          ? `Pod ${pod} was not found in ${namespace}`
          : readFailure(loaded.error)}
      </ErrorText>
    );
  } else if (allowed === null || object === null) {
    body = <p>Loading…</p>;
  } else if (chosen === undefined) {
    body = <p className="muted">This pod has no containers.</p>;
  } else {
    body = (
      <>
        <div className="terminal-controls">
          {containers.length > 1 && (
            <label>
              Container{' '}
              <select
                value={chosen}
                onChange={(event) => {
                  navigate(
                    terminalUrl(cluster, namespace, pod, { container: event.target.value, attach }),
                    { replace: true },
                  );
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
      </>
    );
  }

  return (
    <article className="terminal-page">
      <header className="details-header">
        <p className="muted">
          <Link href={detailsUrl(cluster, pods, namespace, pod)}>Pod {pod}</Link> in {namespace}
        </p>
        <h1>
          {attach ? 'Attached to' : 'Terminal in'} {pod}
          {chosen === undefined ? '' : ` (${chosen})`}
        </h1>
      </header>
      {body}
    </article>
  );
}
