import { describe, expect, it } from 'vitest';
import { formatAbsolute, formatTime } from '@/ui/age';

const now = Date.parse('2026-01-10T00:00:00Z');

describe('formatTime', () => {
  it('writes relative times as an age, with "ago" unless it is an age column', () => {
    const format = { time: 'relative', timeZone: 'utc' } as const;
    expect(formatTime('2026-01-09T23:55:00Z', format, { now })).toBe('5m ago');
    expect(formatTime('2026-01-09T23:55:00Z', format, { now, age: true })).toBe('5m');
    expect(formatTime('2026-01-01T00:00:00Z', format, { now })).toBe('9d ago');
  });

  it('writes absolute times in UTC', () => {
    const format = { time: 'absolute', timeZone: 'utc' } as const;
    expect(formatTime('2026-01-09T23:55:07Z', format, { now })).toBe('2026-01-09 23:55:07 UTC');
    expect(formatTime('2026-01-09T23:55:07Z', format, { now, age: true })).toBe(
      '2026-01-09 23:55:07 UTC',
    );
  });

  it('writes absolute times in the browser zone without a zone name', () => {
    const at = Date.parse('2026-03-04T05:06:07Z');
    const d = new Date(at);
    const two = (n: number) => String(n).padStart(2, '0');
    expect(formatAbsolute(at, 'local')).toBe(
      `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ` +
        `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`,
    );
    expect(formatAbsolute(at, 'local')).not.toContain('UTC');
  });

  it('writes a dash for a missing or unreadable time in both modes', () => {
    for (const time of ['relative', 'absolute'] as const) {
      expect(formatTime(undefined, { time, timeZone: 'local' })).toBe('—');
      expect(formatTime(null, { time, timeZone: 'local' })).toBe('—');
      expect(formatTime('yesterday', { time, timeZone: 'utc' })).toBe('—');
    }
  });
});
