import { useEffect, useState } from 'react';
import { ApiError, errorStatus } from '@/api/http';
import { useAppQuery } from '@/api/query';
import { AppLink } from '@/details/AppLink';
import { helmQueries } from '@/helm/api';
import { ErrorText } from '@/ui/ErrorText';
import { statusTone } from '@/helm/release';
import { catalogUrl, releaseUrl } from '@/helm/urls';
import { Button } from '@/ui/Button';
import { Input } from '@/ui/Input';
import '@/helm/helm.css';

/** Apps → Installed: Helm releases the signed-in user may read. */
export function ReleasesPage({
  cluster,
  namespace,
  hints,
  navigate,
}: {
  cluster: string;
  /** Namespaces to try when the user may not list namespaces. */
  hints: string[];
  /** Only this namespace; every readable namespace when absent. */
  namespace: string | undefined;
  navigate: (to: string) => void;
}) {
  const [typed, setTyped] = useState(namespace ?? '');
  const loaded = useAppQuery(helmQueries.releases(cluster, namespace, hints));
  const status = loaded.isError ? errorStatus(loaded.error) : undefined;
  useEffect(() => {
    if (status === 401) {
      navigate(
        `/c/${encodeURIComponent(cluster)}/sign-in?return=${encodeURIComponent(window.location.pathname)}`,
      );
    }
  }, [status, cluster, navigate]);

  const link = (to: string, text: string) => (
    <AppLink href={to} navigate={navigate}>
      {text}
    </AppLink>
  );

  return (
    <section aria-label="Installed apps">
      <h1>Apps</h1>
      <p>Installed Helm releases · {link(catalogUrl(cluster), 'Catalog')}</p>
      <form
        className="helm-actions"
        onSubmit={(event) => {
          event.preventDefault();
          const ns = typed.trim();
          const base = `/c/${encodeURIComponent(cluster)}/apps`;
          navigate(ns === '' ? base : `${base}?ns=${encodeURIComponent(ns)}`);
        }}
      >
        <label>
          Namespace{' '}
          <Input
            value={typed}
            placeholder="all namespaces"
            onChange={(event) => {
              setTyped(event.target.value);
            }}
          />
        </label>
        <Button type="submit">Show</Button>
      </form>
      {(loaded.isPending || status === 401) && <p>Loading…</p>}
      {loaded.isError && status !== 401 && (
        <ErrorText>
          {status === 403
            ? `You may not read Helm releases ${namespace === undefined ? 'in every namespace; choose a namespace' : `in ${namespace}`}. `
            : ''}
          {loaded.error instanceof ApiError && loaded.error.status !== 0
            ? loaded.error.message
            : 'Lanthorn could not be reached'}
        </ErrorText>
      )}
      {loaded.isSuccess && loaded.data.errors.length > 0 && (
        <div role="alert" className="error">
          <p>Some stored releases could not be read:</p>
          <ul>
            {loaded.data.errors.map((e) => (
              <li key={`${e.namespace}/${e.record}`}>
                {e.namespace}/{e.release || e.record}: {e.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {loaded.isSuccess && loaded.data.releases.length === 0 && <p>No releases.</p>}
      {loaded.isSuccess && loaded.data.releases.length > 0 && (
        <table className="helm-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Namespace</th>
              <th scope="col">Status</th>
              <th scope="col">Chart</th>
              <th scope="col">App version</th>
              <th scope="col">Revision</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {loaded.data.releases.map((release) => (
              <tr key={`${release.namespace}/${release.name}`}>
                <td>{link(releaseUrl(cluster, release.namespace, release.name), release.name)}</td>
                <td>{release.namespace}</td>
                <td>
                  <span className={`helm-status helm-status-${statusTone(release.info.status)}`}>
                    {release.info.status}
                  </span>
                </td>
                <td>
                  {release.chart.metadata.name}-{release.chart.metadata.version}
                </td>
                <td>{release.chart.metadata.appVersion ?? ''}</td>
                <td>{release.version}</td>
                <td>{formatTime(release.info.last_deployed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function formatTime(iso: string | undefined): string {
  if (iso === undefined || iso === '') return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}
