/**
 * The user's preferences, kept in this browser under one localStorage key as
 * `{"version": 1, "settings": {…}}`. Reading never fails: a missing, unparsable, newer or
 * partly wrong value gives the defaults for whatever is not valid, so stale or hand-edited
 * storage cannot break the app. Pure: the storage and the DOM are in settingsStore.ts.
 */

export const SETTINGS_KEY = 'lanthorn.settings';
export const SETTINGS_VERSION = 1;

export const THEMES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEMES)[number];
export type Theme = Exclude<ThemeChoice, 'system'>;

export const DENSITIES = ['comfortable', 'compact'] as const;
export type Density = (typeof DENSITIES)[number];

export const TIME_STYLES = ['relative', 'absolute'] as const;
export type TimeStyle = (typeof TIME_STYLES)[number];

export const TIME_ZONES = ['local', 'utc'] as const;
export type TimeZone = (typeof TIME_ZONES)[number];

/** The most log lines a logs page may open with by default. */
export const MAX_LOG_LINES = 100_000;

export interface Settings {
  theme: ThemeChoice;
  /** Row height of list tables. */
  density: Density;
  /** Times as "5m ago" or as a date and time. */
  time: TimeStyle;
  /** The zone of absolute times. */
  timeZone: TimeZone;
  /** Lines a logs page reads when its address does not say (`null`: all of them). */
  logLines: number | null;
  /** Sidebar sections (their names) not shown. */
  hiddenGroups: string[];
  /**
   * Per cluster, the namespaces lists and the overview start with when their address names
   * none (none stored: all the user may see).
   */
  defaultNamespaces: Record<string, string[]>;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  theme: 'system',
  density: 'comfortable',
  time: 'relative',
  timeZone: 'local',
  logLines: 1000,
  hiddenGroups: [],
  defaultNamespaces: {},
});

/** A namespace's name as Kubernetes allows it (a DNS label). */
const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const MAX_DEFAULT_NAMESPACES = 50;
const MAX_CLUSTERS = 64;

const oneOf = <T extends string>(allowed: readonly T[], value: unknown, fallback: T): T =>
  typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : fallback;

function logLinesOf(value: unknown): number | null {
  if (value === null) return null;
  if (typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= MAX_LOG_LINES)
    return value;
  return DEFAULT_SETTINGS.logLines;
}

function groupsOf(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const names = value.filter(
    (item): item is string => typeof item === 'string' && item !== '' && item.length <= 64,
  );
  return [...new Set(names)].slice(0, 32);
}

function defaultNamespacesOf(value: unknown): Record<string, string[]> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const out: Record<string, string[]> = {};
  for (const [cluster, list] of Object.entries(value).slice(0, MAX_CLUSTERS)) {
    if (cluster === '' || cluster.length > 253 || !Array.isArray(list)) continue;
    const names = list.filter((n): n is string => typeof n === 'string' && NAMESPACE.test(n));
    const kept = [...new Set(names)].slice(0, MAX_DEFAULT_NAMESPACES);
    if (kept.length > 0) out[cluster] = kept;
  }
  return out;
}

/** Settings from any value: each field kept when valid, else its default. */
export function validSettings(value: unknown): Settings {
  const v: Record<string, unknown> =
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  return {
    theme: oneOf(THEMES, v['theme'], DEFAULT_SETTINGS.theme),
    density: oneOf(DENSITIES, v['density'], DEFAULT_SETTINGS.density),
    time: oneOf(TIME_STYLES, v['time'], DEFAULT_SETTINGS.time),
    timeZone: oneOf(TIME_ZONES, v['timeZone'], DEFAULT_SETTINGS.timeZone),
    logLines: 'logLines' in v ? logLinesOf(v['logLines']) : DEFAULT_SETTINGS.logLines,
    hiddenGroups: groupsOf(v['hiddenGroups']),
    defaultNamespaces: defaultNamespacesOf(v['defaultNamespaces']),
  };
}

/** The defaults, as a value of its own (its lists and maps not shared). */
export function freshDefaults(): Settings {
  return { ...DEFAULT_SETTINGS, hiddenGroups: [], defaultNamespaces: {} };
}

/** The settings stored as `raw` (localStorage's string, or null when nothing is stored). */
export function parseSettings(raw: string | null): Settings {
  if (raw === null) return freshDefaults();
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return freshDefaults();
  }
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    (parsed as { version?: unknown }).version !== SETTINGS_VERSION
  ) {
    // Not ours, or a version this app does not know: start again from the defaults.
    return freshDefaults();
  }
  return validSettings((parsed as { settings?: unknown }).settings);
}

/** The string stored for `settings`. */
export function serializeSettings(settings: Settings): string {
  return JSON.stringify({ version: SETTINGS_VERSION, settings: validSettings(settings) });
}

/** The theme drawn: the user's choice, or the system's when the choice is "system". */
export function resolveTheme(choice: ThemeChoice, systemPrefersDark: boolean): Theme {
  if (choice === 'system') return systemPrefersDark ? 'dark' : 'light';
  return choice;
}
