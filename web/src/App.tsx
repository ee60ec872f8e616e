import { useCallback, useEffect, useRef, useState } from 'react';
import type { MouseEvent } from 'react';
import { withBase, withoutBase } from '@/api/base';
import { fetchConfig } from '@/api/clusters';
import type { ServerConfig } from '@/api/clusters';
import { ApiError } from '@/api/http';
import { forgetAccess, onUnauthorized } from '@/api/kube';
import { forgetMetricsAvailability } from '@/metrics/usage';
import { ClusterList } from '@/home/ClusterList';
import { ClusterHeader } from '@/nav/ClusterHeader';
import { ClusterPage } from '@/nav/ClusterPage';
import { forgetDiscovery } from '@/nav/discovery';
import { forgetListableKinds } from '@/nav/listableKinds';
import { forgetNamespaceFacts } from '@/nav/namespaces';
import { bumpUserEpoch } from '@/nav/userEpoch';
import { isPlainClick, Link, NavigationProvider } from '@/nav/navigation';
import type { Navigate } from '@/nav/navigation';
import { isTyping, ShortcutsHelp } from '@/nav/ShortcutsHelp';
import { parseRoute, routeCluster, signInUrl } from '@/routes';
import { SignInPage } from '@/signin/SignInPage';

interface Place {
  pathname: string;
  search: string;
}

/** The current location as an app path (without `--base-url`). */
const here = (): Place => ({
  pathname: withoutBase(window.location.pathname),
  search: window.location.search,
});

/** Splits an app URL (`/path?query#hash`) into path and query. */
function placeOf(to: string): Place {
  const withoutHash = to.split('#')[0] ?? '';
  const index = withoutHash.indexOf('?');
  return index < 0
    ? { pathname: withoutHash, search: '' }
    : { pathname: withoutHash.slice(0, index), search: withoutHash.slice(index) };
}

/** Forgets what the cluster said about the user, after signing in or out. */
function forgetUserCaches(): void {
  forgetAccess();
  forgetDiscovery();
  forgetListableKinds();
  forgetNamespaceFacts();
  forgetMetricsAvailability();
  bumpUserEpoch();
}

/** The application shell: the header every page shares and the current page. */
export function App() {
  const [place, setPlace] = useState<Place>(here);
  const [config, setConfig] = useState<ServerConfig | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [help, setHelp] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);

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

  const navigate: Navigate = useCallback((to, options) => {
    if (options?.replace === true) {
      window.history.replaceState(null, '', withBase(to));
    } else {
      window.history.pushState(null, '', withBase(to));
    }
    setPlace(placeOf(to));
  }, []);

  useEffect(() => {
    load();
    const onPop = () => {
      setPlace(here());
    };
    window.addEventListener('popstate', onPop);
    return () => {
      window.removeEventListener('popstate', onPop);
    };
  }, [load]);

  // A cluster answering 401: the sign-in ended. Sign in again, then come back here.
  useEffect(
    () =>
      onUnauthorized((cluster) => {
        const current = here();
        const route = parseRoute(current.pathname, current.search);
        if (route.page === 'sign-in' || route.page === 'home') return;
        if (routeCluster(route) !== cluster) return;
        navigate(signInUrl(cluster, `${current.pathname}${current.search}`));
        load();
      }),
    [navigate, load],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (event.key === '/' && searchRef.current !== null) {
        event.preventDefault();
        searchRef.current.focus();
      } else if (event.key === '?') {
        event.preventDefault();
        setHelp(true);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
    };
  }, []);

  // Links rendered by any page (plain <a href="/c/…">) navigate in place on a plain click.
  const onShellClick = (event: MouseEvent<HTMLDivElement>) => {
    if (event.defaultPrevented || !isPlainClick(event)) return;
    const anchor = (event.target as Element).closest('a');
    if (anchor === null || anchor.target !== '' || anchor.hasAttribute('download')) return;
    const raw = anchor.getAttribute('href');
    if (raw === null || !raw.startsWith('/') || raw.startsWith('//')) return;
    const href = withoutBase(raw);
    const target = placeOf(href);
    if (parseRoute(target.pathname, target.search).page === 'not-found') return;
    event.preventDefault();
    navigate(href);
  };

  const changed = () => {
    forgetUserCaches();
    load();
  };

  const route = parseRoute(place.pathname, place.search);
  const clusterName = routeCluster(route);
  const cluster =
    clusterName === undefined ? undefined : config?.clusters.find((c) => c.name === clusterName);

  let content;
  if (error !== null) {
    content = (
      <p role="alert" className="error">
        {error}
      </p>
    );
  } else if (config === null) {
    content = <p>Loading…</p>;
  } else if (route.page === 'not-found') {
    content = (
      <p role="alert">
        There is no such page. <Link href="/">See the clusters</Link>.
      </p>
    );
  } else if (route.page === 'home') {
    content = (
      <ClusterList
        clusters={config.clusters}
        clusterErrors={config.clusterErrors}
        onSignIn={(name) => {
          navigate(signInUrl(name));
        }}
      />
    );
  } else if (cluster === undefined) {
    content = <p role="alert">There is no cluster named {route.cluster}.</p>;
  } else if (route.page === 'sign-in') {
    content = (
      <SignInPage
        cluster={cluster}
        returnTo={route.returnTo ?? place.pathname}
        {...(route.returnTo === undefined ? {} : { next: route.returnTo })}
        navigate={navigate}
        onChanged={changed}
        navigateAway={(url) => {
          window.location.assign(url);
        }}
      />
    );
  } else {
    content = <ClusterPage route={route} navigate={navigate} />;
  }

  return (
    <NavigationProvider navigate={navigate}>
      <div className="shell" onClick={onShellClick}>
        <header className="shell-header">
          <Link className="brand" href="/">
            Lanthorn
          </Link>
          {cluster !== undefined && (
            <ClusterHeader cluster={cluster} route={route} searchRef={searchRef} />
          )}
          <button
            type="button"
            className="help-button"
            aria-label="Keyboard shortcuts"
            onClick={() => {
              setHelp(true);
            }}
          >
            ?
          </button>
        </header>
        <main className="shell-main">{content}</main>
        {help && (
          <ShortcutsHelp
            onClose={() => {
              setHelp(false);
            }}
          />
        )}
      </div>
    </NavigationProvider>
  );
}
