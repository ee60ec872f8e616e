import { Keyboard, Settings } from 'lucide-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MouseEvent } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { withBase, withoutBase } from '@/api/base';
import { configQuery } from '@/api/clusters';
import { errorMessage } from '@/api/http';
import { onUnauthorized } from '@/api/kube';
import { queryClient, useAppQuery, userChanged } from '@/api/query';
import { ClusterList } from '@/home/ClusterList';
import { isPlainClick, Link, NavigationProvider } from '@/nav/navigation';
import type { Navigate } from '@/nav/navigation';
import { parseRoute, routeCluster, SETTINGS_URL, signInUrl } from '@/routes';
import { SettingsPage } from '@/settings/SettingsPage';
import { ThemeSelect } from '@/settings/ThemeSelect';
import { ClusterHeader } from '@/shell/ClusterHeader';
import { ToastProvider } from '@/ui/Toasts';
import { ClusterPage } from '@/shell/ClusterPage';
import { PaletteHost } from '@/shell/PaletteHost';
import { SignInFirst } from '@/shell/SignInFirst';
import { isTyping, ShortcutsHelp } from '@/shell/ShortcutsHelp';
import { landingAfterSignIn } from '@/signin/landing';
import { SignInPage } from '@/signin/SignInPage';
import { PageErrorBoundary } from '@/ui/PageErrorBoundary';
import { ErrorText } from '@/ui/ErrorText';
import { IconButton } from '@/ui/Button';
import '@/shell/shell.css';

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

/** The application: the app's one QueryClient around the shell. */
export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <Shell />
    </QueryClientProvider>
  );
}

/** The application shell: the header every page shares and the current page. */
function Shell() {
  const [place, setPlace] = useState<Place>(here);
  const loaded = useAppQuery(configQuery);
  const config = loaded.data ?? null;
  const error = loaded.isError
    ? errorMessage(loaded.error, 'the server could not be reached')
    : null;
  const [help, setHelp] = useState(false);
  const [palette, setPalette] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);

  const navigate: Navigate = useCallback((to, options) => {
    if (options?.replace === true) {
      window.history.replaceState(null, '', withBase(to));
    } else {
      window.history.pushState(null, '', withBase(to));
    }
    setPlace(placeOf(to));
  }, []);

  useEffect(() => {
    const onPop = () => {
      setPlace(here());
    };
    window.addEventListener('popstate', onPop);
    return () => {
      window.removeEventListener('popstate', onPop);
    };
  }, []);

  // A cluster answering 401: the sign-in ended. Sign in again, then come back here.
  useEffect(
    () =>
      onUnauthorized((cluster) => {
        const current = here();
        const route = parseRoute(current.pathname, current.search);
        if (route.page === 'sign-in' || route.page === 'home') return;
        if (routeCluster(route) !== cluster) return;
        navigate(signInUrl(cluster, `${current.pathname}${current.search}`));
        // The session ended: what the cluster told it is forgotten, the clusters read again.
        void userChanged();
      }),
    [navigate],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // Ctrl/⌘-K opens (and closes) the command palette, even from a text field.
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        const current = here();
        if (routeCluster(parseRoute(current.pathname, current.search)) === undefined) return;
        event.preventDefault();
        setPalette((open) => !open);
        return;
      }
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

  // Signed in or out: forget what the clusters told the previous user, read the clusters again.
  const changed = () => userChanged();

  const route = parseRoute(place.pathname, place.search);
  const clusterName = routeCluster(route);
  const cluster =
    clusterName === undefined ? undefined : config?.clusters.find((c) => c.name === clusterName);

  let content;
  if (error !== null) {
    content = <ErrorText>{error}</ErrorText>;
  } else if (config === null) {
    content = <p>Loading…</p>;
  } else if (route.page === 'not-found') {
    content = (
      <p role="alert">
        There is no such page. <Link href="/">See the clusters</Link>.
      </p>
    );
  } else if (route.page === 'settings') {
    content = <SettingsPage />;
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
    // After signing in: back where the user was going, else the overview; never the form.
    const next = landingAfterSignIn(cluster.name, route.returnTo);
    content = (
      <SignInPage
        cluster={cluster}
        next={next}
        sentToSignIn={new URLSearchParams(place.search).has('return')}
        navigate={navigate}
        onChanged={changed}
        navigateAway={(url) => {
          window.location.assign(url);
        }}
      />
    );
  } else if (cluster.credential === 'none') {
    // Every request would be refused: sign in first (no page asks and logs a 401).
    content = (
      <SignInFirst
        cluster={cluster.name}
        returnTo={`${place.pathname}${place.search}`}
        navigate={navigate}
      />
    );
  } else {
    content = <ClusterPage route={route} navigate={navigate} />;
  }

  return (
    <NavigationProvider navigate={navigate}>
      <ToastProvider>
        <div className="shell" onClick={onShellClick}>
          <header className="shell-header">
            <Link className="brand" href="/">
              Lanthorn
            </Link>
            {cluster !== undefined && (
              <ClusterHeader
                cluster={cluster}
                clusters={config?.clusters ?? []}
                route={route}
                searchRef={searchRef}
                onOpenPalette={() => {
                  setPalette(true);
                }}
              />
            )}
            <ThemeSelect />
            <Link className="header-settings" href={SETTINGS_URL}>
              <Settings className="btn-icon" aria-hidden="true" />
              Settings
            </Link>
            <IconButton
              icon={Keyboard}
              className="help-button"
              label="Keyboard shortcuts"
              onClick={() => {
                setHelp(true);
              }}
            />
          </header>
          <main className="shell-main">
            <PageErrorBoundary page={place.pathname + place.search}>{content}</PageErrorBoundary>
          </main>
          {palette && cluster !== undefined && route.page !== 'sign-in' && (
            <PaletteHost
              cluster={cluster.name}
              route={route}
              navigate={navigate}
              onClose={() => {
                setPalette(false);
              }}
            />
          )}
          {help && (
            <ShortcutsHelp
              onClose={() => {
                setHelp(false);
              }}
            />
          )}
        </div>
      </ToastProvider>
    </NavigationProvider>
  );
}
