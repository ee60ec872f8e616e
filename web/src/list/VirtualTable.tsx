import { useRef } from 'react';
import type { ReactNode } from 'react';
import { cellText, parseSort } from '@/list/cells';
import type { ListColumn } from '@/list/cells';
import { rowKey } from '@/list/table';
import type { TableRow } from '@/list/table';
import { Link } from '@/nav/navigation';
import { useFixedRows } from '@/ui/virtual';

/** Every row is this tall, so the visible slice follows from the scroll position alone. */
export const ROW_HEIGHT = 32;
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
}: Props) {
  const span = columns.length + extra.length + (selection === undefined ? 0 : 1);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useFixedRows({
    count: rows.length,
    rowHeight: ROW_HEIGHT,
    overscan: OVERSCAN,
    fallbackHeight: FALLBACK_VIEWPORT,
    scroller,
  });
  const items = virtualizer.getVirtualItems();
  const start = items[0]?.index ?? 0;
  const end = (items[items.length - 1]?.index ?? -1) + 1;
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
                <input
                  type="checkbox"
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
                className={column.isName ? 'col-name' : column.index === -1 ? 'col-ns' : undefined}
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
          </tr>
        </thead>
        <tbody>
          {start > 0 && (
            <tr aria-hidden="true" className="spacer" style={{ height: start * ROW_HEIGHT }}>
              <td colSpan={span} />
            </tr>
          )}
          {rows.slice(start, end).map((row, offset) => (
            <tr key={rowKey(row)} aria-rowindex={start + offset + 2} style={{ height: ROW_HEIGHT }}>
              {selection !== undefined && (
                <td className="col-select">
                  <input
                    type="checkbox"
                    aria-label={`Select ${row.object.metadata.name}`}
                    checked={selection.isSelected(row)}
                    onChange={() => {
                      selection.toggle(row);
                    }}
                  />
                </td>
              )}
              {columns.map((column) => {
                const text = cellText(row, column, now);
                return (
                  <td key={column.name} title={text}>
                    {column.isName ? <Link href={rowHref(row)}>{text}</Link> : text}
                  </td>
                );
              })}
              {extra.map((column) => (
                <td key={`extra-${column.name}`}>{column.render(row)}</td>
              ))}
            </tr>
          ))}
          {end < rows.length && (
            <tr
              aria-hidden="true"
              className="spacer"
              style={{ height: (rows.length - end) * ROW_HEIGHT }}
            >
              <td colSpan={span} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
