import type { WatchClientMessage } from '@/api/generated/WatchClientMessage';
import type { WatchLogOptions } from '@/api/generated/WatchLogOptions';
/**
 * Kubernetes watch events as Lanthorn's `/watch` socket relays them.
 *
 * Besides the API server's own failures, the server ends a subscription with an `error`
 * of its own: status 410 `SlowClient` (the tab read too slowly; list again, or resume the
 * log) or 401 `SessionEnded` (the session the socket was opened with is over; the socket
 * closes next, with code 4001). An `ended` with `resume` is a log Lanthorn ended at its
 * time limit, to be read on from where it stopped.
 */

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/** One event of the API server's watch, unchanged. */
export interface WatchEvent {
  type: WatchEventType;
  object: unknown;
}

/** Why a subscription stopped (a refused subscribe, or an ERROR event). */
export interface WatchFailure {
  status: number;
  reason: string;
  message: string;
}

/** What a log subscription asks for (every field optional), as `kubectl logs` would. */
export type LogOptions = WatchLogOptions;

/** What the client sends (generated from the server's types). */
export type ClientMessage = WatchClientMessage;

/** What the server sends, after checking its shape. */
export type ServerMessage =
  | { type: 'event'; id: string; event: WatchEvent }
  | { type: 'log'; id: string; lines: string[] }
  | { type: 'error'; id: string; failure: WatchFailure }
  | { type: 'ended'; id: string; resume: boolean };

const EVENT_TYPES: readonly string[] = ['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR'];

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

const text = (value: unknown, fallback: string): string =>
  typeof value === 'string' ? value : fallback;

/** Reads a text frame from the server; undefined for anything malformed. */
export function parseServerMessage(data: unknown): ServerMessage | undefined {
  if (typeof data !== 'string') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return undefined;
  }
  const message = record(parsed);
  const id = message?.['id'];
  if (message === undefined || typeof id !== 'string') return undefined;
  switch (message['type']) {
    case 'event': {
      const event = record(message['event']);
      const type = event?.['type'];
      if (event === undefined || typeof type !== 'string' || !EVENT_TYPES.includes(type)) {
        return undefined;
      }
      return {
        type: 'event',
        id,
        event: { type: type as WatchEventType, object: event['object'] },
      };
    }
    case 'error':
      return {
        type: 'error',
        id,
        failure: {
          status: typeof message['status'] === 'number' ? message['status'] : 0,
          reason: text(message['reason'], 'Error'),
          message: text(message['message'], 'the watch failed'),
        },
      };
    case 'log': {
      const lines = message['lines'];
      if (!Array.isArray(lines)) return undefined;
      return {
        type: 'log',
        id,
        lines: lines.filter((line): line is string => typeof line === 'string'),
      };
    }
    case 'ended':
      return { type: 'ended', id, resume: message['resume'] === true };
    default:
      return undefined;
  }
}

/** The failure an ERROR event's Status object describes. */
export function statusFailure(object: unknown): WatchFailure {
  const status = record(object);
  return {
    status: typeof status?.['code'] === 'number' ? status['code'] : 500,
    reason: text(status?.['reason'], 'Error'),
    message: text(status?.['message'], 'the watch failed'),
  };
}

/** The resourceVersion an event carries: a Table's first row object, or the object itself. */
export function eventResourceVersion(object: unknown): string | undefined {
  const value = record(object);
  if (value === undefined) return undefined;
  const rows = value['rows'];
  if (Array.isArray(rows) && rows.length > 0) {
    const inner = record(record(rows[0])?.['object']);
    const rv = record(inner?.['metadata'])?.['resourceVersion'];
    if (typeof rv === 'string' && rv !== '') return rv;
  }
  const rv = record(value['metadata'])?.['resourceVersion'];
  return typeof rv === 'string' && rv !== '' ? rv : undefined;
}
