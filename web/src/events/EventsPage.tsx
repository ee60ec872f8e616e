import { useState } from 'react';
import { readFailure } from '@/api/query';
import { useNamespaceChoices } from '@/nav/namespaces';
import { EventTable } from '@/events/EventTable';
import { eventsCollectionPath, isWarning } from '@/events/model';
import type { KubeEvent, KubeEventList } from '@/events/model';
import { NamespaceSelect } from '@/events/NamespaceSelect';
import { useScopedLists } from '@/events/scoped';
import type { Collection } from '@/events/scoped';
import { Button } from '@/ui/Button';
import { Input } from '@/ui/Input';
import { Checkbox } from '@/ui/Check';
import { useServedKinds } from '@/events/useKinds';

/**
 * At most this many events are read per list. The API server answers in name order, not by
 * time, so a list cut short says so.
 */
export const EVENTS_LIMIT = 500;

/** Rows shown at first, and added by each "Show more". */
export const EVENTS_PAGE = 100;

const EVENTS: Collection = {
  group: '',
  resource: 'events',
  path: (namespace) => `${eventsCollectionPath(namespace)}?limit=${EVENTS_LIMIT}`,
};

function matches(event: KubeEvent, needle: string): boolean {
  const object = event.involvedObject;
  return [event.reason, event.message, object?.kind, object?.name, object?.namespace].some(
    (text) => text?.toLowerCase().includes(needle) === true,
  );
}

interface Props {
  cluster: string;
  namespace: string | undefined;
  onNamespace: (namespace: string | undefined) => void;
}

/**
 * Every event the user may read, of all its namespaces or one: newest first, warnings
 * marked, each object linked. Read again every 30 s.
 */
export function EventsPage({ cluster, namespace, onNamespace }: Props) {
  const choices = useNamespaceChoices(cluster);
  const scope = {
    chosen: namespace === undefined ? [] : [namespace],
    fallback: choices.candidates,
  };
  const read = useScopedLists<KubeEventList>(cluster, EVENTS, scope, choices.loaded);
  const kinds = useServedKinds(cluster);
  const [warningsOnly, setWarningsOnly] = useState(false);
  const [filter, setFilter] = useState('');
  const [shownRows, setShownRows] = useState(EVENTS_PAGE);

  let body;
  if (!read.isSuccess && !read.isError) {
    body = <p className="muted">Loading…</p>;
  } else if (read.isError) {
    body = <p className="muted">Could not load events: {readFailure(read.error)}</p>;
  } else {
    const all = read.data.lists.flatMap(({ list }) => list.items ?? []);
    const partial = read.data.lists.some(({ list }) => (list.metadata?.continue ?? '') !== '');
    const needle = filter.trim().toLowerCase();
    const shown = all.filter(
      (event) => (!warningsOnly || isWarning(event)) && (needle === '' || matches(event, needle)),
    );
    body = (
      <>
        {read.data.refused.length > 0 && (
          <p className="muted">You may not list events in {read.data.refused.join(', ')}.</p>
        )}
        {read.data.lists.length === 0 && read.data.refused.length === 0 && (
          <p className="muted">Choose a namespace to see its events.</p>
        )}
        {shown.length === 0 ? (
          read.data.lists.length > 0 && <p className="muted">No events.</p>
        ) : (
          <EventTable
            cluster={cluster}
            events={shown}
            caption="Events"
            kinds={kinds ?? []}
            limit={shownRows}
          />
        )}
        {shown.length > shownRows && (
          <p>
            <Button
              onClick={() => {
                setShownRows(shownRows + EVENTS_PAGE);
              }}
            >
              Show more
            </Button>{' '}
            <span className="muted">
              {shownRows} of {shown.length} shown
            </span>
          </p>
        )}
        {partial && <p className="muted">Only the first {EVENTS_LIMIT} events of a namespace.</p>}
      </>
    );
  }

  return (
    <section aria-label="Events" className="events-page">
      <h1>Events</h1>
      <div className="events-toolbar">
        <NamespaceSelect value={namespace} choices={choices} onChange={onNamespace} />
        <label>
          <Checkbox
            checked={warningsOnly}
            onChange={(event) => {
              setWarningsOnly(event.target.checked);
            }}
          />{' '}
          Warnings only
        </label>
        <Input
          type="search"
          aria-label="Filter events"
          placeholder="Filter events"
          value={filter}
          onChange={(event) => {
            setFilter(event.target.value);
          }}
        />
      </div>
      {body}
    </section>
  );
}
