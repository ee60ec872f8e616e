import type { ResourceKind } from '@/api/kube';
import { StatusBadge } from '@/ui/StatusBadge';
import { When } from '@/ui/When';
import {
  involvedObjectText,
  involvedObjectUrl,
  isWarning,
  lastSeen,
  newestFirst,
  occurrences,
  reporter,
} from '@/events/model';
import type { KubeEvent } from '@/events/model';
import '@/events/events.css';

interface Props {
  cluster: string;
  events: readonly KubeEvent[];
  /** The table's accessible name. */
  caption: string;
  /** Kinds the cluster serves, to link each event's object; omit to show no Object column. */
  kinds?: readonly ResourceKind[] | undefined;
  /** Show only the newest this many. */
  limit?: number;
}

/** Events, newest first: warnings marked and coloured, messages wrapped, objects linked. */
export function EventTable({ cluster, events, caption, kinds, limit }: Props) {
  const withObject = kinds !== undefined;
  return (
    // However long a reason, the table scrolls inside its box; the page never widens.
    <div className="event-table-scroll">
      <table className="event-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Type</th>
            <th scope="col">Reason</th>
            {withObject && <th scope="col">Object</th>}
            <th scope="col">Last seen</th>
            <th scope="col">Count</th>
            <th scope="col">From</th>
            <th scope="col">Message</th>
          </tr>
        </thead>
        <tbody>
          {newestFirst(events)
            .slice(0, limit)
            .map((event) => {
              const at = lastSeen(event);
              const href = withObject
                ? involvedObjectUrl(cluster, event.involvedObject, kinds)
                : undefined;
              const object = involvedObjectText(event.involvedObject);
              return (
                <tr
                  key={
                    event.metadata.uid ?? `${event.metadata.namespace ?? ''}/${event.metadata.name}`
                  }
                  className={`event-${event.type ?? ''}`}
                >
                  <td>
                    <StatusBadge
                      text={event.type ?? 'Unknown'}
                      className={isWarning(event) ? 'event-type warning' : 'event-type'}
                    />
                  </td>
                  <td>{event.reason}</td>
                  {withObject && (
                    <td className="event-object">
                      {href === undefined ? object : <a href={href}>{object}</a>}
                    </td>
                  )}
                  <td className="event-when">{at === undefined ? '—' : <When at={at} />}</td>
                  <td>{occurrences(event)}</td>
                  <td>{reporter(event)}</td>
                  <td className="event-message">{event.message}</td>
                </tr>
              );
            })}
        </tbody>
      </table>
    </div>
  );
}
