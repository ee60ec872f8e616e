/**
 * The settings of src/ui/settings.ts kept in localStorage: read once, written on change,
 * shared by every component through `useSettings`, and followed across tabs (`storage`).
 */
import { useSyncExternalStore } from 'react';
import { freshDefaults, parseSettings, serializeSettings, SETTINGS_KEY } from '@/ui/settings';
import type { Settings } from '@/ui/settings';

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

function read(): Settings {
  try {
    return parseSettings(storage()?.getItem(SETTINGS_KEY) ?? null);
  } catch {
    return freshDefaults();
  }
}

let current: Settings | undefined;
const listeners = new Set<() => void>();

const notify = () => {
  for (const listener of listeners) listener();
};

/** The settings now. */
export function getSettings(): Settings {
  current ??= read();
  return current;
}

/** Changes some settings and remembers them in this browser. */
export function updateSettings(patch: Partial<Settings>): void {
  current = parseSettings(serializeSettings({ ...getSettings(), ...patch }));
  try {
    storage()?.setItem(SETTINGS_KEY, serializeSettings(current));
  } catch {
    // Storage full or refused: the change holds for this tab.
  }
  notify();
}

/** Back to the defaults; nothing stays stored. */
export function resetSettings(): void {
  current = freshDefaults();
  try {
    storage()?.removeItem(SETTINGS_KEY);
  } catch {
    // Nothing stored to remove.
  }
  notify();
}

/** Calls `listener` whenever the settings change (here or in another tab). */
export function subscribeSettings(listener: () => void): () => void {
  if (listeners.size === 0) window.addEventListener('storage', onStorage);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('storage', onStorage);
  };
}

function onStorage(event: StorageEvent) {
  if (event.key !== SETTINGS_KEY && event.key !== null) return;
  current = read();
  notify();
}

/** The settings, drawn again when they change. */
export function useSettings(): Settings {
  return useSyncExternalStore(subscribeSettings, getSettings);
}
