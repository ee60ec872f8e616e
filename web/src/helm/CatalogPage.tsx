import { useCallback, useEffect, useState } from 'react';
import { keepPreviousData } from '@tanstack/react-query';
import { ApiError } from '@/api/http';
import { useAppQuery } from '@/api/query';
import { AppLink } from '@/details/AppLink';
import { Dialog } from '@/ui/Dialog';
import { useCan } from '@/api/access';
import { ActionOutcome } from '@/helm/ActionOutcome';
import { ChartForm } from '@/helm/ChartForm';
import { helmQueries, startInstall } from '@/helm/api';
import type { CatalogChart } from '@/helm/api';
import { useHelmAction } from '@/helm/useHelmAction';
import { appsUrl, releaseUrl } from '@/helm/urls';
import { ErrorText } from '@/ui/ErrorText';
import { ActionsRow } from '@/ui/ActionsRow';
import { Button } from '@/ui/Button';
import { Input } from '@/ui/Input';
import '@/helm/helm.css';

/** The filter as typed, once typing has paused for `ms`. */
function useSettled(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => {
      setSettled(value);
    }, ms);
    return () => {
      clearTimeout(timer);
    };
  }, [value, ms]);
  return settled;
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
  const searched = useSettled(filter, 200);
  // The charts of the last search stay while the next is read.
  const loaded = useAppQuery({
    ...helmQueries.catalog(cluster, searched),
    placeholderData: keepPreviousData,
  });
  const [chart, setChart] = useState<CatalogChart | null>(null);
  const details = useAppQuery({
    ...helmQueries.chart(
      cluster,
      chart === null ? '' : `${chart.repository}/${chart.name}`,
      chart?.versions[0]?.version ?? '',
    ),
    enabled: chart !== null,
  });
  const chosen =
    chart === null
      ? null
      : details.isSuccess
        ? { chart, readme: details.data.readme, values: details.data.values }
        : details.isError
          ? {
              chart,
              readme: '',
              values: '',
              error:
                details.error instanceof ApiError
                  ? details.error.message
                  : 'the chart could not be read',
            }
          : { chart, readme: null, values: null };
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

  const choose = (picked: CatalogChart) => {
    setChart(picked);
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
        <Input
          type="search"
          value={filter}
          onChange={(event) => {
            setFilter(event.target.value);
          }}
        />
      </label>
      {loaded.isPending && <p>Loading…</p>}
      <ErrorText>
        {loaded.isError &&
          (loaded.error instanceof ApiError
            ? loaded.error.message
            : 'Lanthorn could not be reached')}
      </ErrorText>
      {loaded.isSuccess && loaded.data.length === 0 && (
        <p>
          No charts
          {filter === '' ? ': the server has no chart repositories configured.' : ' match.'}
        </p>
      )}
      {loaded.isSuccess && (
        <ul className="helm-cards" aria-label="Charts">
          {loaded.data.map((chart) => (
            <li key={`${chart.repository}/${chart.name}`} className="helm-card">
              {chart.icon && <img src={chart.icon} alt="" />}
              <h2>
                <Button
                  variant="ghost"
                  className="link-button"
                  onClick={() => {
                    choose(chart);
                  }}
                >
                  {chart.name}
                </Button>
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
            setChart(null);
            setInstalling(false);
          }}
        >
          <ErrorText>{chosen.error}</ErrorText>
          {chosen.values === null && <p>Loading the chart…</p>}
          {chosen.values !== null && !installing && (
            <>
              <pre className="helm-pre" aria-label="README">
                {chosen.readme === '' ? 'This chart has no README.' : chosen.readme}
              </pre>
              <ActionsRow place="helm">
                {mayInstall && (
                  <Button
                    onClick={() => {
                      setInstalling(true);
                    }}
                  >
                    Install…
                  </Button>
                )}
                <Button
                  onClick={() => {
                    setChart(null);
                  }}
                >
                  Close
                </Button>
              </ActionsRow>
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
                setChart(null);
                setInstalling(false);
                setInstalled({ namespace: value.namespace, name: value.name });
                run('install', value.namespace, value.name, () =>
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
