// The event model (its fields, when it last happened, newest first) is `@/events/model`'s;
// this file adds only where an object's own events are read.
export { newestFirst } from '@/events/model';
export type { KubeEvent as ObjectEvent } from '@/events/model';

/** The path of the events about an object (all namespaces for cluster-scoped objects). */
export function eventsPath(namespace: string | undefined, uid: string): string {
  const where =
    namespace === undefined || namespace === ''
      ? ''
      : `/namespaces/${encodeURIComponent(namespace)}`;
  return `/api/v1${where}/events?fieldSelector=${encodeURIComponent(`involvedObject.uid=${uid}`)}`;
}
