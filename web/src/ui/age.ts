import type { TimeStyle, TimeZone } from '@/ui/settings';

/** How long ago a timestamp was, kubectl style: `45s`, `12m`, `5h`, `3d`, `2y`. */
export function formatAge(timestamp: string | undefined | null, now: number = Date.now()): string {
  if (timestamp === undefined || timestamp === null || timestamp === '') {
    return '—';
  }
  const at = Date.parse(timestamp);
  if (Number.isNaN(at)) {
    return '—';
  }
  const seconds = Math.max(0, Math.floor((now - at) / 1000));
  if (seconds < 120) {
    return `${seconds}s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 120) {
    return `${minutes}m`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    return `${hours}h`;
  }
  const days = Math.floor(hours / 24);
  if (days < 730) {
    return `${days}d`;
  }
  return `${Math.floor(days / 365)}y`;
}

const two = (n: number) => String(n).padStart(2, '0');

/** A moment as `2026-01-09 23:59:30` in the browser's zone, or `… UTC`. */
export function formatAbsolute(at: number, zone: TimeZone): string {
  const d = new Date(at);
  if (zone === 'utc') {
    return (
      `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ` +
      `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC`
    );
  }
  return (
    `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ` +
    `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`
  );
}

export interface TimeFormat {
  time: TimeStyle;
  timeZone: TimeZone;
}

/**
 * A timestamp as the user asked: relative (`5m ago`, or `5m` with `age` for a table's age
 * column) or absolute in their zone; `—` when there is none.
 */
export function formatTime(
  timestamp: string | undefined | null,
  format: TimeFormat,
  options: { now?: number; age?: boolean } = {},
): string {
  const at = timestamp === undefined || timestamp === null ? NaN : Date.parse(timestamp);
  if (Number.isNaN(at)) return '—';
  if (format.time === 'absolute') return formatAbsolute(at, format.timeZone);
  const age = formatAge(timestamp, options.now);
  return options.age === true ? age : `${age} ago`;
}
