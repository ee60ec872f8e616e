import { lazy, Suspense, useEffect } from 'react';
import { CreatePage } from '@/create/CreatePage';
import { DetailsPage } from '@/details/DetailsPage';
import { ListPage } from '@/list/ListPage';
import { ClusterLayout } from '@/shell/ClusterLayout';
import { KindResolver } from '@/shell/KindResolver';
import type { Navigate } from '@/nav/navigation';
import {
  namespaceParam,
  useDefaultNamespaces,
  withDefaultNamespaces,
} from '@/nav/namespaceDefaults';
import { useViewNamespaces } from '@/nav/viewNamespaces';
import { CatalogPage } from '@/helm/CatalogPage';
import { ReleasePage } from '@/helm/ReleasePage';
import { ReleasesPage } from '@/helm/ReleasesPage';
import { EventsPage } from '@/events/EventsPage';
import { Overview } from '@/overview/Overview';
import { PortForwardsPage } from '@/portforward/PortForwardsPage';
import { clusterPageUrl, eventsUrl, mapUrl, movedPageUrl } from '@/routes';
import type { Route } from '@/routes';

// The map (and @xyflow/react, dagre) loads when first opened, not with the first page.
const MapPage = lazy(() => import('@/map/MapPage'));

type ClusterRoute = Extract<
  Route,
  {
    page:
      | 'cluster'
      | 'list'
      | 'details'
      | 'create'
      | 'apps'
      | 'release'
      | 'catalog'
      | 'logs'
      | 'terminal'
      | 'portforwards'
      | 'events'
      | 'map';
  }
>;

/** An old address: sent on to where its page is now, in place of the history entry. */
function MovedPage({ to, navigate }: { to: string; navigate: Navigate }) {
  useEffect(() => {
    navigate(to, { replace: true });
  }, [to, navigate]);
  return <p>Loading…</p>;
}

/** A page inside a cluster (overview, lists, details, create, Helm apps), with the sidebar. */
export function ClusterPage({
  route: asked,
  navigate,
}: {
  route: ClusterRoute;
  navigate: Navigate;
}) {
  const { cluster } = asked;
  // A list or the overview whose address names no namespace opens on the user's defaults.
  const defaults = useDefaultNamespaces(cluster);
  const route = withDefaultNamespaces(asked, defaults) as ClusterRoute;
  const view = useViewNamespaces(cluster, route);
  const go = (to: string) => {
    navigate(to);
  };
  let content;
  switch (route.page) {
    case 'cluster':
      content = (
        <>
          <h1>{cluster}</h1>
          <Overview
            cluster={cluster}
            namespace={route.namespace}
            onNamespace={(ns) => {
              navigate(clusterPageUrl(cluster, namespaceParam(ns, defaults)), { replace: true });
            }}
          />
        </>
      );
      break;
    case 'list': {
      const { kind } = route;
      content = (
        <KindResolver cluster={cluster} kindRef={kind}>
          {(resolved) => (
            <ListPage
              key={`${kind.group}/${kind.version}/${kind.resource}`}
              cluster={cluster}
              kind={resolved}
              query={route.query}
            />
          )}
        </KindResolver>
      );
      break;
    }
    case 'details':
      content = (
        <KindResolver cluster={cluster} kindRef={route.kind}>
          {(resolved) => (
            <DetailsPage
              key={`${route.namespace ?? ''}/${route.name}`}
              cluster={cluster}
              kind={resolved}
              namespace={route.namespace}
              name={route.name}
              edit={route.edit === true}
              {...(route.tab === undefined ? {} : { tab: route.tab })}
              logs={route.logs}
              terminal={route.terminal}
              navigate={navigate}
            />
          )}
        </KindResolver>
      );
      break;
    case 'create':
      content = (
        <CreatePage
          cluster={cluster}
          namespace={route.namespace}
          template={route.template}
          navigate={go}
        />
      );
      break;
    case 'apps':
      content = (
        <ReleasesPage
          key={route.namespace ?? ''}
          cluster={cluster}
          namespace={route.namespace}
          hints={view.forLinks ?? []}
          navigate={go}
        />
      );
      break;
    case 'release':
      content = (
        <ReleasePage
          key={`${route.namespace}/${route.name}`}
          cluster={cluster}
          namespace={route.namespace}
          name={route.name}
          navigate={go}
        />
      );
      break;
    case 'logs':
    case 'terminal':
      // The old logs and terminal pages are tabs of the object's page now.
      content = <MovedPage to={movedPageUrl(route)} navigate={navigate} />;
      break;
    case 'portforwards':
      content = <PortForwardsPage cluster={cluster} />;
      break;
    case 'events':
      content = (
        <EventsPage
          cluster={cluster}
          namespace={route.namespace}
          onNamespace={(ns) => {
            navigate(eventsUrl(cluster, namespaceParam(ns, defaults)), { replace: true });
          }}
        />
      );
      break;
    case 'map':
      content = (
        <Suspense fallback={<p className="muted">Loading the map…</p>}>
          <MapPage
            cluster={cluster}
            namespace={route.namespace}
            onNamespace={(ns) => {
              navigate(mapUrl(cluster, ns), { replace: true });
            }}
          />
        </Suspense>
      );
      break;
    case 'catalog':
      content = (
        <CatalogPage
          cluster={cluster}
          namespace={route.namespace ?? view.forLinks?.[0]}
          navigate={go}
        />
      );
      break;
  }
  return (
    <ClusterLayout cluster={cluster} route={route} view={view}>
      {content}
    </ClusterLayout>
  );
}
