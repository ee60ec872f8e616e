import { Bell } from 'lucide-react';
import { useState } from 'react';
import { readFailure } from '@/api/query';
import {
  eventsCollectionPath,
  involvedObjectText,
  involvedObjectUrl,
  lastSeen,
} from '@/events/model';
import type { KubeEventList } from '@/events/model';
import { useScopedLists } from '@/events/scoped';
import type { Collection } from '@/events/scoped';
import { useServedKinds } from '@/events/useKinds';
import { Link } from '@/nav/navigation';
import { useNamespaceChoices } from '@/nav/namespaces';
import {
  isUnseen,
  readLastSeen,
  unseenWarnings,
  warningsNewestFirst,
  writeLastSeen,
} from '@/notify/unseen';
import { eventsUrl } from '@/routes';
import { useDisclosure } from '@/ui/popup';
import { When } from '@/ui/When';
import { IconButton } from '@/ui/Button';
import { StatusBadge } from '@/ui/StatusBadge';
import '@/notify/notify.css';

/** Warnings only, so the bench's Normal events do not crowd them out of a capped list. */
const WARNINGS: Collection = {
  group: '',
  resource: 'events',
  path: (namespace) => `${eventsCollectionPath(namespace)}?fieldSelector=type%3DWarning&limit=1000`,
};

/** The panel shows this many of the newest warnings. */
const SHOWN = 20;

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/**
 * The header's bell: how many Warning events happened, in the namespaces the user may read,
 * since they last opened it; opening lists the newest (reason, message, object linked, time)
 * and marks them seen. Read the way the Events page reads (access review first), every 30 s.
 */
export function NotificationBell({ cluster }: { cluster: string }) {
  const { open, setOpen, panelId, root, button, onKeyDown } = useDisclosure();
  const choices = useNamespaceChoices(cluster);
  const read = useScopedLists<KubeEventList>(
    cluster,
    WARNINGS,
    { chosen: [], fallback: choices.candidates },
    choices.loaded,
  );
  const kinds = useServedKinds(cluster);
  const [lastSeenAt, setLastSeenAt] = useState(() => readLastSeen(storage(), cluster));
  // While the panel is open, what was new when it opened stays marked as new.
  const [openedAfter, setOpenedAfter] = useState<number | undefined>(undefined);

  const events = read.data?.lists.flatMap(({ list }) => list.items ?? []) ?? [];
  const unseen = unseenWarnings(events, lastSeenAt).length;

  const toggle = () => {
    if (open) {
      setOpen(false);
      return;
    }
    setOpenedAfter(lastSeenAt);
    setLastSeenAt(writeLastSeen(storage(), cluster, Date.now()));
    setOpen(true);
  };

  const newest = warningsNewestFirst(events).slice(0, SHOWN);
  return (
    <div className="notify" ref={root} onKeyDown={onKeyDown}>
      <IconButton
        ref={button}
        icon={Bell}
        className="notify-button"
        label={`Notifications, ${unseen} new`}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={toggle}
        badge={unseen > 0 ? (unseen > 99 ? '99+' : unseen) : undefined}
      />
      {open && (
        <div id={panelId} className="notify-panel" role="group" aria-label="Notifications">
          <h2 className="notify-heading">Warning events</h2>
          {read.isError && (
            <p className="muted">Could not read events: {readFailure(read.error)}</p>
          )}
          {read.isPending && <p className="muted">Loading…</p>}
          {read.isSuccess && newest.length === 0 && <p className="muted">No warnings.</p>}
          {read.isSuccess && read.data.refused.length > 0 && (
            <p className="muted">You may not list events in {read.data.refused.join(', ')}.</p>
          )}
          {newest.length > 0 && (
            <ul className="notify-list" aria-label="Warning events">
              {newest.map((event) => {
                const href = involvedObjectUrl(cluster, event.involvedObject, kinds ?? []);
                const object = involvedObjectText(event.involvedObject);
                const fresh = isUnseen(event, openedAfter);
                return (
                  <li
                    key={
                      event.metadata.uid ??
                      `${event.metadata.namespace ?? ''}/${event.metadata.name}`
                    }
                    className={fresh ? 'notify-item notify-new' : 'notify-item'}
                  >
                    <div className="notify-line">
                      <StatusBadge text="Warning" />
                      <strong>{event.reason}</strong>
                      {fresh && <span className="notify-badge">new</span>}
                      <span className="notify-when muted">
                        <When at={lastSeen(event)} />
                      </span>
                    </div>
                    {object !== '' && (
                      <div>
                        {href === undefined ? (
                          object
                        ) : (
                          <Link
                            href={href}
                            onClick={() => {
                              setOpen(false);
                            }}
                          >
                            {object}
                          </Link>
                        )}
                      </div>
                    )}
                    <div className="notify-message">{event.message}</div>
                  </li>
                );
              })}
            </ul>
          )}
          <p className="notify-more">
            <Link
              href={eventsUrl(cluster)}
              onClick={() => {
                setOpen(false);
              }}
            >
              All events
            </Link>
          </p>
        </div>
      )}
    </div>
  );
}
