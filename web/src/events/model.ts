import type { ResourceKind } from '@/api/kube';
import { detailsUrl } from '@/routes';

/** The object an event is about, as `core/v1` Event names it. */
export interface InvolvedObject {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  fieldPath?: string;
}

/** A `core/v1` Event, with the fields the event views read. */
export interface KubeEvent {
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
  involvedObject?: InvolvedObject;
  metadata: { name: string; namespace?: string; creationTimestamp?: string; uid?: string };
}

export interface KubeEventList {
  items?: KubeEvent[];
  metadata?: { continue?: string };
}

/** When an event last happened, whichever field its reporter filled in. */
export function lastSeen(event: KubeEvent): string | undefined {
  return (
    event.series?.lastObservedTime ??
    event.lastTimestamp ??
    event.eventTime ??
    event.metadata.creationTimestamp ??
    undefined
  );
}

function millis(event: KubeEvent): number {
  const at = Date.parse(lastSeen(event) ?? '');
  return Number.isNaN(at) ? 0 : at;
}

/**
 * Events, newest first by when they last happened; events of the same moment keep a fixed
 * order (warnings first, then by name) so a list read again does not reshuffle.
 */
export function newestFirst(events: readonly KubeEvent[] | undefined): KubeEvent[] {
  return [...(events ?? [])].sort(
    (a, b) =>
      millis(b) - millis(a) ||
      Number(isWarning(b)) - Number(isWarning(a)) ||
      a.metadata.name.localeCompare(b.metadata.name),
  );
}

/** Whether an event is a warning (`type: Warning`). */
export const isWarning = (event: KubeEvent) => event.type === 'Warning';

/** Who reported an event. */
export function reporter(event: KubeEvent): string {
  const component = event.source?.component || event.reportingComponent || '';
  const host = event.source?.host;
  return host ? `${component}, ${host}` : component;
}

/** How many times an event happened. */
export function occurrences(event: KubeEvent): number {
  return event.series?.count ?? event.count ?? 1;
}

/** `apps/v1` → group `apps`, version `v1`; `v1` → the core group. */
function splitApiVersion(apiVersion: string | undefined): { group: string; version: string } {
  if (apiVersion === undefined || apiVersion === '') return { group: '', version: '' };
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/**
 * Lanthorn's page of the object an event is about, when the cluster serves its kind (found
 * in discovery by group and kind; the event's own version when served, else another one).
 * Node events often carry no apiVersion: a kind the core group serves is then assumed.
 */
export function involvedObjectUrl(
  cluster: string,
  object: InvolvedObject | undefined,
  kinds: readonly ResourceKind[],
): string | undefined {
  if (object?.kind === undefined || object.name === undefined || object.name === '') {
    return undefined;
  }
  const { group, version } = splitApiVersion(object.apiVersion);
  const candidates = kinds.filter((k) => k.kind === object.kind && k.group === group);
  const kind = candidates.find((k) => k.version === version) ?? candidates[0];
  if (kind === undefined) return undefined;
  return detailsUrl(cluster, kind, kind.namespaced ? object.namespace : undefined, object.name);
}

/** `Deployment demo/web`, `Node kwok-node-2`. */
export function involvedObjectText(object: InvolvedObject | undefined): string {
  if (object === undefined) return '';
  const where = object.namespace ? `${object.namespace}/` : '';
  return `${object.kind ?? ''} ${where}${object.name ?? ''}`.trim();
}

/** The events collection of one namespace, or of all namespaces when `namespace` is undefined. */
export function eventsCollectionPath(namespace: string | undefined): string {
  return namespace === undefined
    ? '/api/v1/events'
    : `/api/v1/namespaces/${encodeURIComponent(namespace)}/events`;
}
