import { useEffect, useMemo, useState } from 'react';
import { errorMessage, errorStatus } from '@/api/http';
import { useAppQuery } from '@/api/query';
import { AppLink } from '@/details/AppLink';
import { Dialog } from '@/ui/Dialog';
import { useCan } from '@/api/access';
import { ActionOutcome } from '@/helm/ActionOutcome';
import { ChartForm, ValuesChange } from '@/helm/ChartForm';
import { ManifestObjects } from '@/helm/ManifestObjects';
import { formatTime } from '@/helm/ReleasesPage';
import { helmQueries, startRollback, startUninstall, startUpgrade } from '@/helm/api';
import type { CatalogChart } from '@/helm/api';
import { computedValues, manifestObjects, statusTone } from '@/helm/release';
import { useHelmAction } from '@/helm/useHelmAction';
import { appsUrl } from '@/helm/urls';
import { anyToYaml } from '@/yaml/convert';
import { ErrorText } from '@/ui/ErrorText';
import { ActionsRow } from '@/ui/ActionsRow';
import { Button } from '@/ui/Button';
import { Checkbox } from '@/ui/Check';
import '@/helm/helm.css';

const noop = () => undefined;

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
  const releaseRead = useAppQuery(helmQueries.release(cluster, namespace, name));
  const historyRead = useAppQuery(helmQueries.history(cluster, namespace, name));
  const [open, setOpen] = useState<Open>(null);
  const [keepHistory, setKeepHistory] = useState(false);
  // The catalog, read when Upgrade is first opened; a failure offers no chart.
  const [catalogWanted, setCatalogWanted] = useState(false);
  const catalogRead = useAppQuery({ ...helmQueries.catalog(cluster, ''), enabled: catalogWanted });
  const charts: CatalogChart[] | null = catalogRead.isSuccess
    ? catalogRead.data
    : catalogRead.isError
      ? []
      : null;
  // The release and its history are read again when a change ends (see useHelmAction).
  const { state: action, run } = useHelmAction(cluster, noop);
  const mayChange = useCan(cluster, { verb: 'update', group: '', resource: 'secrets', namespace });
  const mayUninstall = useCan(cluster, {
    verb: 'delete',
    group: '',
    resource: 'secrets',
    namespace,
  });

  const failed = releaseRead.isError ? releaseRead.error : historyRead.error;
  const unauthorized = errorStatus(failed) === 401;
  useEffect(() => {
    if (unauthorized) {
      navigate(
        `/c/${encodeURIComponent(cluster)}/sign-in?return=${encodeURIComponent(window.location.pathname)}`,
      );
    }
  }, [unauthorized, cluster, navigate]);

  const release = releaseRead.data;
  const history = useMemo(() => [...(historyRead.data ?? [])].reverse(), [historyRead.data]);
  const objects = useMemo(
    () => (release === undefined ? [] : manifestObjects(release.manifest ?? '', release.namespace)),
    [release],
  );

  if (failed !== null && !unauthorized) {
    return (
      <section aria-label="Release">
        <h1>{name}</h1>
        <ErrorText>{errorMessage(failed, 'Lanthorn could not be reached')}</ErrorText>
      </section>
    );
  }
  if (release === undefined || !historyRead.isSuccess) return <p>Loading…</p>;
  const r = release;
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
      <ActionsRow place="helm">
        {mayChange && (
          <Button
            disabled={busy}
            onClick={() => {
              setCatalogWanted(true);
              setOpen('upgrade');
            }}
          >
            Upgrade
          </Button>
        )}
        {mayUninstall && (
          <Button
            disabled={busy}
            onClick={() => {
              setOpen('uninstall');
            }}
          >
            Uninstall
          </Button>
        )}
      </ActionsRow>
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
          {history.map((h) => (
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
                  <Button
                    disabled={busy}
                    onClick={() => {
                      setOpen({ rollback: h.version });
                    }}
                  >
                    Roll back to {h.version}
                  </Button>
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
          <ValuesChange
            before={userValues}
            after={anyToYaml(history.find((h) => h.version === open.rollback)?.config ?? {})}
          />
          <ActionsRow place="helm">
            <Button
              onClick={() => {
                const revision = open.rollback;
                setOpen(null);
                run('rollback', namespace, name, () =>
                  startRollback(cluster, namespace, name, revision),
                );
              }}
            >
              Roll back
            </Button>
            <Button
              onClick={() => {
                setOpen(null);
              }}
            >
              Cancel
            </Button>
          </ActionsRow>
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
            <Checkbox
              checked={keepHistory}
              onChange={(event) => {
                setKeepHistory(event.target.checked);
              }}
            />{' '}
            Keep the release history
          </label>
          <ActionsRow place="helm">
            <Button
              onClick={() => {
                setOpen(null);
                run('uninstall', namespace, name, () =>
                  startUninstall(cluster, namespace, name, keepHistory),
                );
              }}
            >
              Uninstall
            </Button>
            <Button
              onClick={() => {
                setOpen(null);
              }}
            >
              Cancel
            </Button>
          </ActionsRow>
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
            <ChartForm
              mode="upgrade"
              busy={busy}
              charts={[]}
              stored={{ name: r.chart.metadata.name, version: r.chart.metadata.version }}
              initial={{
                chart: '',
                version: '',
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
                run('upgrade', namespace, name, () =>
                  startUpgrade(cluster, { name, namespace, chart: '', values: value.values }),
                );
              }}
            />
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
                run('upgrade', namespace, name, () =>
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
