import { lazy, Suspense } from 'react';
import { CreatePage } from '@/create/CreatePage';
import { DetailsPage } from '@/details/DetailsPage';
import { ListPage } from '@/list/ListPage';
import { LogsPage } from '@/logs/LogsPage';
import { ClusterLayout } from '@/shell/ClusterLayout';
import { KindResolver } from '@/shell/KindResolver';
import type { Navigate } from '@/nav/navigation';
import { useViewNamespaces } from '@/nav/viewNamespaces';
import { CatalogPage } from '@/helm/CatalogPage';
import { ReleasePage } from '@/helm/ReleasePage';
import { ReleasesPage } from '@/helm/ReleasesPage';
import { EventsPage } from '@/events/EventsPage';
import { Overview } from '@/overview/Overview';
import { PortForwardsPage } from '@/portforward/PortForwardsPage';
import { clusterPageUrl, eventsUrl, mapUrl } from '@/routes';
import type { Route } from '@/routes';
import { TerminalPage } from '@/terminal/TerminalPage';

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

/** A page inside a cluster (overview, lists, details, create, Helm apps), with the sidebar. */
export function ClusterPage({ route, navigate }: { route: ClusterRoute; navigate: Navigate }) {
  const { cluster } = route;
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
              navigate(clusterPageUrl(cluster, ns), { replace: true });
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
      content = (
        <LogsPage
          key={`${route.namespace}/${route.resource}/${route.name}`}
          cluster={cluster}
          namespace={route.namespace}
          resource={route.resource}
          name={route.name}
          query={route.query}
        />
      );
      break;
    case 'terminal':
      content = (
        <TerminalPage
          key={`${route.namespace}/${route.pod}/${route.attach ? 'attach' : 'exec'}`}
          cluster={cluster}
          namespace={route.namespace}
          pod={route.pod}
          container={route.container}
          attach={route.attach}
        />
      );
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
            navigate(eventsUrl(cluster, ns), { replace: true });
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
