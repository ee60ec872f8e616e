import { useCallback, useEffect, useState } from 'react';
import { fetchConfig } from '@/api/clusters';
import type { ServerConfig } from '@/api/clusters';
import { ApiError } from '@/api/http';
import { ClusterList } from '@/home/ClusterList';
import { SignInPage } from '@/signin/SignInPage';

/** Which page a path shows: `/` the cluster list, `/c/NAME/sign-in` a sign-in page. */
export function pageFor(path: string): { page: 'home' } | { page: 'sign-in'; cluster: string } {
  const match = /^\/c\/([^/]+)\/sign-in\/?$/.exec(path);
  if (match?.[1] !== undefined) {
    return { page: 'sign-in', cluster: decodeURIComponent(match[1]) };
  }
  return { page: 'home' };
}

/** The application shell: the header every page shares and the current page. */
export function App() {
  const [path, setPath] = useState(() => window.location.pathname);
  const [config, setConfig] = useState<ServerConfig | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    fetchConfig()
      .then((loaded) => {
        setConfig(loaded);
        setError(null);
      })
      .catch((caught: unknown) => {
        setError(caught instanceof ApiError ? caught.message : 'the server could not be reached');
      });
  }, []);

  useEffect(() => {
    load();
    const onPop = () => {
      setPath(window.location.pathname);
    };
    window.addEventListener('popstate', onPop);
    return () => {
      window.removeEventListener('popstate', onPop);
    };
  }, [load]);

  const go = (to: string) => {
    window.history.pushState(null, '', to);
    setPath(to);
  };

  const route = pageFor(path);
  let content;
  if (error !== null) {
    content = (
      <p role="alert" className="error">
        {error}
      </p>
    );
  } else if (config === null) {
    content = <p>Loading…</p>;
  } else if (route.page === 'sign-in') {
    const cluster = config.clusters.find((c) => c.name === route.cluster);
    content =
      cluster === undefined ? (
        <p role="alert">There is no cluster named {route.cluster}.</p>
      ) : (
        <SignInPage
          cluster={cluster}
          returnTo={path}
          onChanged={load}
          navigateAway={(url) => {
            window.location.assign(url);
          }}
        />
      );
  } else {
    content = (
      <ClusterList
        clusters={config.clusters}
        clusterErrors={config.clusterErrors}
        onSignIn={(name) => {
          go(`/c/${encodeURIComponent(name)}/sign-in`);
        }}
      />
    );
  }

  return (
    <div className="shell">
      <header className="shell-header">
        <a
          className="brand"
          href="/"
          onClick={(event) => {
            event.preventDefault();
            go('/');
          }}
        >
          Lanthorn
        </a>
      </header>
      <main className="shell-main">{content}</main>
    </div>
  );
}
