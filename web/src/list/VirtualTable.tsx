import { useCallback, useRef } from 'react';
import type { ReactNode } from 'react';
import { cellText, parseSort } from '@/list/cells';
import type { ListColumn } from '@/list/cells';
import { rowKey } from '@/list/table';
import type { TableRow } from '@/list/table';
import { Ellipsis } from 'lucide-react';
import { Link } from '@/nav/navigation';
import { IconButton } from '@/ui/Button';
import { Checkbox } from '@/ui/Check';
import { StatusBadge } from '@/ui/StatusBadge';
import { useSettings } from '@/ui/settingsStore';
import { useVirtualRows } from '@/ui/virtual';
import '@/ui/ui.css';

/** A row of one line is this tall; a row whose text wraps is measured once drawn. */
export const ROW_HEIGHT = 32;
/** A row's height with compact density (settings). */
export const COMPACT_ROW_HEIGHT = 24;
const OVERSCAN = 10;
/** Used before the container has a size (and in tests, where nothing has one). */
const FALLBACK_VIEWPORT = 800;

interface Props {
  label: string;
  columns: ListColumn[];
  rows: TableRow[];
  sort: string | undefined;
  onSort: (sort: string) => void;
  rowHref: (row: TableRow) => string;
  now: number;
  /** Columns of Lanthorn's own after the cluster's (not sortable), e.g. usage. */
  extra?: { name: string; render: (row: TableRow) => ReactNode }[] | undefined;
  /** Rows can be picked (a checkbox first in each row) when given. */
  selection?: RowSelection | undefined;
  /** Every cell wraps, not only those of wide-text columns. */
  wrap?: boolean;
  /** Each row ends with a button opening its action menu when given. */
  rowMenu?: RowMenuTrigger | undefined;
}

/** The button at the end of each row: which row's menu is open, and opening one. */
export interface RowMenuTrigger {
  openKey: string | null;
  open: (row: TableRow, button: HTMLButtonElement) => void;
}

/** Which rows are picked, for actions on several objects at once. */
export interface RowSelection {
  isSelected: (row: TableRow) => boolean;
  toggle: (row: TableRow) => void;
  /** Whether every row shown is picked. */
  all: boolean;
  toggleAll: () => void;
}

/**
 * A table that renders only the rows in view (tens of thousands stay cheap), in a scroll
 * container with a sticky header. Column headers sort (`aria-sort`); names link to details.
 * Columns share the box's width (fixed layout), so no text widens the page: a cell is cut
 * short, or wraps (wide-text columns, or every cell with `wrap`) and its row grows, each
 * row drawn being measured.
 */
