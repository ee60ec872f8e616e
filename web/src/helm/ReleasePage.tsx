import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError } from '@/api/http';
import { AppLink } from '@/details/AppLink';
import { Dialog } from '@/ui/Dialog';
import { useCan } from '@/api/access';
import { ActionOutcome } from '@/helm/ActionOutcome';
import { ChartForm } from '@/helm/ChartForm';
import { ManifestObjects } from '@/helm/ManifestObjects';
import { formatTime } from '@/helm/ReleasesPage';
import {
  catalog,
  getRelease,
  releaseHistory,
  startRollback,
  startUninstall,
  startUpgrade,
} from '@/helm/api';
import type { CatalogChart, HelmRelease } from '@/helm/api';
import { computedValues, manifestObjects, statusTone } from '@/helm/release';
import { useHelmAction } from '@/helm/useHelmAction';
import { appsUrl } from '@/helm/urls';
import { anyToYaml } from '@/yaml/convert';
import '@/helm/helm.css';

type Loaded =
  | { state: 'loading' }
  | { state: 'ok'; release: HelmRelease; history: HelmRelease[] }
  | { state: 'error'; message: string };

type Open = null | 'uninstall' | 'upgrade' | { rollback: number };

/** One Helm release: status, notes, values, objects, hooks, history and the changes. */
export function ReleasePage({
  cluster,
  namespace,
  name,
  navigate,
}: {
  cluster: string;
  namespace: string;
  name: string;
  navigate: (to: string) => void;
}) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [reload, setReload] = useState(0);
  const [open, setOpen] = useState<Open>(null);
  const [keepHistory, setKeepHistory] = useState(false);
  const [charts, setCharts] = useState<CatalogChart[] | null>(null);
  const refresh = useCallback(() => {
    setReload((n) => n + 1);
  }, []);
  const { state: action, run } = useHelmAction(cluster, refresh);
  const mayChange = useCan(cluster, { verb: 'update', group: '', resource: 'secrets', namespace });
  const mayUninstall = useCan(cluster, {
    verb: 'delete',
    group: '',
    resource: 'secrets',
    namespace,
  });

  useEffect(() => {
    let live = true;
    Promise.all([getRelease(cluster, namespace, name), releaseHistory(cluster, namespace, name)])
      .then(([release, history]) => {
        if (live) setLoaded({ state: 'ok', release, history: [...history].reverse() });
      })
      .catch((caught: unknown) => {
        if (!live) return;
        if (caught instanceof ApiError && caught.status === 401) {
          navigate(
            `/c/${encodeURIComponent(cluster)}/sign-in?return=${encodeURIComponent(window.location.pathname)}`,
          );
          return;
        }
        setLoaded({
          state: 'error',
          message: caught instanceof ApiError ? caught.message : 'Lanthorn could not be reached',
        });
      });
    return () => {
      live = false;
    };
  }, [cluster, namespace, name, navigate, reload]);

  useEffect(() => {
    if (open !== 'upgrade' || charts !== null) return;
    catalog(cluster, '')
      .then(setCharts)
      .catch(() => {
        setCharts([]);
      });
  }, [open, charts, cluster]);

  const release = loaded.state === 'ok' ? loaded.release : undefined;
  const objects = useMemo(
    () => (release === undefined ? [] : manifestObjects(release.manifest ?? '', release.namespace)),
    [release],
  );

  if (loaded.state === 'loading') return <p>Loading…</p>;
  if (loaded.state === 'error') {
    return (
      <section aria-label="Release">
        <h1>{name}</h1>
        <p role="alert" className="error">
          {loaded.message}
        </p>
      </section>
    );
  }
  const r = loaded.release;
  const userValues = anyToYaml(r.config ?? {});
  const sameChart = (charts ?? []).filter((c) => c.name === r.chart.metadata.name);
  const busy = action.phase === 'running';

  return (
    <section aria-label="Release">
      <p>
        <AppLink href={appsUrl(cluster)} navigate={navigate}>
          Apps
        </AppLink>{' '}
        / {r.namespace}
      </p>
      <h1>{r.name}</h1>
      <dl className="helm-facts">
        <dt>Status</dt>
        <dd>
          <span className={`helm-status helm-status-${statusTone(r.info.status)}`}>
            {r.info.status}
          </span>
        </dd>
        <dt>Chart</dt>
        <dd>
          {r.chart.metadata.name} {r.chart.metadata.version}
          {r.chart.metadata.appVersion ? ` (app ${r.chart.metadata.appVersion})` : ''}
        </dd>
        <dt>Revision</dt>
        <dd>{r.version}</dd>
        <dt>Updated</dt>
        <dd>{formatTime(r.info.last_deployed)}</dd>
        {r.info.description && (
          <>
            <dt>Description</dt>
            <dd>{r.info.description}</dd>
          </>
        )}
      </dl>
      <div className="helm-actions">
        {mayChange && (
          <button
            type="button"
            disabled={busy}
            onClick={() => {
              setOpen('upgrade');
            }}
          >
            Upgrade
          </button>
        )}
        {mayUninstall && (
          <button
            type="button"
            disabled={busy}
            onClick={() => {
              setOpen('uninstall');
            }}
          >
            Uninstall
          </button>
        )}
      </div>
      <ActionOutcome state={action} />

      {r.info.notes && (
        <>
          <h2>Notes</h2>
          <pre className="helm-pre">{r.info.notes}</pre>
        </>
      )}
      <h2>Objects</h2>
      <ManifestObjects cluster={cluster} objects={objects} navigate={navigate} />
      <h2>History</h2>
      <table className="helm-table" aria-label="History">
        <thead>
          <tr>
            <th scope="col">Revision</th>
            <th scope="col">Status</th>
            <th scope="col">Chart</th>
            <th scope="col">Updated</th>
            <th scope="col">Description</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {loaded.history.map((h) => (
            <tr key={h.version}>
              <td>{h.version}</td>
              <td>{h.info.status}</td>
              <td>
                {h.chart.metadata.name}-{h.chart.metadata.version}
              </td>
              <td>{formatTime(h.info.last_deployed)}</td>
              <td>{h.info.description ?? ''}</td>
              <td>
                {mayChange && h.version !== r.version && (
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => {
                      setOpen({ rollback: h.version });
                    }}
                  >
                    Roll back to {h.version}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Values</h2>
      <h3>User-supplied</h3>
      <pre className="helm-pre" aria-label="User-supplied values">
        {userValues}
      </pre>
      <details>
        <summary>Computed (chart defaults with the user's values)</summary>
        <pre className="helm-pre">{anyToYaml(computedValues(r.chart.values, r.config))}</pre>
      </details>
      {(r.hooks ?? []).length > 0 && (
        <>
          <h2>Hooks</h2>
          <ul>
            {(r.hooks ?? []).map((hook) => (
              <li key={`${hook.kind}/${hook.name}`}>
                {hook.kind} {hook.name}: {(hook.events ?? []).join(', ')}
              </li>
            ))}
          </ul>
        </>
      )}
      <details>
        <summary>Manifest</summary>
        <pre className="helm-pre">{r.manifest ?? ''}</pre>
      </details>

      {open !== null && typeof open === 'object' && (
        <Dialog
          title={`Roll back ${r.name} to revision ${open.rollback}`}
          onClose={() => {
            setOpen(null);
          }}
        >
          <p>Helm makes a new revision with the chart and values of revision {open.rollback}.</p>
          <div className="helm-actions">
            <button
              type="button"
              onClick={() => {
                const revision = open.rollback;
                setOpen(null);
                void run('rollback', namespace, name, () =>
                  startRollback(cluster, namespace, name, revision),
                );
              }}
            >
              Roll back
            </button>
            <button
              type="button"
              onClick={() => {
                setOpen(null);
              }}
            >
              Cancel
            </button>
          </div>
        </Dialog>
      )}
      {open === 'uninstall' && (
        <Dialog
          title={`Uninstall ${r.name}`}
          onClose={() => {
            setOpen(null);
          }}
        >
          <p>Helm deletes every object of the release from namespace {r.namespace}.</p>
          <label>
            <input
              type="checkbox"
              checked={keepHistory}
              onChange={(event) => {
                setKeepHistory(event.target.checked);
              }}
            />{' '}
            Keep the release history
          </label>
          <div className="helm-actions">
            <button
              type="button"
              onClick={() => {
                setOpen(null);
                void run('uninstall', namespace, name, () =>
                  startUninstall(cluster, namespace, name, keepHistory),
                );
              }}
            >
              Uninstall
            </button>
            <button
              type="button"
              onClick={() => {
                setOpen(null);
              }}
            >
              Cancel
            </button>
          </div>
        </Dialog>
      )}
      {open === 'upgrade' && (
        <Dialog
          title={`Upgrade ${r.name}`}
          onClose={() => {
            setOpen(null);
          }}
        >
          {charts === null && <p>Loading the catalog…</p>}
          {charts !== null && sameChart.length === 0 && (
            <p role="alert">
              No configured chart repository has a chart named {r.chart.metadata.name}, so this
              release cannot be upgraded from here.
            </p>
          )}
          {sameChart.length > 0 && sameChart[0] !== undefined && (
            <ChartForm
              mode="upgrade"
              busy={busy}
              charts={sameChart}
              initial={{
                chart: `${sameChart[0].repository}/${sameChart[0].name}`,
                version: r.chart.metadata.version,
                values: userValues,
                name: r.name,
                namespace: r.namespace,
                createNamespace: false,
              }}
              onCancel={() => {
                setOpen(null);
              }}
              onSubmit={(value) => {
                setOpen(null);
                void run('upgrade', namespace, name, () =>
                  startUpgrade(cluster, {
                    name,
                    namespace,
                    chart: value.chart,
                    values: value.values,
                    ...(value.version === '' ? {} : { version: value.version }),
                  }),
                );
              }}
            />
          )}
        </Dialog>
      )}
    </section>
  );
}
