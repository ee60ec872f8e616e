import type { TableColumn, TableRow } from '@/list/table';
import { formatAbsolute } from '@/ui/age';
import type { TimeFormat } from '@/ui/age';

/**
 * What the list shows in each cell, and how it filters and sorts rows. Ages are computed
 * from `creationTimestamp` (the server's cell is frozen at list time), the way kubectl
 * writes them: `45s`, `3m20s`, `5h`, `3d4h`, `2y`.
 */

/** A duration in kubectl's short form. */
export function formatAge(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  const days = Math.floor(hours / 24);
  if (hours < 24 * 8) return hours % 24 === 0 ? `${days}d` : `${days}d${hours % 24}h`;
  if (days < 365 * 2) return `${days}d`;
  const years = Math.floor(days / 365);
  if (days < 365 * 8) return days % 365 === 0 ? `${years}y` : `${years}y${days % 365}d`;
  return `${years}y`;
}

/** A column of the list: one of the table's, or the Namespace it adds. */
export interface ListColumn {
  name: string;
  /** Index into the row's cells; -1 for the Namespace column. */
  index: number;
  type: string;
  isName: boolean;
  isAge: boolean;
  /** Shown unless the user hides it: the server's priority-0 columns, Namespace and Name. */
  byDefault: boolean;
  /** Long text, wrapped rather than cut short (see `WIDE_TEXT`). */
  wraps: boolean;
  /** A state (a pod's Status, an event's Type), drawn as a status badge. */
  isStatus?: boolean;
  description?: string;
}

/**
 * The columns whose text is prose of any length, by name: an Event's Message, the
 * Description or Notes printer columns of custom resources. They wrap; every other cell is
 * one line, cut short with its whole text in its tooltip, unless the user turns on "Wrap
 * text" for the kind.
 */
const WIDE_TEXT = /^(message|description|notes?)$/i;

/** The columns that hold a state: Pods', Nodes', claims' and Jobs' Status, a Phase. */
const STATUS = /^(status|phase)$/;

/** Whether the column `name` of a list of `kind` is a state (an Event's Type is one). */
const isStatusColumn = (name: string, kind: string | undefined) =>
  STATUS.test(name.toLowerCase()) || (kind === 'Event' && name === 'Type');

/**
 * Every column of a table, Namespace first when rows come from several namespaces, then the
 * name (which some tables, Events', put last at priority 1), then the rest in the table's
 * order. Only those `byDefault` are shown until the user chooses otherwise; `kind` (the
 * list's) says which columns are states.
 */
export function tableColumns(
  columns: readonly TableColumn[],
  withNamespace: boolean,
  kind?: string,
): ListColumn[] {
  const all: ListColumn[] = columns.map((column, index) => {
    const isName = column.format === 'name' || (column.name === 'Name' && index === 0);
    return {
      name: column.name,
      index,
      type: column.type,
      isName,
      isAge: column.name === 'Age' || column.name === 'Created At',
      byDefault: isName || (column.priority ?? 0) === 0,
      wraps: column.type === 'string' && WIDE_TEXT.test(column.name),
      ...(column.type === 'string' && isStatusColumn(column.name, kind) ? { isStatus: true } : {}),
      ...(column.description === undefined ? {} : { description: column.description }),
    };
  });
  const ordered = [...all.filter((c) => c.isName), ...all.filter((c) => !c.isName)];
  const namespace: ListColumn = {
    name: 'Namespace',
    index: -1,
    type: 'string',
    isName: false,
    isAge: false,
    byDefault: true,
    wraps: false,
  };
  return withNamespace ? [namespace, ...ordered] : ordered;
}

function plain(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(plain).join(', ');
  return JSON.stringify(value);
}

/** The text of one cell; `now` (ms) for ages, shown as a date and time when `time` says so. */
export function cellText(
  row: TableRow,
  column: ListColumn,
  now: number,
  time?: TimeFormat,
): string {
  if (column.index === -1) return row.object.metadata.namespace ?? '';
  if (column.isName) return row.object.metadata.name;
  const created = row.object.metadata.creationTimestamp;
  if (column.isAge && created !== undefined) {
    const at = Date.parse(created);
    if (!Number.isNaN(at)) {
      return time?.time === 'absolute' ? formatAbsolute(at, time.timeZone) : formatAge(now - at);
    }
  }
  return plain(row.cells[column.index]);
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function sortValue(row: TableRow, column: ListColumn): string | number {
  if (column.index === -1) return row.object.metadata.namespace ?? '';
  if (column.isName) return row.object.metadata.name;
  if (column.isAge) {
    // Older objects have larger ages.
    const at = Date.parse(row.object.metadata.creationTimestamp ?? '');
    if (!Number.isNaN(at)) return -at;
  }
  const cell = row.cells[column.index];
  return typeof cell === 'number' ? cell : plain(cell);
}

function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/** `sort` as written in the URL: `Name` or `-Age`. */
export function parseSort(sort: string | undefined): { column: string; descending: boolean } {
  if (sort === undefined || sort === '') return { column: '', descending: false };
  return sort.startsWith('-')
    ? { column: sort.slice(1), descending: true }
    : { column: sort, descending: false };
}

/**
 * The rows whose name contains `filter` (case-insensitive), sorted by `sort` (default:
 * namespace, then name).
 */
export function visibleRows(
  rows: readonly TableRow[],
  columns: readonly ListColumn[],
  filter: string,
  sort: string | undefined,
): TableRow[] {
  const needle = filter.trim().toLowerCase();
  const kept =
    needle === ''
      ? [...rows]
      : rows.filter((r) => r.object.metadata.name.toLowerCase().includes(needle));
  const byDefault = (a: TableRow, b: TableRow) =>
    collator.compare(a.object.metadata.namespace ?? '', b.object.metadata.namespace ?? '') ||
    collator.compare(a.object.metadata.name, b.object.metadata.name);
  const { column: name, descending } = parseSort(sort);
  const column = columns.find((c) => c.name === name);
  if (column === undefined) return kept.sort(byDefault);
  // Precompute keys: comparing 30 000 rows should not re-read cells a million times.
  const keyed = kept.map((row) => ({ row, key: sortValue(row, column) }));
  const sign = descending ? -1 : 1;
  keyed.sort((a, b) => sign * compareValues(a.key, b.key) || byDefault(a.row, b.row));
  return keyed.map((entry) => entry.row);
}
