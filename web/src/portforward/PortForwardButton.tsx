import { useState } from 'react';
import { Dialog } from '@/actions/Dialog';
import { useCan } from '@/api/access';
import { forwardHref, forwardLabel, startForward } from '@/portforward/api';
import type { PortForward } from '@/portforward/api';
import { usePortForwards } from '@/portforward/usePortForwards';
import { Link } from '@/nav/navigation';
import { portForwardsUrl } from '@/routes';

export type ForwardTarget = { namespace: string; port: number } & (
  { pod: string } | { service: string }
);

function targetName(target: ForwardTarget): string {
  return 'pod' in target ? `pod ${target.pod}` : `Service ${target.service}`;
}

/** A port chosen by the user: empty for any free one. */
export function parseLocalPort(text: string): number | null | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const port = Number(trimmed);
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? port : 'invalid';
}

/** Asks for a local port (or a free one) and starts forwarding it. */
function PortForwardDialog({
  cluster,
  target,
  onClose,
}: {
  cluster: string;
  target: ForwardTarget;
  onClose: () => void;
}) {
  const [local, setLocal] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [started, setStarted] = useState<PortForward | null>(null);

  const start = () => {
    const localPort = parseLocalPort(local);
    if (localPort === 'invalid') {
      setError(
        'The local port must be a whole number from 1 to 65535, or empty for any free port.',
      );
      return;
    }
    setBusy(true);
    setError(null);
    startForward(cluster, { ...target, ...(localPort === null ? {} : { localPort }) })
      .then((forward) => {
        setStarted(forward);
      })
      .catch((caught: unknown) => {
        setError(caught instanceof Error ? caught.message : 'the forward could not be started');
      })
      .finally(() => {
        setBusy(false);
      });
  };

  return (
    <Dialog title={`Forward port ${target.port} of ${targetName(target)}`} onClose={onClose}>
      {started === null ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            start();
          }}
        >
          <p>
            <label htmlFor="forward-local-port">Local port</label>{' '}
            <input
              id="forward-local-port"
              inputMode="numeric"
              placeholder="any free port"
              value={local}
              onChange={(event) => {
                setLocal(event.target.value);
              }}
            />
          </p>
          {error !== null && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
          <div className="dialog-buttons">
            <button type="button" onClick={onClose} disabled={busy}>
              Cancel
            </button>
            <button type="submit" disabled={busy}>
              Start forwarding
            </button>
          </div>
        </form>
      ) : (
        <>
          <p role="status" className="ok">
            Forwarding{' '}
            <a href={forwardHref(started)} target="_blank" rel="noreferrer">
              {forwardLabel(started)}
            </a>{' '}
            to port {started.port} of {targetName(target)}.
          </p>
          <p>
            <Link href={portForwardsUrl(cluster)} onClick={onClose}>
              See all port forwards
            </Link>
          </p>
          <div className="dialog-buttons">
            <button type="button" onClick={onClose}>
              Close
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}

/**
 * "Port forward" for one port of a pod or Service: offered when Lanthorn can forward (it
 * runs outside the cluster) and the cluster lets the user create pods/portforward there.
 */
export function PortForwardButton({
  cluster,
  target,
  label,
}: {
  cluster: string;
  target: ForwardTarget;
  label: string;
}) {
  const forwards = usePortForwards(cluster);
  const allowed = useCan(cluster, {
    verb: 'create',
    group: '',
    resource: 'pods',
    subresource: 'portforward',
    namespace: target.namespace,
  });
  const [open, setOpen] = useState(false);
  if (!allowed || forwards.state !== 'ok' || !forwards.value.available) return null;
  return (
    <>
      <button
        type="button"
        aria-label={label}
        onClick={() => {
          setOpen(true);
        }}
      >
        Port forward
      </button>
      {open && (
        <PortForwardDialog
          cluster={cluster}
          target={target}
          onClose={() => {
            setOpen(false);
          }}
        />
      )}
    </>
  );
}