export function VirtualTable({
  label,
  columns,
  rows,
  sort,
  onSort,
  rowHref,
  now,
  extra = [],
  selection,
  wrap = false,
  rowMenu,
}: Props) {
  const span =
    columns.length +
    extra.length +
    (selection === undefined ? 0 : 1) +
    (rowMenu === undefined ? 0 : 1);
  const settings = useSettings();
  const scroller = useRef<HTMLDivElement>(null);
  // Measured heights follow their row when rows are sorted or come and go.
  const itemKey = useCallback(
    (index: number) => {
      const row = rows[index];
      return row === undefined ? index : rowKey(row);
    },
    [rows],
  );
  const virtualizer = useVirtualRows({
    count: rows.length,
    rowHeight: settings.density === 'compact' ? COMPACT_ROW_HEIGHT : ROW_HEIGHT,
    overscan: OVERSCAN,
    fallbackHeight: FALLBACK_VIEWPORT,
    scroller,
    itemKey,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0];
  const last = items[items.length - 1];
  const start = first?.index ?? 0;
  const end = (last?.index ?? -1) + 1;
  const above = first?.start ?? 0;
  const below = last === undefined ? 0 : virtualizer.getTotalSize() - last.end;
  const current = parseSort(sort);
  const ariaSort = (column: ListColumn) =>
    current.column !== column.name ? 'none' : current.descending ? 'descending' : 'ascending';

  return (
    <div className="vtable" ref={scroller}>
      <table aria-label={label} aria-rowcount={rows.length + 1}>
        <thead>
          <tr aria-rowindex={1}>
            {selection !== undefined && (
              <th scope="col" className="col-select">
                <Checkbox
                  aria-label="Select every row shown"
                  checked={selection.all}
                  onChange={selection.toggleAll}
                />
              </th>
            )}
            {columns.map((column) => (
              <th
                key={column.name}
                scope="col"
                aria-sort={ariaSort(column)}
                className={
                  column.isName
                    ? 'col-name'
                    : column.index === -1
                      ? 'col-ns'
                      : column.wraps
                        ? 'col-wide'
                        : undefined
                }
                title={column.description}
              >
                <button
                  type="button"
                  className="sort"
                  onClick={() => {
                    const ascending = current.column === column.name && !current.descending;
                    onSort(ascending ? `-${column.name}` : column.name);
                  }}
                >
                  {column.name}
                  <span aria-hidden="true" className="sort-mark">
                    {ariaSort(column) === 'ascending'
                      ? ' ▲'
                      : ariaSort(column) === 'descending'
                        ? ' ▼'
                        : ''}
                  </span>
                </button>
              </th>
            ))}
            {extra.map((column) => (
              <th key={`extra-${column.name}`} scope="col">
                {column.name}
              </th>
            ))}
            {rowMenu !== undefined && (
              <th scope="col" className="col-actions">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {above > 0 && (
            <tr aria-hidden="true" className="spacer" style={{ height: above }}>
              <td colSpan={span} />
            </tr>
          )}
          {rows.slice(start, end).map((row, offset) => (
            <tr
              key={rowKey(row)}
              ref={virtualizer.measureElement}
              data-index={start + offset}
              aria-rowindex={start + offset + 2}
              style={{ height: settings.density === 'compact' ? COMPACT_ROW_HEIGHT : ROW_HEIGHT }}
            >
              {selection !== undefined && (
                <td className="col-select">
                  <Checkbox
                    aria-label={`Select ${row.object.metadata.name}`}
                    checked={selection.isSelected(row)}
                    onChange={() => {
                      selection.toggle(row);
                    }}
                  />
                </td>
              )}
              {columns.map((column) => {
                const text = cellText(row, column, now, settings);
                const wraps = wrap || column.wraps;
                return (
                  <td
                    key={column.name}
                    className={wraps ? 'wrap' : undefined}
                    title={wraps ? undefined : text}
                  >
                    {column.isName ? (
                      <Link href={rowHref(row)}>{text}</Link>
                    ) : column.isStatus === true && text !== '' ? (
                      <StatusBadge text={text} />
                    ) : (
                      text
                    )}
                  </td>
                );
              })}
              {extra.map((column) => (
                <td key={`extra-${column.name}`}>{column.render(row)}</td>
              ))}
              {rowMenu !== undefined && (
                <td className="col-actions">
                  <MenuButton row={row} trigger={rowMenu} />
                </td>
              )}
            </tr>
          ))}
          {below > 0 && (
            <tr aria-hidden="true" className="spacer" style={{ height: below }}>
              <td colSpan={span} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

/** Opens a row's menu: Enter, Space or a click (the button's own), or ArrowDown. */
function MenuButton({ row, trigger }: { row: TableRow; trigger: RowMenuTrigger }) {
  const open = trigger.openKey === rowKey(row);
  return (
    <IconButton
      icon={Ellipsis}
      size="sm"
      className="row-menu-button"
      label={`Actions for ${row.object.metadata.name}`}
      aria-haspopup="menu"
      aria-expanded={open}
      onClick={(event) => {
        trigger.open(row, event.currentTarget);
      }}
      onKeyDown={(event) => {
        if (event.key === 'ArrowDown' && !open) {
          event.preventDefault();
          trigger.open(row, event.currentTarget);
        }
      }}
    />
  );
}
