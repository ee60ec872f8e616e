import type { ObjectMeta } from '@/api/kube';

/**
 * The API server's Table format (`meta.k8s.io/v1`): the columns `kubectl get` prints, with
 * each row's object as PartialObjectMetadata (`includeObject=Metadata`).
 */

export const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

export interface TableColumn {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority?: number;
}

export interface TableRow {
  cells: unknown[];
  object: { metadata: ObjectMeta };
}

export interface KubeTable {
  kind: 'Table';
  columnDefinitions?: TableColumn[] | null;
  rows?: TableRow[] | null;
  metadata?: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
}

/** A plain list, for APIs that do not serve tables. */
interface KubeList {
  kind?: string;
  items?: { metadata?: ObjectMeta }[];
  metadata?: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
}

export interface TablePage {
  columns: TableColumn[];
  rows: TableRow[];
  resourceVersion: string | undefined;
  continueToken: string | undefined;
  remaining: number | undefined;
}

/** The columns to use when an API answers with a plain list instead of a table. */
export const FALLBACK_COLUMNS: TableColumn[] = [
  { name: 'Name', type: 'string', format: 'name', priority: 0 },
  { name: 'Created At', type: 'date', priority: 0 },
];

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function isRow(value: unknown): value is TableRow {
  const row = record(value);
  const metadata = record(record(row?.['object'])?.['metadata']);
  return Array.isArray(row?.['cells']) && typeof metadata?.['name'] === 'string';
}

/** A row built from an object's metadata, for the fallback columns. */
export function rowFromObject(metadata: ObjectMeta): TableRow {
  return { cells: [metadata.name, metadata.creationTimestamp ?? ''], object: { metadata } };
}

/** A list answer as a page of rows, whether the API sent a Table or a plain list. */
export function pageFromAnswer(answer: KubeTable | KubeList): TablePage {
  const meta = answer.metadata ?? {};
  const common = {
    resourceVersion: meta.resourceVersion,
    continueToken: meta.continue === '' ? undefined : meta.continue,
    remaining: meta.remainingItemCount,
  };
  if (answer.kind === 'Table') {
    const table = answer as KubeTable;
    return {
      ...common,
      columns: table.columnDefinitions ?? [],
      rows: (table.rows ?? []).filter(isRow),
    };
  }
  const list = answer as KubeList;
  return {
    ...common,
    columns: FALLBACK_COLUMNS,
    rows: (list.items ?? [])
      .map((item) => item.metadata)
      .filter((m): m is ObjectMeta => m !== undefined)
      .map(rowFromObject),
  };
}

/** The row a watch event carries (a one-row Table, or a whole object) and its columns. */
export function rowFromEvent(
  object: unknown,
): { row: TableRow; columns: TableColumn[] } | undefined {
  const value = record(object);
  if (value === undefined) return undefined;
  if (value['kind'] === 'Table') {
    const rows = value['rows'];
    const row: unknown = Array.isArray(rows) ? rows[0] : undefined;
    if (!isRow(row)) return undefined;
    const columns = value['columnDefinitions'];
    return { row, columns: Array.isArray(columns) ? (columns as TableColumn[]) : [] };
  }
  const metadata = record(value['metadata']);
  if (typeof metadata?.['name'] !== 'string') return undefined;
  return { row: rowFromObject(metadata as unknown as ObjectMeta), columns: FALLBACK_COLUMNS };
}

/** A row's identity: its uid, or namespace/name for objects without one. */
export function rowKey(row: TableRow): string {
  const meta = row.object.metadata;
  return meta.uid ?? `${meta.namespace ?? ''}/${meta.name}`;
}
