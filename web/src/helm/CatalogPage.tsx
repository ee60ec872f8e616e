import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '@/api/http';
import { AppLink } from '@/details/AppLink';
import { Dialog } from '@/ui/Dialog';
import { useCan } from '@/api/access';
import { ActionOutcome } from '@/helm/ActionOutcome';
import { ChartForm } from '@/helm/ChartForm';
import { catalog, chartDetails, startInstall } from '@/helm/api';
import type { CatalogChart } from '@/helm/api';
import { useHelmAction } from '@/helm/useHelmAction';
import { appsUrl, releaseUrl } from '@/helm/urls';
import '@/helm/helm.css';

type Loaded =
  | { state: 'loading' }
  | { state: 'ok'; charts: CatalogChart[] }
  | { state: 'error'; message: string };

interface Chosen {
  chart: CatalogChart;
  readme: string | null;
  values: string | null;
  error?: string;
}

/** Apps → Catalog: charts of the operator's repositories, with search and install. */
export function CatalogPage({
  cluster,
  namespace,
  navigate,
}: {
  cluster: string;
  /** Where installs go by default. */
  namespace: string | undefined;
  navigate: (to: string) => void;
}) {
  const [filter, setFilter] = useState('');
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [installing, setInstalling] = useState(false);
  const [installed, setInstalled] = useState<{ namespace: string; name: string } | null>(null);
  const target = namespace ?? 'default';
  const mayInstall = useCan(cluster, {
    verb: 'create',
    group: '',
    resource: 'secrets',
    namespace: target,
  });
  const done = useCallback(() => undefined, []);
  const { state: action, run } = useHelmAction(cluster, done);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      catalog(cluster, filter)
        .then((charts) => {
          if (live) setLoaded({ state: 'ok', charts });
        })
        .catch((caught: unknown) => {
          if (live)
            setLoaded({
              state: 'error',
              message:
                caught instanceof ApiError ? caught.message : 'Lanthorn could not be reached',
            });
        });
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [cluster, filter]);

  const choose = (chart: CatalogChart) => {
    setChosen({ chart, readme: null, values: null });
    const latest = chart.versions[0]?.version ?? '';
    chartDetails(cluster, `${chart.repository}/${chart.name}`, latest)
      .then(({ readme, values }) => {
        setChosen({ chart, readme, values });
      })
      .catch((caught: unknown) => {
        setChosen({
          chart,
          readme: '',
          values: '',
          error: caught instanceof ApiError ? caught.message : 'the chart could not be read',
        });
      });
  };

  return (
    <section aria-label="Catalog">
      <p>
        <AppLink href={appsUrl(cluster)} navigate={navigate}>
          Apps
        </AppLink>
      </p>
      <h1>Catalog</h1>
      <label>
        Search charts{' '}
        <input
          type="search"
          value={filter}
          onChange={(event) => {
            setFilter(event.target.value);
          }}
        />
      </label>
      {loaded.state === 'loading' && <p>Loading…</p>}
      {loaded.state === 'error' && (
        <p role="alert" className="error">
          {loaded.message}
        </p>
      )}
      {loaded.state === 'ok' && loaded.charts.length === 0 && (
        <p>
          No charts
          {filter === '' ? ': the server has no chart repositories configured.' : ' match.'}
        </p>
      )}
      {loaded.state === 'ok' && (
        <ul className="helm-cards" aria-label="Charts">
          {loaded.charts.map((chart) => (
            <li key={`${chart.repository}/${chart.name}`} className="helm-card">
              {chart.icon && <img src={chart.icon} alt="" />}
              <h2>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    choose(chart);
                  }}
                >
                  {chart.name}
                </button>
              </h2>
              <p className="muted">
                {chart.repository} · {chart.versions[0]?.version ?? ''}
              </p>
              <p>{chart.description}</p>
            </li>
          ))}
        </ul>
      )}
      <ActionOutcome state={action} />
      {installed !== null && action.phase === 'success' && (
        <p>
          <AppLink
            href={releaseUrl(cluster, installed.namespace, installed.name)}
            navigate={navigate}
          >
            Open {installed.name}
          </AppLink>
        </p>
      )}
      {chosen !== null && (
        <Dialog
          title={`${chosen.chart.repository}/${chosen.chart.name}`}
          onClose={() => {
            setChosen(null);
            setInstalling(false);
          }}
        >
          {chosen.error !== undefined && (
            <p role="alert" className="error">
              {chosen.error}
            </p>
          )}
          {chosen.values === null && <p>Loading the chart…</p>}
          {chosen.values !== null && !installing && (
            <>
              <pre className="helm-pre" aria-label="README">
                {chosen.readme === '' ? 'This chart has no README.' : chosen.readme}
              </pre>
              <div className="helm-actions">
                {mayInstall && (
                  <button
                    type="button"
                    onClick={() => {
                      setInstalling(true);
                    }}
                  >
                    Install…
                  </button>
                )}
                <button
                  type="button"
                  onClick={() => {
                    setChosen(null);
                  }}
                >
                  Close
                </button>
              </div>
            </>
          )}
          {chosen.values !== null && installing && (
            <ChartForm
              mode="install"
              busy={action.phase === 'running'}
              charts={[chosen.chart]}
              initial={{
                chart: `${chosen.chart.repository}/${chosen.chart.name}`,
                version: chosen.chart.versions[0]?.version ?? '',
                values: chosen.values,
                name: '',
                namespace: target,
                createNamespace: false,
              }}
              onCancel={() => {
                setInstalling(false);
              }}
              onSubmit={(value) => {
                setChosen(null);
                setInstalling(false);
                setInstalled({ namespace: value.namespace, name: value.name });
                void run('install', value.namespace, value.name, () =>
                  startInstall(cluster, {
                    name: value.name,
                    namespace: value.namespace,
                    chart: value.chart,
                    values: value.values,
                    createNamespace: value.createNamespace,
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
