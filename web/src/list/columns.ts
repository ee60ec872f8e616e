import type { ListColumn } from '@/list/cells';

/**
 * Which columns a list shows, as the user chose them in "Columns", and whether its text
 * wraps. The choice is kept in this browser per kind (group and resource, whatever the
 * cluster), as what differs from the default: the columns turned on and those turned off.
 * Columns a table no longer has are ignored, columns it gains follow their default, and
 * anything stored that is not such a choice counts as none.
 */

/** A column as the chooser sees it. */
export interface ColumnOption {
  name: string;
  /** Shown when the user has said nothing about it. */
  byDefault: boolean;
  /** Always shown (the name): cannot be hidden. */
  locked: boolean;
}

export interface ColumnChoice {
  /** Turned on though hidden by default. */
  shown: string[];
  /** Turned off though shown by default. */
  hidden: string[];
  /** Every cell wraps instead of being cut short. */
  wrap: boolean;
}

export const NO_CHOICE: ColumnChoice = { shown: [], hidden: [], wrap: false };

/** More than any table has: a stored list longer than this is cut. */
const MAX_NAMES = 100;
const MAX_NAME_LENGTH = 200;

/** The storage key of a kind's choice: `lanthorn.columns.apps/deployments`, `core/pods`. */
export function choiceKey(kind: { group: string; resource: string }): string {
  return `lanthorn.columns.${kind.group === '' ? 'core' : kind.group}/${kind.resource}`;
}

function names(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const kept = value.filter(
    (name): name is string =>
      typeof name === 'string' && name !== '' && name.length <= MAX_NAME_LENGTH,
  );
  return [...new Set(kept)].slice(0, MAX_NAMES);
}

/** The chooser's columns: the table's (its name locked on), then Lanthorn's own (usage). */
export function columnOptions(
  columns: readonly ListColumn[],
  extra: readonly { name: string }[] = [],
): ColumnOption[] {
  return [
    ...columns.map((column) => ({
      name: column.name,
      byDefault: column.byDefault,
      locked: column.isName,
    })),
    ...extra.map((column) => ({ name: column.name, byDefault: true, locked: false })),
  ];
}

/** A stored choice, or none when `raw` is missing or not one. */
export function parseChoice(raw: string | null): ColumnChoice {
  if (raw === null) return NO_CHOICE;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return NO_CHOICE;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return NO_CHOICE;
  const record = parsed as Record<string, unknown>;
  const hidden = names(record['hidden']);
  return {
    // A name in both lists counts as hidden.
    shown: names(record['shown']).filter((name) => !hidden.includes(name)),
    hidden,
    wrap: record['wrap'] === true,
  };
}

/** Whether a column is shown under `choice`. */
export function isShown(option: ColumnOption, choice: ColumnChoice): boolean {
  if (option.locked) return true;
  if (choice.hidden.includes(option.name)) return false;
  return option.byDefault || choice.shown.includes(option.name);
}

/** The names of the columns shown, of those a table has. */
export function shownNames(options: readonly ColumnOption[], choice: ColumnChoice): Set<string> {
  return new Set(options.filter((option) => isShown(option, choice)).map((o) => o.name));
}

/** `choice` with one column turned on or off (a locked column stays on). */
export function withColumn(choice: ColumnChoice, option: ColumnOption, on: boolean): ColumnChoice {
  if (option.locked) return choice;
  const shown = choice.shown.filter((name) => name !== option.name);
  const hidden = choice.hidden.filter((name) => name !== option.name);
  // Only what differs from the default is kept.
  if (on && !option.byDefault) shown.push(option.name);
  if (!on && option.byDefault) hidden.push(option.name);
  return { ...choice, shown, hidden };
}

/** `choice` with every column back to its default (wrapping as it was). */
export function resetColumns(choice: ColumnChoice): ColumnChoice {
  return { ...NO_CHOICE, wrap: choice.wrap };
}

/** Whether `choice` differs from the default in its columns. */
export function hasColumnChoice(choice: ColumnChoice): boolean {
  return choice.shown.length > 0 || choice.hidden.length > 0;
}

/** The kind's stored choice (none when storage is unusable). */
export function readChoice(
  kind: { group: string; resource: string },
  storage: Storage = window.localStorage,
): ColumnChoice {
  try {
    return parseChoice(storage.getItem(choiceKey(kind)));
  } catch {
    return NO_CHOICE;
  }
}

/** Keeps the kind's choice; the default is kept as nothing at all. */
export function writeChoice(
  kind: { group: string; resource: string },
  choice: ColumnChoice,
  storage: Storage = window.localStorage,
): void {
  try {
    if (!hasColumnChoice(choice) && !choice.wrap) storage.removeItem(choiceKey(kind));
    else storage.setItem(choiceKey(kind), JSON.stringify(choice));
  } catch {
    // Storage full or disabled: the choice lasts for this page only.
  }
}
