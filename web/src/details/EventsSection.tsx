import type { KubeObject } from '@/api/kube';
import { eventsPath } from '@/details/events';
import { readFailure, useClusterGet } from '@/api/query';
import { EventTable } from '@/events/EventTable';
import type { KubeEventList } from '@/events/model';

/** The events about an object, newest first, warnings marked. */
export function EventsSection({ cluster, object }: { cluster: string; object: KubeObject }) {
  const uid = object.metadata.uid;
  const events = useClusterGet<KubeEventList>(
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
    const items = events.data.items ?? [];
    body =
      items.length === 0 ? (
        <p className="muted">None</p>
      ) : (
        <EventTable cluster={cluster} events={items} caption="Events" />
      );
  }
  return (
    <section className="details-section">
      <h2>Events</h2>
      {body}
    </section>
  );
}
