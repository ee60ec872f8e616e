import { afterEach, describe, expect, it } from 'vitest';
import { SETTINGS_KEY } from '@/ui/settings';
import { getSettings, resetSettings, updateSettings } from '@/ui/settingsStore';
import { startTheme } from '@/ui/theme';

afterEach(() => {
  resetSettings();
});

describe('the settings store', () => {
  it('remembers a change in localStorage and forgets it on reset', () => {
    updateSettings({ density: 'compact', logLines: 100 });
    expect(getSettings()).toMatchObject({ density: 'compact', logLines: 100 });
    expect(JSON.parse(window.localStorage.getItem(SETTINGS_KEY) ?? '{}')).toMatchObject({
      version: 1,
      settings: { density: 'compact', logLines: 100 },
    });
    updateSettings({ defaultNamespaces: { dev: ['demo'] } });
    expect(getSettings().defaultNamespaces).toEqual({ dev: ['demo'] });
    resetSettings();
    expect(window.localStorage.getItem(SETTINGS_KEY)).toBeNull();
    expect(getSettings().density).toBe('comfortable');
    expect(getSettings().defaultNamespaces).toEqual({});
  });

  it('puts the chosen theme and density on <html>', () => {
    startTheme();
    updateSettings({ theme: 'dark', density: 'compact' });
    expect(document.documentElement.dataset['theme']).toBe('dark');
    expect(document.documentElement.dataset['density']).toBe('compact');
    updateSettings({ theme: 'light' });
    expect(document.documentElement.dataset['theme']).toBe('light');
  });
});
