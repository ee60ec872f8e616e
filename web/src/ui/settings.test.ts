import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  parseSettings,
  resolveTheme,
  serializeSettings,
  SETTINGS_VERSION,
  validSettings,
} from '@/ui/settings';

const stored = (settings: unknown, version: unknown = SETTINGS_VERSION) =>
  JSON.stringify({ version, settings });

describe('parseSettings', () => {
  it('gives the defaults when nothing is stored', () => {
    expect(parseSettings(null)).toEqual(DEFAULT_SETTINGS);
  });

  it('gives the defaults for garbage, other shapes and unknown versions', () => {
    for (const raw of ['', '{', 'null', '42', '"dark"', '[]', stored({ theme: 'dark' }, 2)]) {
      expect(parseSettings(raw)).toEqual(DEFAULT_SETTINGS);
    }
    expect(parseSettings(JSON.stringify({ theme: 'dark' }))).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps each valid field and defaults each invalid one', () => {
    const settings = parseSettings(
      stored({
        theme: 'dark',
        density: 'tiny',
        time: 'absolute',
        timeZone: 'Mars/Olympus',
        logLines: -5,
        hiddenGroups: ['Storage', 7, '', 'Storage', 'Network'],
      }),
    );
    expect(settings).toEqual({
      theme: 'dark',
      density: 'comfortable',
      time: 'absolute',
      timeZone: 'local',
      logLines: 1000,
      hiddenGroups: ['Storage', 'Network'],
      defaultNamespaces: {},
    });
  });

  it('keeps default namespaces per cluster: valid names, no duplicates, no empty lists', () => {
    const settings = parseSettings(
      stored({
        defaultNamespaces: {
          dev: ['demo', 'shop', 'demo', 'Not_A_Name', 7, ''],
          prod: [],
          staging: 'demo',
          '': ['demo'],
        },
      }),
    );
    expect(settings.defaultNamespaces).toEqual({ dev: ['demo', 'shop'] });
    expect(parseSettings(stored({ defaultNamespaces: ['demo'] })).defaultNamespaces).toEqual({});
  });

  it('takes all log lines (null), whole numbers in range, nothing else', () => {
    expect(parseSettings(stored({ logLines: null })).logLines).toBeNull();
    expect(parseSettings(stored({ logLines: 500 })).logLines).toBe(500);
    expect(parseSettings(stored({ logLines: 2.5 })).logLines).toBe(1000);
    expect(parseSettings(stored({ logLines: 10_000_000 })).logLines).toBe(1000);
    expect(parseSettings(stored({ logLines: '500' })).logLines).toBe(1000);
    expect(parseSettings(stored({})).logLines).toBe(1000);
  });

  it('reads back what it writes', () => {
    const settings = {
      theme: 'light',
      density: 'compact',
      time: 'absolute',
      timeZone: 'utc',
      logLines: null,
      hiddenGroups: ['Custom resources'],
      defaultNamespaces: { dev: ['demo'] },
    } as const;
    const raw = serializeSettings({
      ...settings,
      hiddenGroups: [...settings.hiddenGroups],
      defaultNamespaces: { dev: ['demo'] },
    });
    expect(JSON.parse(raw)).toMatchObject({ version: SETTINGS_VERSION });
    expect(parseSettings(raw)).toEqual(settings);
  });

  it('never hands out the shared defaults object', () => {
    const a = parseSettings(null);
    a.hiddenGroups.push('Storage');
    a.defaultNamespaces['dev'] = ['demo'];
    expect(parseSettings(null).hiddenGroups).toEqual([]);
    expect(parseSettings(null).defaultNamespaces).toEqual({});
    expect(validSettings(undefined)).toEqual(DEFAULT_SETTINGS);
  });
});

describe('resolveTheme', () => {
  it('follows the system only when the choice is "system"', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });
});
