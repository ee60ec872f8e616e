import { beforeEach, describe, expect, it } from 'vitest';
import { readRecent, rememberRecent, withRecent } from '@/palette/recent';
import type { PaletteItem } from '@/palette/rank';

const item = (id: string): PaletteItem => ({
  id,
  type: 'object',
  label: id,
  detail: 'Deployment in demo',
  href: `/c/dev/r/apps/v1/deployments/demo/${id}`,
  keywords: ['Deployment'],
});

beforeEach(() => {
  window.localStorage.clear();
});

describe('recent items', () => {
  it('puts the chosen item first, once, and keeps at most eight', () => {
    let list: PaletteItem[] = [];
    for (const id of ['a', 'b', 'c', 'b']) list = withRecent(list, item(id));
    expect(list.map((i) => i.id)).toEqual(['b', 'c', 'a']);
    for (let n = 0; n < 20; n += 1) list = withRecent(list, item(`x${String(n)}`));
    expect(list).toHaveLength(8);
    expect(list[0]?.keywords).toBeUndefined();
  });

  it('are kept per cluster in localStorage', () => {
    rememberRecent('dev', item('web'));
    rememberRecent('dev', item('api'));
    rememberRecent('prod', item('db'));
    expect(readRecent('dev').map((i) => i.id)).toEqual(['api', 'web']);
    expect(readRecent('prod').map((i) => i.id)).toEqual(['db']);
    expect(readRecent('other')).toEqual([]);
  });

  it('ignore what is not an item of this app, or not JSON', () => {
    window.localStorage.setItem(
      'lanthorn.palette.recent.dev',
      JSON.stringify([
        { id: 'x', type: 'object', label: 'x', detail: '', href: '//evil.example/' },
        { id: 'y', type: 'object', label: 'y', detail: '', href: 'javascript:alert(1)' },
        { id: 'z', type: 'weird', label: 'z', detail: '', href: '/c/dev' },
        { ...item('ok') },
      ]),
    );
    expect(readRecent('dev').map((i) => i.id)).toEqual(['ok']);
    window.localStorage.setItem('lanthorn.palette.recent.dev', '{not json');
    expect(readRecent('dev')).toEqual([]);
  });
});
