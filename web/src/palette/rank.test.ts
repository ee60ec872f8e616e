import { describe, expect, it } from 'vitest';
import { itemScore, matchScore, parseQuery, rankItems } from '@/palette/rank';
import type { PaletteItem } from '@/palette/rank';

const item = (id: string, type: PaletteItem['type'], label: string, keywords?: string[]) => ({
  id,
  type,
  label,
  detail: '',
  href: `/c/dev/${id}`,
  ...(keywords === undefined ? {} : { keywords }),
});

describe('matchScore', () => {
  it('prefers whole, then start, then word start, then anywhere, then letters in order', () => {
    expect(matchScore('web', 'web')).toBe(100);
    expect(matchScore('web-1', 'web')).toBe(80);
    expect(matchScore('shop-web', 'web')).toBe(60);
    expect(matchScore('cobweb', 'web')).toBe(40);
    expect(matchScore('Deployments', 'dpl')).toBeGreaterThan(0);
    expect(matchScore('Deployments', 'dpl')).toBeLessThan(40);
    expect(matchScore('pods', 'xyz')).toBeNull();
    expect(matchScore('Pods', 'POD'.toLowerCase())).toBe(80);
  });

  it('ranks letters close together above letters far apart', () => {
    const close = matchScore('deployments', 'depl') ?? 0;
    const apart = matchScore('daemonsets-proxy-legacy', 'dpl') ?? 0;
    expect(close).toBeGreaterThan(apart);
  });
});

describe('itemScore', () => {
  it('counts keywords a little below the label', () => {
    const deployments = item('kind:apps/deployments', 'kind', 'Deployments', [
      'Deployment',
      'deploy',
    ]);
    expect(itemScore(deployments, 'deploy')).toBe(95);
    expect(itemScore(deployments, 'deployment')).toBe(95);
    const pods = item('kind:/pods', 'kind', 'Pods', ['Pod']);
    expect(itemScore(pods, 'po')).toBe(80);
    const services = item('kind:/services', 'kind', 'Services', ['svc']);
    expect(itemScore(services, 'svc')).toBe(95);
  });
});

describe('rankItems', () => {
  const items = [
    item('object:web-canary', 'object', 'web-canary'),
    item('object:web', 'object', 'web'),
    item('object:shop-web', 'object', 'shop-web'),
    item('kind:webhooks', 'kind', 'WebhookConfigurations'),
    item('object:db', 'object', 'db'),
  ];

  it('puts the exact name first and leaves out what does not match', () => {
    expect(rankItems(items, 'web').map((i) => i.label)).toEqual([
      'web',
      'WebhookConfigurations',
      'web-canary',
      'shop-web',
    ]);
  });

  it('puts recently chosen items first among equals', () => {
    const ranked = rankItems(items, 'web-', ['object:web-canary']);
    expect(ranked[0]?.label).toBe('web-canary');
    const recentFirst = rankItems(
      [item('a', 'object', 'api-1'), item('b', 'object', 'api-2')],
      'api',
      ['b'],
    );
    expect(recentFirst.map((i) => i.id)).toEqual(['b', 'a']);
  });

  it('keeps to the maximum', () => {
    expect(rankItems(items, '', [], 2)).toHaveLength(2);
  });
});

describe('parseQuery', () => {
  it('reads an action word before the term', () => {
    expect(parseQuery('scale web')).toEqual({ intent: 'scale', term: 'web' });
    expect(parseQuery('logs api')).toEqual({ intent: 'logs', term: 'api' });
    expect(parseQuery('log api')).toEqual({ intent: 'logs', term: 'api' });
    expect(parseQuery('go to nodes')).toEqual({ intent: 'go', term: 'nodes' });
    expect(parseQuery('Go to  Nodes ')).toEqual({ intent: 'go', term: 'Nodes' });
    expect(parseQuery('scale')).toEqual({ intent: 'scale', term: '' });
  });

  it('takes a name that only starts like an action word as a name', () => {
    expect(parseQuery('scaler')).toEqual({ intent: undefined, term: 'scaler' });
    expect(parseQuery('login-api')).toEqual({ intent: undefined, term: 'login-api' });
    expect(parseQuery('goldpinger')).toEqual({ intent: undefined, term: 'goldpinger' });
    expect(parseQuery('  web ')).toEqual({ intent: undefined, term: 'web' });
  });
});
