import { Check, Plus, SquareCheck, Trash } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { useAccessAnswer, useCan } from '@/api/access';
import type { ResourceKind } from '@/api/kube';
import { tableColumns, visibleRows } from '@/list/cells';
import { ListTools, useShownColumns } from '@/list/ColumnChooser';
import type { SourceStatus } from '@/list/liveTable';
import { NamespacePicker } from '@/list/NamespacePicker';
import { useLiveTable } from '@/list/useLiveTable';
import { VirtualTable } from '@/list/VirtualTable';
import { Button, buttonClass } from '@/ui/Button';
import { Input } from '@/ui/Input';
import { useListUsage } from '@/metrics/useListUsage';
import { groupVersion, kindPlural } from '@/nav/labels';
import { namespacesParam, useDefaultNamespaces } from '@/nav/namespaceDefaults';
import { useNamespaceChoices } from '@/nav/namespaces';
import { Link, useNavigate } from '@/nav/navigation';
import { createUrl, detailsUrl, listUrl } from '@/routes';
import type { ListQuery } from '@/routes';
import { LiveIndicator, useWatchMux } from '@/watch/WatchContext';
import { labelSelectorProblem } from '@/list/labelSelector';
import { templateParam } from '@/create/templates';
import { BulkDeleteDialog, rowSelection, selectedLabel } from '@/list/BulkDelete';
import type { Selected } from '@/list/BulkDelete';
import type { RowMenuTrigger, RowSelection } from '@/list/VirtualTable';
import { rowKey } from '@/list/table';
import '@/list/list.css';
import { RowActions } from '@/list/RowActions';
import type { OpenMenu } from '@/list/RowActions';
import { hasRowItems } from '@/list/rowItems';

interface Props {
  cluster: string;
  kind: ResourceKind;
  query: ListQuery;
}

/** The words for a refused list, in `namespace` (undefined: across the cluster). */
function refusedMessage(kind: ResourceKind, namespace: string | undefined): string {
  if (!kind.namespaced) return `You may not list ${kind.resource}.`;
  return `You may not list ${kind.resource} in ${namespace ?? 'all namespaces'}.`;
}

/** Why a source has no rows, in words. */
function problem(kind: ResourceKind, source: SourceStatus): string | null {
  if (source.phase !== 'error' || source.error === undefined) return null;
  if (source.error.status === 403) return refusedMessage(kind, source.namespace);
  const where = source.namespace === undefined ? '' : ` (${source.namespace})`;
  return `${source.error.message}${where}`;
}

function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => {
      setNow(Date.now());
    }, everyMs);
    return () => {
      clearInterval(timer);
    };
  }, [everyMs]);
  return now;
}

/** Whether the user may create this kind in `namespace` (undefined: somewhere). */
function useCanCreate(cluster: string, kind: ResourceKind, namespace: string | undefined) {
  return useCan(
    cluster,
    kind.verbs.includes('create')
      ? {
          verb: 'create',
          group: kind.group,
          resource: kind.resource,
          ...(namespace === undefined || !kind.namespaced ? {} : { namespace }),
        }
      : null,
  );
}

