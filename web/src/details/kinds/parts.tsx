import type { ReactNode } from 'react';
import type { KubeObject } from '@/api/kube';
import { KindLink } from '@/details/KindLink';
import type { ObjectTarget } from '@/details/kinds/network';
import { StatusBadge } from '@/ui/StatusBadge';
import type { StatusTone } from '@/ui/status';
import '@/details/kinds/kinds.css';

/** Building blocks of the per-kind sections: a section, its fields and its tables. */

export type Navigate = (to: string) => void;

/** What a kind's own sections are given. */
export interface KindProps {
  cluster: string;
  object: KubeObject;
  navigate: Navigate;
}

/** A titled section of an object page; `id` is its anchor in the section index. */
export function Section({
  id,
  title,
  children,
}: {
  id: string;
  title: string;
  children: ReactNode;
}) {
  return (
    <section className="details-section" id={id} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

/** One label and its value, inside a `dl.fields`. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="field-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Fields whose value is text; those without a value are left out. */
export function TextFields({ rows }: { rows: [string, string | undefined][] }) {
  return (
    <>
      {rows
        .filter((row): row is [string, string] => row[1] !== undefined && row[1] !== '')
        .map(([label, value]) => (
          <Field key={label} label={label}>
            {value}
          </Field>
        ))}
    </>
  );
}

/** A field listing values as code, one a line (`none` when there are none). */
export function CodeList({
  label,
  items,
  none = 'None',
}: {
  label: string;
  items: string[];
  none?: string;
}) {
  return (
    <Field label={label}>
      {items.length === 0 ? (
        none
      ) : (
        <ul className="plain">
          {items.map((item, i) => (
            <li key={i}>
              <code>{item}</code>
            </li>
          ))}
        </ul>
      )}
    </Field>
  );
}

/** One row of a `Table`: its key and its cells, in column order. */
export interface Row {
  key: string;
  cells: ReactNode[];
}

/** A details table with a caption (shown, or for screen readers only) and a header row. */
export function Table({
  caption,
  columns,
  rows,
  showCaption = false,
  className,
  empty,
}: {
  caption: string;
  columns: string[];
  rows: Row[];
  showCaption?: boolean;
  /** Another class beside `details-table`, for a table's own column widths. */
  className?: string;
  /** Said (muted) instead of the table when there are no rows. */
  empty?: string;
}) {
  if (rows.length === 0 && empty !== undefined) return <p className="muted">{empty}</p>;
  return (
    <table className={className === undefined ? 'details-table' : `details-table ${className}`}>
      <caption className={showCaption ? undefined : 'visually-hidden'}>{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th scope="col" key={column}>
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            {row.cells.map((cell, i) => (
              <td key={i}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A list of values, one a line (or wrapping on one line), or a muted `none` when there are none. */
export function Values({
  items,
  inline = false,
  none = '—',
}: {
  items: ReactNode[];
  inline?: boolean;
  none?: string;
}) {
  if (items.length === 0) return <span className="muted">{none}</span>;
  return (
    <ul className={inline ? 'plain inline' : 'plain'}>
      {items.map((item, i) => (
        <li key={i}>{item}</li>
      ))}
    </ul>
  );
}

/** Counts shown large, each with its label (replicas, say). */
export function Counts({
  label,
  counts,
}: {
  label: string;
  counts: { label: string; value: number }[];
}) {
  return (
    <ul className="counts" aria-label={label}>
      {counts.map((count) => (
        <li key={count.label}>
          <span className="count-value">{count.value}</span>
          <span className="count-label">{count.label}</span>
        </li>
      ))}
    </ul>
  );
}

export interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

/** Conditions one a line: type and status (coloured and said), reason and (unless left out) message. */
export function ConditionList({
  conditions,
  none,
  tone = (c) => (c.status === 'True' ? 'good' : c.status === 'False' ? 'bad' : 'neutral'),
  messages = true,
}: {
  conditions: Condition[];
  none: string;
  tone?: (condition: Condition) => StatusTone;
  /** False where the page's Status section shows the messages already. */
  messages?: boolean;
}) {
  if (conditions.length === 0) return <span className="muted">{none}</span>;
  return (
    <Values
      items={conditions.map((c) => (
        <>
          <StatusBadge text={`${c.type ?? ''} ${c.status ?? ''}`.trim()} tone={tone(c)} />
          {c.reason !== undefined && <> ({c.reason})</>}
          {messages && c.message !== undefined && <span className="muted"> {c.message}</span>}
        </>
      ))}
    />
  );
}

/** A link to an object named by group and kind (a backend, a parent), once its kind is known. */
export function TargetLink({
  cluster,
  target,
  navigate,
}: {
  cluster: string;
  target: ObjectTarget;
  navigate: Navigate;
}) {
  return (
    <KindLink
      cluster={cluster}
      group={target.group}
      kind={target.kind}
      namespace={target.namespace}
      name={target.name}
      navigate={navigate}
    />
  );
}
