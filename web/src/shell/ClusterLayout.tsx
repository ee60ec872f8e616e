import type { ReactNode } from 'react';
import { Breadcrumbs } from '@/shell/Breadcrumbs';
import { Sidebar } from '@/shell/Sidebar';
import type { ViewNamespaces } from '@/nav/viewNamespaces';
import type { Route } from '@/routes';

/** A cluster's pages: the resource sidebar beside the page, the breadcrumbs above it. */
export function ClusterLayout({
  cluster,
  route,
  view,
  children,
}: {
  cluster: string;
  route: Route;
  view: ViewNamespaces;
  children: ReactNode;
}) {
  const current = route.page === 'list' || route.page === 'details' ? route.kind : undefined;
  return (
    <div className="cluster-layout">
      <Sidebar
        cluster={cluster}
        current={current}
        onOverview={route.page === 'cluster'}
        onEvents={route.page === 'events'}
        namespacesInView={view.inView}
        linkNamespaces={view.forLinks}
      />
      <div className="cluster-content">
        <Breadcrumbs route={route} linkNamespaces={view.forLinks} />
        {children}
      </div>
    </div>
  );
}
