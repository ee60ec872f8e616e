import { useState } from 'react';
import { Dialog } from '@/ui/Dialog';
import { ActionsRow } from '@/ui/ActionsRow';
import { ErrorText } from '@/ui/ErrorText';
import { useCan } from '@/api/access';
import { forwardHref, forwardLabel } from '@/portforward/api';
import { usePortForwards, useStartForward } from '@/portforward/usePortForwards';
import { Link } from '@/nav/navigation';
import { Button } from '@/ui/Button';
import { Input } from '@/ui/Input';
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
  const [invalid, setInvalid] = useState(false);
  const starting = useStartForward(cluster);
  const started = starting.data ?? null;

  const start = () => {
    const localPort = parseLocalPort(local);
    if (localPort === 'invalid') {
      starting.reset();
      setInvalid(true);
      return;
    }
    setInvalid(false);
    starting.mutate({ ...target, ...(localPort === null ? {} : { localPort }) });
  };
  const error = invalid
    ? 'The local port must be a whole number from 1 to 65535, or empty for any free port.'
    : starting.isError
      ? starting.error instanceof Error
        ? starting.error.message
        : 'the forward could not be started'
      : null;

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
            <Input
              id="forward-local-port"
              inputMode="numeric"
              placeholder="any free port"
              value={local}
              onChange={(event) => {
                setLocal(event.target.value);
              }}
            />
          </p>
          <ErrorText>{error}</ErrorText>
          <ActionsRow>
            <Button onClick={onClose} disabled={starting.isPending}>
              Cancel
            </Button>
            <Button type="submit" variant="primary" disabled={starting.isPending}>
              Start forwarding
            </Button>
          </ActionsRow>
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
          <ActionsRow>
            <Button onClick={onClose}>Close</Button>
          </ActionsRow>
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
  if (!allowed || !forwards.isSuccess || !forwards.data.available) return null;
  return (
    <>
      <Button
        aria-label={label}
        onClick={() => {
          setOpen(true);
        }}
      >
        Port forward
      </Button>
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