/** One kind's objects: live rows, namespace, name and label filters, sorting. */
export function ListPage({ cluster, kind, query }: Props) {
  const navigate = useNavigate();
  const mux = useWatchMux();
  const choices = useNamespaceChoices(cluster);
  const now = useNow(10_000);
  const chosen = kind.namespaced ? (query.ns ?? []) : [];
  // Across the cluster (all namespaces, or a cluster-scoped kind): asked first whether the
  // user may, so a refusal is an answer on the page, not a failed request in the console.
  const everywhere = chosen.length === 0;
  const mayListEverywhere = useAccessAnswer(
    cluster,
    everywhere ? { verb: 'list', group: kind.group, resource: kind.resource } : null,
  );
  const namespaces: (string | undefined)[] | null = !everywhere
    ? chosen
    : mayListEverywhere === true
      ? [undefined]
      : null;
  const { snapshot, loadMore } = useLiveTable(cluster, kind, namespaces, query.l, mux);
  const [selector, setSelector] = useState(query.l ?? '');
  const [selectorShown, setSelectorShown] = useState(query.l);
  const [selectorProblem, setSelectorProblem] = useState<string | null>(null);
  if (selectorShown !== query.l) {
    setSelectorShown(query.l);
    setSelector(query.l ?? '');
  }

  const defaults = useDefaultNamespaces(cluster);
  const go = (patch: Partial<ListQuery>, replace = false) => {
    const merged = { ...query, ...patch };
    const next: ListQuery = {};
    // "All namespaces" is written as such when the user has defaults, so they stay away.
    const ns = kind.namespaced ? namespacesParam(merged.ns ?? [], defaults) : [];
    if (ns.length > 0) next.ns = ns;
    if (merged.q !== undefined && merged.q !== '') next.q = merged.q;
    if (merged.l !== undefined && merged.l !== '') next.l = merged.l;
    if (merged.sort !== undefined && merged.sort !== '') next.sort = merged.sort;
    navigate(listUrl(cluster, kind, next), { replace });
  };

  // Refused in every namespace while the user has namespaces of its own: go there instead.
  const refusedEverywhere =
    everywhere &&
    (mayListEverywhere === false ||
      (snapshot.sources[0]?.phase === 'error' && snapshot.sources[0].error?.status === 403));
  const allRefused = kind.namespaced && refusedEverywhere;
  const fallback = choices.candidates;
  useEffect(() => {
    if (allRefused && fallback.length > 0) {
      navigate(listUrl(cluster, kind, { ...query, ns: fallback }), { replace: true });
    }
  }, [allRefused, fallback, navigate, cluster, kind, query]);

  const withNamespace = kind.namespaced && chosen.length !== 1;
  const allColumns = useMemo(
    () => tableColumns(snapshot.columns, withNamespace, kind.kind),
    [snapshot.columns, withNamespace, kind.kind],
  );
  const usage = useListUsage(cluster, kind, namespaces ?? []);
  const shown = useShownColumns(kind, allColumns, usage);
  // Sorted by any column of the table, shown or not.
  const rows = useMemo(
    () => visibleRows(snapshot.rows, allColumns, query.q ?? '', query.sort),
    [snapshot.rows, allColumns, query.q, query.sort],
  );
  const [menu, setMenu] = useState<OpenMenu | null>(null);
  const rowMenu: RowMenuTrigger | undefined = hasRowItems(kind)
    ? {
        openKey: menu === null ? null : rowKey(menu.row),
        open: (row, anchor) => {
          setMenu((before) =>
            before !== null && rowKey(before.row) === rowKey(row) ? null : { row, anchor },
          );
        },
      }
    : undefined;
  const canCreate = useCanCreate(cluster, kind, chosen[0]);
  const canDelete = useCan(
    cluster,
    kind.verbs.includes('delete')
      ? {
          verb: 'delete',
          group: kind.group,
          resource: kind.resource,
          ...(chosen.length === 1 && kind.namespaced && chosen[0] !== undefined
            ? { namespace: chosen[0] }
            : {}),
        }
      : null,
  );
  const [selecting, setSelecting] = useState(false);
  const [picked, setPicked] = useState<ReadonlyMap<string, Selected>>(new Map());
  const [bulkOpen, setBulkOpen] = useState(false);
  const problems = snapshot.sources
    .map((source) => problem(kind, source))
    .filter((p): p is string => p !== null);
  if (everywhere && mayListEverywhere === false) problems.push(refusedMessage(kind, undefined));
  const watchProblems = snapshot.sources
    .map((source) => source.watchError)
    .filter((p): p is string => p !== undefined);
  const loading =
    (everywhere && mayListEverywhere === null) ||
    snapshot.sources.some((source) => source.phase === 'loading');
  const more = snapshot.sources.filter((source) => source.more);
  const remaining = more.reduce<number | undefined>(
    (sum, source) =>
      sum === undefined || source.remaining === undefined ? undefined : sum + source.remaining,
    0,
  );
  const watching = snapshot.sources.some((source) => source.watching);
  // Chosen namespaces the cluster does not have (known when the user may list namespaces):
  // said outright, rather than shown as an empty live list.
  const listedNamespaces = choices.listed;
  const missing =
    listedNamespaces === null ? [] : chosen.filter((ns) => !listedNamespaces.includes(ns));
  const plural = kindPlural(kind);
  const selection: RowSelection | undefined =
    canDelete && selecting ? rowSelection(rows, picked, setPicked) : undefined;

  return (
    <section aria-label={plural} className="list-page">
      <header className="list-header">
        <h1>
          {plural} <span className="muted group-version">{groupVersion(kind)}</span>
        </h1>
        {watching && <LiveIndicator mux={mux} />}
        {canDelete && (
          <Button
            icon={selecting ? Check : SquareCheck}
            aria-pressed={selecting}
            onClick={() => {
              setSelecting(!selecting);
              setPicked(new Map());
            }}
          >
            {selecting ? 'Done selecting' : 'Select'}
          </Button>
        )}
        {selection !== undefined && picked.size > 0 && (
          <Button
            variant="danger"
            icon={Trash}
            onClick={() => {
              setBulkOpen(true);
            }}
          >
            Delete {picked.size} selected
          </Button>
        )}
        {canCreate && (
          <Link
            className={buttonClass('primary')}
            href={createUrl(cluster, chosen[0], templateParam(kind))}
          >
            <Plus className="btn-icon" aria-hidden="true" />
            Create
          </Link>
        )}
      </header>
      <div className="list-filters">
        {kind.namespaced && (
          <NamespacePicker
            selected={chosen}
            options={choices.options}
            allowAll={choices.listed !== null || chosen.length === 0}
            onChange={(ns) => {
              go({ ns });
            }}
            onTyped={choices.remember}
          />
        )}
        <Input
          type="search"
          aria-label="Filter by name"
          placeholder="Filter by name"
          value={query.q ?? ''}
          onChange={(event) => {
            go({ q: event.target.value }, true);
          }}
        />
        <form
          className="selector"
          onSubmit={(event) => {
            event.preventDefault();
            const problem = labelSelectorProblem(selector);
            setSelectorProblem(problem);
            if (problem === null) go({ l: selector.trim() });
          }}
        >
          <Input
            aria-label="Label selector"
            placeholder="Label selector, e.g. app=web,tier!=db"
            value={selector}
            aria-invalid={selectorProblem !== null ? true : undefined}
            aria-describedby={selectorProblem !== null ? 'selector-problem' : undefined}
            onChange={(event) => {
              setSelector(event.target.value);
              setSelectorProblem(null);
            }}
          />
          <Button type="submit">Apply</Button>
          {selectorProblem !== null && (
            <p id="selector-problem" role="alert" className="error selector-problem">
              Not a label selector: {selectorProblem}.
            </p>
          )}
        </form>
        <ListTools options={shown.options} choice={shown.choice} onChange={shown.choose} />
      </div>
      <RowActions
        cluster={cluster}
        kind={kind}
        menu={menu}
        onMenuClose={() => {
          setMenu(null);
        }}
      />
      {missing.length > 0 && (
        <p role="alert" className="error">
          {missing.length === 1
            ? `There is no namespace ${missing[0] ?? ''} in this cluster.`
            : `These namespaces do not exist in this cluster: ${missing.join(', ')}.`}
        </p>
      )}
      {problems.map((message) => (
        <p key={message} role="alert" className="error">
          {message}
        </p>
      ))}
      {watchProblems.length > 0 && (
        <p className="muted">Live updates stopped: {watchProblems.join('; ')}</p>
      )}
      <p className="muted list-count">
        {loading && snapshot.rows.length === 0
          ? 'Loading…'
          : rows.length === snapshot.rows.length
            ? `${rows.length} ${rows.length === 1 ? kind.kind : plural}`
            : `${rows.length} of ${snapshot.rows.length} ${plural} match`}
        {loading && snapshot.rows.length > 0 && ' (loading more…)'}
      </p>
      {snapshot.columns.length > 0 && (
        <VirtualTable
          label={plural}
          columns={shown.columns}
          rows={rows}
          sort={query.sort}
          onSort={(sort) => {
            go({ sort }, true);
          }}
          rowHref={(row) =>
            detailsUrl(cluster, kind, row.object.metadata.namespace, row.object.metadata.name)
          }
          now={now}
          extra={shown.extra}
          selection={selection}
          wrap={shown.choice.wrap}
          rowMenu={rowMenu}
        />
      )}
      {bulkOpen && (
        <BulkDeleteDialog
          cluster={cluster}
          kind={kind}
          objects={[...picked.values()]}
          plural={plural}
          onClose={() => {
            setBulkOpen(false);
          }}
          onDone={(deleted) => {
            setPicked(
              (before) =>
                new Map(
                  [...before].filter(([, object]) => !deleted.includes(selectedLabel(object))),
                ),
            );
          }}
        />
      )}
      {more.length > 0 && !loading && (
        <Button onClick={loadMore}>
          {remaining === undefined ? 'Load more' : `Load more (${remaining} left)`}
        </Button>
      )}
    </section>
  );
}
