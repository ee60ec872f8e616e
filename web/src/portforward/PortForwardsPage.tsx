import { When } from '@/ui/When';
import { ErrorText } from '@/ui/ErrorText';
import { Link } from '@/nav/navigation';
import { forwardHref, forwardLabel } from '@/portforward/api';
import { usePortForwards, useStopForward } from '@/portforward/usePortForwards';
import { Button } from '@/ui/Button';
import { detailsUrl } from '@/routes';

const pods = { group: '', version: 'v1', resource: 'pods' };
const services = { group: '', version: 'v1', resource: 'services' };

/** `/c/CLUSTER/portforwards`: the user's forwards, with their local address and Stop. */
export function PortForwardsPage({ cluster }: { cluster: string }) {
  const loaded = usePortForwards(cluster);
  const stopping = useStopForward(cluster);

  let body;
  if (loaded.isPending) {
    body = <p>Loading…</p>;
  } else if (loaded.isError) {
    body = <ErrorText>{loaded.error.message}</ErrorText>;
  } else if (!loaded.data.available) {
    body = (
      <p className="muted">
        Port-forwarding is not available: Lanthorn runs inside the cluster, where a local port would
        be of no use to your browser.
      </p>
    );
  } else if (loaded.data.forwards.length === 0) {
    body = (
      <p className="muted">
        No port forwards. Start one from a pod&apos;s or Service&apos;s page (Ports).
      </p>
    );
  } else {
    body = (
      <table className="details-table">
        <caption className="visually-hidden">Port forwards</caption>
        <thead>
          <tr>
            <th scope="col">Local address</th>
            <th scope="col">Namespace</th>
            <th scope="col">To</th>
            <th scope="col">Port</th>
            <th scope="col">Started</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {loaded.data.forwards.map((forward) => (
            <tr key={forward.id}>
              <td>
                <a href={forwardHref(forward)} target="_blank" rel="noreferrer">
                  {forwardLabel(forward)}
                </a>
              </td>
              <td>{forward.namespace}</td>
              <td>
                {forward.service !== undefined && (
                  <>
                    <Link href={detailsUrl(cluster, services, forward.namespace, forward.service)}>
                      Service {forward.service}
                    </Link>{' '}
                    via{' '}
                  </>
                )}
                <Link href={detailsUrl(cluster, pods, forward.namespace, forward.pod)}>
                  pod {forward.pod}
                </Link>
              </td>
              <td>{forward.port}</td>
              <td>
                <When at={forward.startedAt} />
              </td>
              <td>
                <Button
                  aria-label={`Stop forwarding ${forwardLabel(forward)}`}
                  disabled={stopping.isPending && stopping.variables === forward.id}
                  onClick={() => {
                    stopping.mutate(forward.id);
                  }}
                >
                  Stop
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }

  return (
    <section aria-label="Port forwards" className="portforwards-page">
      <h1>Port forwards</h1>
      <ErrorText>
        {stopping.isError &&
          (stopping.error instanceof Error
            ? stopping.error.message
            : 'the forward could not be stopped')}
      </ErrorText>
      {body}
    </section>
  );
}
