/**
 * One line of a container's log as the cluster sends it with `timestamps=true`:
 * `2026-11-28T08:00:07.120100751Z the text`. The time becomes a sort key that compares
 * correctly as a string (RFC 3339 with nanoseconds drops trailing zeros, so the raw text
 * does not).
 */

export interface ParsedLine {
  /** The timestamp as the cluster wrote it, `''` when the line had none. */
  stamp: string;
  /** `YYYY-MM-DDTHH:MM:SS.nnnnnnnnn` in UTC, or null when the line had no timestamp. */
  key: string | null;
  text: string;
}

const RFC3339 = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/;

/** A sortable key for an RFC 3339 time, or null if it is not one. */
export function timeKey(stamp: string): string | null {
  const match = RFC3339.exec(stamp);
  if (match === null) return null;
  const [, seconds = '', fraction = '', zone = 'Z'] = match;
  if (zone === 'Z') return `${seconds}.${fraction.padEnd(9, '0')}`;
  const ms = Date.parse(`${seconds}${zone}`);
  if (Number.isNaN(ms)) return null;
  const utc = new Date(ms).toISOString().slice(0, 19);
  return `${utc}.${fraction.padEnd(9, '0')}`;
}

/** Splits the leading timestamp off a line when `timestamped`; otherwise keeps it whole. */
export function parseLine(raw: string, timestamped: boolean): ParsedLine {
  if (!timestamped) return { stamp: '', key: null, text: raw };
  const space = raw.indexOf(' ');
  const stamp = space < 0 ? raw : raw.slice(0, space);
  const key = timeKey(stamp);
  if (key === null) return { stamp: '', key: null, text: raw };
  return { stamp, key, text: space < 0 ? '' : raw.slice(space + 1) };
}

/** Milliseconds since the epoch of a time key (for resuming after a disconnect). */
export function keyMillis(key: string): number {
  return Date.parse(`${key.slice(0, 23)}Z`);
}
