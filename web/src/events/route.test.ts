import { describe, expect, it } from 'vitest';
import { clusterPageUrl, eventsUrl, parseRoute } from '@/routes';

describe('the Events page and the overview of one namespace', () => {
  it('have addresses that read back as the same page', () => {
    expect(eventsUrl('dev')).toBe('/c/dev/events');
    expect(eventsUrl('dev', 'demo')).toBe('/c/dev/events?ns=demo');
    expect(parseRoute('/c/dev/events', '')).toEqual({ page: 'events', cluster: 'dev' });
    expect(parseRoute('/c/dev/events', '?ns=demo')).toEqual({
      page: 'events',
      cluster: 'dev',
      namespace: 'demo',
    });
    expect(parseRoute('/c/dev/events/extra', '')).toEqual({ page: 'not-found' });
    expect(clusterPageUrl('dev')).toBe('/c/dev');
    expect(clusterPageUrl('dev', 'demo')).toBe('/c/dev?ns=demo');
    expect(parseRoute('/c/dev', '?ns=demo')).toEqual({
      page: 'cluster',
      cluster: 'dev',
      namespace: 'demo',
    });
    expect(parseRoute('/c/dev', '?ns=')).toEqual({ page: 'cluster', cluster: 'dev' });
  });
});
