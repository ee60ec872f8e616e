/**
 * Puts the settings on <html>: `data-theme` (light or dark, the system's when the choice is
 * "system", followed as it changes) and `data-density`. public/theme.js does the same
 * before the first paint; `startTheme` runs in the entry module before React renders.
 */
import { resolveTheme } from '@/ui/settings';
import type { Theme } from '@/ui/settings';

export type { Theme };
import { getSettings, subscribeSettings } from '@/ui/settingsStore';

const DARK_QUERY = '(prefers-color-scheme: dark)';

function systemPrefersDark(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(DARK_QUERY).matches;
}

/** The theme drawn now. */
export function currentTheme(): Theme {
  const value = document.documentElement.dataset['theme'];
  return value === 'dark' ? 'dark' : 'light';
}

const themeListeners = new Set<(theme: Theme) => void>();

/** Calls `listener` when the drawn theme changes (for the editor and the terminal). */
export function onThemeChange(listener: (theme: Theme) => void): () => void {
  themeListeners.add(listener);
  return () => {
    themeListeners.delete(listener);
  };
}

function apply() {
  const settings = getSettings();
  const root = document.documentElement;
  const before = root.dataset['theme'];
  const theme = resolveTheme(settings.theme, systemPrefersDark());
  root.dataset['theme'] = theme;
  root.dataset['density'] = settings.density;
  if (before !== theme) for (const listener of themeListeners) listener(theme);
}

let started = false;

/** Applies the settings to the page and keeps them applied. */
export function startTheme(): void {
  apply();
  if (started) return;
  started = true;
  subscribeSettings(apply);
  if (typeof window.matchMedia === 'function') {
    window.matchMedia(DARK_QUERY).addEventListener('change', apply);
  }
}
