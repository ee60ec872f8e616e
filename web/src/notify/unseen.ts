import { isWarning, lastSeen } from '@/events/model';
import type { KubeEvent } from '@/events/model';

/**
 * The bell's arithmetic: which Warning events are new since the user last opened the
 * notifications of a cluster. The time of that look is kept in this browser per cluster,
 * in whole seconds (an event's `lastTimestamp` has no finer unit).
 */

const KEY_PREFIX = 'lanthorn.notifications.seen.';

/** A first visit counts the warnings of the last hour. */
export const FIRST_VISIT_WINDOW_MS = 60 * 60 * 1000;

export const seenKey = (cluster: string) => `${KEY_PREFIX}${cluster}`;

/**
 * When the user last looked, in ms since the epoch; `undefined` when never, or when what is
 * stored is not a time (garbage, a time in the future beyond a day, storage refusing).
 */
export function readLastSeen(
  storage: Pick<Storage, 'getItem'> | undefined,
  cluster: string,
  now = Date.now(),
): number | undefined {
  let raw: string | null | undefined;
  try {
    raw = storage?.getItem(seenKey(cluster));
  } catch {
    return undefined;
  }
  if (raw === null || raw === undefined || !/^\d{1,16}$/.test(raw)) return undefined;
  const at = Number(raw);
  return Number.isSafeInteger(at) && at <= now + 24 * 60 * 60 * 1000 ? at : undefined;
}

/** Keeps `at` (whole seconds) as the user's last look at the cluster's notifications. */
export function writeLastSeen(
  storage: Pick<Storage, 'setItem'> | undefined,
  cluster: string,
  at: number,
): number {
  const seconds = Math.floor(at / 1000) * 1000;
  try {
    storage?.setItem(seenKey(cluster), String(seconds));
  } catch {
    // Refused (private mode, full): remembered for this page only.
  }
  return seconds;
}

const timeOf = (event: KubeEvent): number => {
  const at = Date.parse(lastSeen(event) ?? '');
  return Number.isNaN(at) ? 0 : at;
};

/** Warning events, once each (by uid, else namespace and name), newest first. */
export function warningsNewestFirst(events: readonly KubeEvent[]): KubeEvent[] {
  const seen = new Set<string>();
  const out: KubeEvent[] = [];
  for (const event of events) {
    if (!isWarning(event)) continue;
    const id = event.metadata.uid ?? `${event.metadata.namespace ?? ''}/${event.metadata.name}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(event);
  }
  return out.sort((a, b) => timeOf(b) - timeOf(a));
}

/** Whether a warning happened after the last look (or within the first-visit window). */
export function isUnseen(
  event: KubeEvent,
  lastSeenAt: number | undefined,
  now = Date.now(),
): boolean {
  const since = lastSeenAt ?? now - FIRST_VISIT_WINDOW_MS;
  return timeOf(event) > since;
}

/** The warnings new since the last look, newest first. */
export function unseenWarnings(
  events: readonly KubeEvent[],
  lastSeenAt: number | undefined,
  now = Date.now(),
): KubeEvent[] {
  return warningsNewestFirst(events).filter((event) => isUnseen(event, lastSeenAt, now));
}
