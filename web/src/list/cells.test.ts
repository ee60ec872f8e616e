import { describe, expect, it } from 'vitest';
import { cellText, formatAge, parseSort, tableColumns, visibleRows } from '@/list/cells';
import type { TableColumn, TableRow } from '@/list/table';

const columns: TableColumn[] = [
  { name: 'Name', type: 'string', format: 'name', priority: 0 },
  { name: 'Ready', type: 'string', priority: 0 },
  { name: 'Restarts', type: 'integer', priority: 0 },
  { name: 'Age', type: 'string', priority: 0 },
  { name: 'IP', type: 'string', priority: 1 },
];

const row = (namespace: string, name: string, restarts: number, created: string): TableRow => ({
  cells: [name, '1/1', restarts, 'frozen', '10.0.0.1'],
  object: {
    metadata: { name, namespace, uid: `${namespace}/${name}`, creationTimestamp: created },
  },
});

const rows = [
  row('demo', 'web-10', 0, '2026-01-01T00:00:00Z'),
  row('demo', 'web-9', 5, '2026-01-03T00:00:00Z'),
  row('apps', 'API', 2, '2026-01-02T00:00:00Z'),
];

describe('formatAge', () => {
  it('writes durations like kubectl', () => {
    expect(formatAge(45_000)).toBe('45s');
    expect(formatAge(119_000)).toBe('119s');
    expect(formatAge(200_000)).toBe('3m20s');
    expect(formatAge(300_000)).toBe('5m');
    expect(formatAge(45 * 60_000)).toBe('45m');
    expect(formatAge((3 * 60 + 8) * 60_000)).toBe('3h8m');
    expect(formatAge(20 * 3_600_000)).toBe('20h');
    expect(formatAge(76 * 3_600_000)).toBe('3d4h');
    expect(formatAge(30 * 86_400_000)).toBe('30d');
    expect(formatAge(3 * 365 * 86_400_000)).toBe('3y');
    expect(formatAge(-500)).toBe('0s');
  });
});

/** The columns shown when the user has chosen nothing. */
const listColumns = (all: TableColumn[], withNamespace: boolean) =>
  tableColumns(all, withNamespace).filter((c) => c.byDefault);

describe('tableColumns', () => {
  it('shows priority-0 columns by default and adds Namespace first when asked', () => {
    expect(listColumns(columns, false).map((c) => c.name)).toEqual([
      'Name',
      'Ready',
      'Restarts',
      'Age',
    ]);
    const withNs = listColumns(columns, true);
    expect(withNs.map((c) => c.name)).toEqual(['Namespace', 'Name', 'Ready', 'Restarts', 'Age']);
    expect(withNs[1]?.isName).toBe(true);
    const ip = tableColumns(columns, false).find((c) => c.name === 'IP');
    expect(ip).toMatchObject({ index: 4, byDefault: false, wraps: false });
  });

  it('puts the name first and shows it by default, wherever the table has it', () => {
    // Events' table: the name last, at priority 1; the message is wide text.
    const events: TableColumn[] = [
      { name: 'Last Seen', type: 'string', priority: 0 },
      { name: 'Reason', type: 'string', priority: 0 },
      { name: 'Message', type: 'string', priority: 0 },
      { name: 'Count', type: 'string', priority: 1 },
      { name: 'Name', type: 'string', format: 'name', priority: 1 },
    ];
    const all = tableColumns(events, false);
    expect(all.map((c) => [c.name, c.index, c.byDefault])).toEqual([
      ['Name', 4, true],
      ['Last Seen', 0, true],
      ['Reason', 1, true],
      ['Message', 2, true],
      ['Count', 3, false],
    ]);
    expect(all.filter((c) => c.wraps).map((c) => c.name)).toEqual(['Message']);
    // Only string columns count as prose.
    expect(tableColumns([{ name: 'Description', type: 'integer' }], false)[0]?.wraps).toBe(false);
    expect(tableColumns([{ name: 'description', type: 'string' }], false)[0]?.wraps).toBe(true);
  });
});

describe('cellText', () => {
  it('computes ages from the creation time, not the frozen cell', () => {
    const r = rows[0] as TableRow;
    const now = Date.parse('2026-01-01T00:00:45Z');
    const texts = listColumns(columns, true).map((column) => cellText(r, column, now));
    expect(texts).toEqual(['demo', 'web-10', '1/1', '0', '45s']);
  });
});

describe('visibleRows', () => {
  const shown = listColumns(columns, true);
  const names = (list: TableRow[]) => list.map((r) => r.object.metadata.name);

  it('sorts by namespace then name by default, numbers in names naturally', () => {
    expect(names(visibleRows(rows, shown, '', undefined))).toEqual(['API', 'web-9', 'web-10']);
  });

  it('filters by name, case-insensitively', () => {
    expect(names(visibleRows(rows, shown, 'api', undefined))).toEqual(['API']);
    expect(names(visibleRows(rows, shown, ' WEB ', undefined))).toEqual(['web-9', 'web-10']);
  });

  it('sorts by a column either way', () => {
    expect(names(visibleRows(rows, shown, '', 'Restarts'))).toEqual(['web-10', 'API', 'web-9']);
    expect(names(visibleRows(rows, shown, '', '-Restarts'))).toEqual(['web-9', 'API', 'web-10']);
    // Age ascending: youngest first.
    expect(names(visibleRows(rows, shown, '', 'Age'))).toEqual(['web-9', 'API', 'web-10']);
    expect(names(visibleRows(rows, shown, '', '-Name'))).toEqual(['web-10', 'web-9', 'API']);
    expect(names(visibleRows(rows, shown, '', 'Nope'))).toEqual(['API', 'web-9', 'web-10']);
  });

  it('parses the sort parameter', () => {
    expect(parseSort('-Age')).toEqual({ column: 'Age', descending: true });
    expect(parseSort('Name')).toEqual({ column: 'Name', descending: false });
    expect(parseSort(undefined)).toEqual({ column: '', descending: false });
  });
});
