import { describe, expect, it } from 'vitest';
import type { KubeEvent } from '@/events/model';
import {
  FIRST_VISIT_WINDOW_MS,
  readLastSeen,
  seenKey,
  unseenWarnings,
  warningsNewestFirst,
  writeLastSeen,
} from '@/notify/unseen';

const NOW = Date.parse('2026-12-03T12:00:00Z');

function event(name: string, type: string, at: string, uid = name): KubeEvent {
  return { type, reason: name, lastTimestamp: at, metadata: { name, namespace: 'demo', uid } };
}

const storeOf = (value: string | null) => ({
  getItem: (key: string) => (key === seenKey('dev') ? value : null),
});

describe('last seen, in this browser', () => {
  it('reads back the time written, in whole seconds', () => {
    const data = new Map<string, string>();
    const storage = {
      getItem: (key: string) => data.get(key) ?? null,
      setItem: (key: string, value: string) => {
        data.set(key, value);
      },
    };
    expect(writeLastSeen(storage, 'dev', NOW + 789)).toBe(NOW);
    expect(readLastSeen(storage, 'dev', NOW)).toBe(NOW);
    expect(readLastSeen(storage, 'other', NOW)).toBeUndefined();
  });

  it('takes garbage for never', () => {
    for (const raw of [null, '', 'yesterday', '-5', '1e12', '12.5', '{"at":1}', ' 17 ']) {
      expect(readLastSeen(storeOf(raw), 'dev', NOW)).toBeUndefined();
    }
    // Far in the future: a broken clock or a hand-edited value, not a look.
    expect(readLastSeen(storeOf(String(NOW + 3 * 24 * 3600 * 1000)), 'dev', NOW)).toBeUndefined();
    expect(readLastSeen(undefined, 'dev', NOW)).toBeUndefined();
  });

  it('survives storage that throws', () => {
    const throwing = {
      getItem: (): string | null => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
    };
    expect(readLastSeen(throwing, 'dev', NOW)).toBeUndefined();
    expect(writeLastSeen(throwing, 'dev', NOW)).toBe(NOW);
  });
});

describe('unseen warnings', () => {
  const events = [
    event('old', 'Warning', '2026-12-03T11:00:00Z'),
    event('normal', 'Normal', '2026-12-03T11:59:00Z'),
    event('new', 'Warning', '2026-12-03T11:59:30Z'),
    event('new-again', 'Warning', '2026-12-03T11:59:30Z', 'new'),
    event('newest', 'Warning', '2026-12-03T11:59:50Z'),
  ];

  it('counts warnings after the last look, newest first, once each', () => {
    const seen = Date.parse('2026-12-03T11:30:00Z');
    expect(unseenWarnings(events, seen, NOW).map((e) => e.reason)).toEqual(['newest', 'new']);
  });

  it('counts nothing right after a look', () => {
    expect(unseenWarnings(events, Date.parse('2026-12-03T11:59:50Z'), NOW)).toEqual([]);
  });

  it('counts the last hour on a first visit', () => {
    const fresh = [...events, event('ancient', 'Warning', '2026-12-01T00:00:00Z')];
    const counted = unseenWarnings(fresh, undefined, NOW).map((e) => e.reason);
    expect(counted).toEqual(['newest', 'new']);
    expect(FIRST_VISIT_WINDOW_MS).toBe(3_600_000);
  });

  it('lists only warnings, ignoring an event with no time at the end', () => {
    const list = warningsNewestFirst([...events, { type: 'Warning', metadata: { name: 'x' } }]);
    expect(list.map((e) => e.reason)).toEqual(['newest', 'new', 'old', undefined]);
  });
});
