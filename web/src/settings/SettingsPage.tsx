import { useId, useState } from 'react';
import type { ReactNode } from 'react';
import { CATEGORIES } from '@/nav/categories';
import { DefaultNamespaces } from '@/settings/DefaultNamespaces';
import { THEME_LABELS } from '@/settings/ThemeSelect';
import { formatTime } from '@/ui/age';
import { DENSITIES, MAX_LOG_LINES, THEMES, TIME_STYLES, TIME_ZONES } from '@/ui/settings';
import type { Settings } from '@/ui/settings';
import { resetSettings, updateSettings, useSettings } from '@/ui/settingsStore';
import '@/settings/settings.css';

const LOG_LINE_CHOICES: [string, number | null][] = [
  ['Last 100 lines', 100],
  ['Last 500 lines', 500],
  ['Last 1,000 lines', 1000],
  ['Last 10,000 lines', 10000],
  ['All lines', null],
];

const DENSITY_LABELS = { comfortable: 'Comfortable', compact: 'Compact' } as const;
const TIME_LABELS = {
  relative: 'Relative (5m ago)',
  absolute: 'Date and time',
} as const;
const ZONE_LABELS = { local: 'This browser’s time zone', utc: 'UTC' } as const;

/** A group of radio buttons for one setting. */
function Choice<T extends string>({
  legend,
  name,
  choices,
  labels,
  value,
  onChange,
  hint,
}: {
  legend: string;
  name: string;
  choices: readonly T[];
  labels: Record<T, string>;
  value: T;
  onChange: (value: T) => void;
  hint?: ReactNode;
}) {
  return (
    <fieldset className="settings-group">
      <legend>{legend}</legend>
      {choices.map((choice) => (
        <label key={choice} className="settings-radio">
          <input
            type="radio"
            name={name}
            value={choice}
            checked={value === choice}
            onChange={() => {
              onChange(choice);
            }}
          />{' '}
          {labels[choice]}
        </label>
      ))}
      {hint !== undefined && <p className="muted settings-hint">{hint}</p>}
    </fieldset>
  );
}

/** `/settings`: the user's preferences, kept in this browser. */
export function SettingsPage() {
  const settings = useSettings();
  const ids = useId();
  const set = (patch: Partial<Settings>) => {
    updateSettings(patch);
  };
  const [example] = useState(() => new Date(Date.now() - 5 * 60_000).toISOString());
  const logValue = settings.logLines === null ? 'all' : String(settings.logLines);
  return (
    <div className="settings-page">
      <h1>Settings</h1>
      <p className="muted">Kept in this browser, for every cluster.</p>
      <Choice
        legend="Theme"
        name={`${ids}-theme`}
        choices={THEMES}
        labels={THEME_LABELS}
        value={settings.theme}
        onChange={(theme) => {
          set({ theme });
        }}
        hint="System follows your operating system’s light or dark setting."
      />
      <Choice
        legend="Table density"
        name={`${ids}-density`}
        choices={DENSITIES}
        labels={DENSITY_LABELS}
        value={settings.density}
        onChange={(density) => {
          set({ density });
        }}
        hint="Compact rows fit more of a long list on the screen."
      />
      <Choice
        legend="Times"
        name={`${ids}-time`}
        choices={TIME_STYLES}
        labels={TIME_LABELS}
        value={settings.time}
        onChange={(time) => {
          set({ time });
        }}
      />
      <Choice
        legend="Time zone"
        name={`${ids}-zone`}
        choices={TIME_ZONES}
        labels={ZONE_LABELS}
        value={settings.timeZone}
        onChange={(timeZone) => {
          set({ timeZone });
        }}
        hint={
          <>
            Five minutes ago is shown as <strong>{formatTime(example, settings)}</strong>.
          </>
        }
      />
      <fieldset className="settings-group">
        <legend>Logs</legend>
        <label htmlFor={`${ids}-lines`}>Lines a logs page opens with </label>
        <select
          id={`${ids}-lines`}
          value={logValue}
          onChange={(event) => {
            const value = event.target.value;
            set({ logLines: value === 'all' ? null : Math.min(Number(value), MAX_LOG_LINES) });
          }}
        >
          {LOG_LINE_CHOICES.map(([text, lines]) => (
            <option key={text} value={String(lines ?? 'all')}>
              {text}
            </option>
          ))}
          {settings.logLines !== null &&
            !LOG_LINE_CHOICES.some(([, lines]) => lines === settings.logLines) && (
              <option value={logValue}>Last {settings.logLines} lines</option>
            )}
        </select>
      </fieldset>
      <fieldset className="settings-group">
        <legend>Sidebar sections</legend>
        {CATEGORIES.map((category) => (
          <label key={category} className="settings-check">
            <input
              type="checkbox"
              checked={!settings.hiddenGroups.includes(category)}
              onChange={(event) => {
                set({
                  hiddenGroups: event.target.checked
                    ? settings.hiddenGroups.filter((g) => g !== category)
                    : [...settings.hiddenGroups, category],
                });
              }}
            />{' '}
            {category}
          </label>
        ))}
      </fieldset>
      <DefaultNamespaces />
      <p>
        <button type="button" onClick={resetSettings}>
          Reset to defaults
        </button>
      </p>
    </div>
  );
}
