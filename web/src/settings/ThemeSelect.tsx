import { THEMES } from '@/ui/settings';
import type { ThemeChoice } from '@/ui/settings';
import { updateSettings, useSettings } from '@/ui/settingsStore';
import { Select } from '@/ui/Select';
import '@/settings/settings.css';

export const THEME_LABELS: Record<ThemeChoice, string> = {
  system: 'System',
  light: 'Light',
  dark: 'Dark',
};

/** The header's theme switch: light, dark or the system's, remembered in this browser. */
export function ThemeSelect() {
  const { theme } = useSettings();
  return (
    <Select
      className="theme-select"
      aria-label="Theme"
      value={theme}
      onChange={(event) => {
        updateSettings({ theme: event.target.value as ThemeChoice });
      }}
    >
      {THEMES.map((choice) => (
        <option key={choice} value={choice}>
          {choice === 'system' ? 'Theme: system' : `Theme: ${THEME_LABELS[choice].toLowerCase()}`}
        </option>
      ))}
    </Select>
  );
}
