/** An event about one object, as `core/v1` Event describes it. */
export interface ObjectEvent {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  lastTimestamp?: string | null;
  firstTimestamp?: string | null;
  eventTime?: string | null;
  series?: { count?: number; lastObservedTime?: string } | null;
  source?: { component?: string; host?: string };
  reportingComponent?: string;
  metadata: { name: string; creationTimestamp?: string; uid?: string };
}

export interface ObjectEventList {
  items?: ObjectEvent[];
}

/** When an event last happened, whichever field its reporter filled in. */
export function lastSeen(event: ObjectEvent): string | undefined {
  return (
    event.series?.lastObservedTime ??
    event.lastTimestamp ??
    event.eventTime ??
    event.metadata.creationTimestamp ??
    undefined
  );
}

function millis(event: ObjectEvent): number {
  const at = Date.parse(lastSeen(event) ?? '');
  return Number.isNaN(at) ? 0 : at;
}

/** Events, newest first. */
export function newestFirst(events: ObjectEvent[] | undefined): ObjectEvent[] {
  return [...(events ?? [])].sort((a, b) => millis(b) - millis(a));
}

/** Who reported an event. */
export function reporter(event: ObjectEvent): string {
  const component = event.source?.component || event.reportingComponent || '';
  const host = event.source?.host;
  return host ? `${component}, ${host}` : component;
}

/** How many times an event happened. */
export function occurrences(event: ObjectEvent): number {
  return event.series?.count ?? event.count ?? 1;
}

/** The path of the events about an object (all namespaces for cluster-scoped objects). */
export function eventsPath(namespace: string | undefined, uid: string): string {
  const where =
    namespace === undefined || namespace === ''
      ? ''
      : `/namespaces/${encodeURIComponent(namespace)}`;
  return `/api/v1${where}/events?fieldSelector=${encodeURIComponent(`involvedObject.uid=${uid}`)}`;
}
