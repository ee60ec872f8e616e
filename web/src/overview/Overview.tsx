import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { ApiError, requestJson } from '@/api/http';
import { nodesReady, podsByPhase, recentEvents } from '@/overview/summary';
import type { EventList, KubeEvent, NodeList, PodList } from '@/overview/summary';

type Loaded<T> =
  { state: 'loading' } | { state: 'ok'; value: T } | { state: 'error'; message: string };

function useList<T>(path: string): Loaded<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    requestJson<T>(path)
      .then((value) => {
        if (live && value !== undefined) {
          setLoaded({ state: 'ok', value });
        }
      })
      .catch((caught: unknown) => {
        if (!live) {
          return;
        }
        const message =
          caught instanceof ApiError && caught.status === 403
            ? 'you may not list these'
            : caught instanceof ApiError
              ? caught.message
              : 'the cluster could not be reached';
        setLoaded({ state: 'error', message });
      });
    return () => {
      live = false;
    };
  }, [path]);
  return loaded;
}

function Card({
  title,
  loaded,
  children,
}: {
  title: string;
  loaded: Loaded<unknown>;
  children: () => ReactNode;
}) {
  return (
    <div className="card">
      <h2>{title}</h2>
      {loaded.state === 'loading' && <p>Loading…</p>}
      {loaded.state === 'error' && <p className="muted">{loaded.message}</p>}
      {loaded.state === 'ok' && children()}
    </div>
  );
}

function eventLine(event: KubeEvent): string {
  const object = event.involvedObject;
  const where =
    object === undefined
      ? ''
      : `${object.kind ?? ''} ${object.namespace ? `${object.namespace}/` : ''}${object.name ?? ''}`;
  return `${where.trim()}: ${event.reason ?? ''} — ${event.message ?? ''}`;
}

/** A cluster at a glance, as far as the signed-in user may see it. */
export function Overview({ cluster }: { cluster: string }) {
  const base = `/clusters/${encodeURIComponent(cluster)}`;
  const nodes = useList<NodeList>(`${base}/api/v1/nodes`);
  const pods = useList<PodList>(`${base}/api/v1/pods?limit=500`);
  const events = useList<EventList>(`${base}/api/v1/events?fieldSelector=type%3DWarning&limit=100`);
  return (
    <section aria-label="Overview" className="overview">
      <Card title="Nodes" loaded={nodes}>
        {() => {
          if (nodes.state !== 'ok') return null;
          const { ready, total } = nodesReady(nodes.value);
          return (
            <p>
              {ready} of {total} ready
            </p>
          );
        }}
      </Card>
      <Card title="Pods" loaded={pods}>
        {() => {
          if (pods.state !== 'ok') return null;
          const { phases, partial } = podsByPhase(pods.value);
          return (
            <ul>
              {phases.map(([phase, count]) => (
                <li key={phase}>
                  {phase}: {count}
                </li>
              ))}
              {partial && <li className="muted">first 500 pods only</li>}
            </ul>
          );
        }}
      </Card>
      <Card title="Recent warnings" loaded={events}>
        {() => {
          if (events.state !== 'ok') return null;
          const recent = recentEvents(events.value, 5);
          return recent.length === 0 ? (
            <p>None</p>
          ) : (
            <ul>
              {recent.map((event, i) => (
                <li key={i}>{eventLine(event)}</li>
              ))}
            </ul>
          );
        }}
      </Card>
    </section>
  );
}
