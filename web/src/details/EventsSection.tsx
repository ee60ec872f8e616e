import type { KubeObject } from '@/api/kube';
import { formatAge } from '@/ui/age';
import { eventsPath, lastSeen, newestFirst, occurrences, reporter } from '@/details/events';
import type { ObjectEventList } from '@/details/events';
import { readFailure, useClusterGet } from '@/api/query';

/** The events about an object, newest first. */
export function EventsSection({ cluster, object }: { cluster: string; object: KubeObject }) {
  const uid = object.metadata.uid;
  const events = useClusterGet<ObjectEventList>(
    cluster,
    uid === undefined ? null : eventsPath(object.metadata.namespace, uid),
    { refresh: object.metadata.resourceVersion },
  );
  let body;
  if (uid === undefined) {
    body = <p className="muted">None</p>;
  } else if (events.isPending) {
    body = <p className="muted">Loading…</p>;
  } else if (events.isError) {
    body = <p className="muted">Could not load events: {readFailure(events.error)}</p>;
  } else {
    const sorted = newestFirst(events.data.items);
    body =
      sorted.length === 0 ? (
        <p className="muted">None</p>
      ) : (
        <table className="details-table">
          <caption className="visually-hidden">Events</caption>
          <thead>
            <tr>
              <th scope="col">Type</th>
              <th scope="col">Reason</th>
              <th scope="col">Last seen</th>
              <th scope="col">Count</th>
              <th scope="col">From</th>
              <th scope="col">Message</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((event) => {
              const at = lastSeen(event);
              return (
                <tr
                  key={event.metadata.uid ?? event.metadata.name}
                  className={`event-${event.type ?? ''}`}
                >
                  <td>{event.type}</td>
                  <td>{event.reason}</td>
                  <td>
                    {at === undefined ? (
                      '—'
                    ) : (
                      <time dateTime={at} title={at}>
                        {formatAge(at)} ago
                      </time>
                    )}
                  </td>
                  <td>{occurrences(event)}</td>
                  <td>{reporter(event)}</td>
                  <td>{event.message}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      );
  }
  return (
    <section className="details-section">
      <h2>Events</h2>
      {body}
    </section>
  );
}
