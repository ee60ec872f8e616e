import { describe, expect, it } from 'vitest';
import { nodesReady, podsByPhase, recentEvents } from '@/overview/summary';

describe('overview summaries', () => {
  it('counts ready nodes', () => {
    const ready = { status: { conditions: [{ type: 'Ready', status: 'True' }] } };
    const notReady = { status: { conditions: [{ type: 'Ready', status: 'False' }] } };
    expect(nodesReady({ items: [ready, notReady, {}] })).toEqual({ ready: 1, total: 3 });
    expect(nodesReady({})).toEqual({ ready: 0, total: 0 });
  });

  it('groups pods by phase and notices a cut list', () => {
    const pod = (phase?: string) => (phase === undefined ? {} : { status: { phase } });
    const summary = podsByPhase({
      items: [pod('Running'), pod('Running'), pod('Pending'), pod()],
      metadata: { continue: 'abc' },
    });
    expect(summary.phases).toEqual([
      ['Running', 2],
      ['Pending', 1],
      ['Unknown', 1],
    ]);
    expect(summary.partial).toBe(true);
    expect(podsByPhase({ items: [] }).partial).toBe(false);
  });

  it('keeps the newest events first', () => {
    const events = recentEvents(
      {
        items: [
          { reason: 'old', lastTimestamp: '2026-11-29T01:00:00Z' },
          { reason: 'new', lastTimestamp: '2026-11-29T03:00:00Z' },
          { reason: 'mid', eventTime: '2026-11-29T02:00:00Z', lastTimestamp: null },
        ],
      },
      2,
    );
    expect(events.map((e) => e.reason)).toEqual(['new', 'mid']);
  });
});
