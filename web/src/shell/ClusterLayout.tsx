import { PanelLeftClose, PanelLeftOpen } from 'lucide-react';
import { useEffect, useId } from 'react';
import type { ReactNode } from 'react';
import { Breadcrumbs } from '@/shell/Breadcrumbs';
import { Sidebar } from '@/shell/Sidebar';
import { useSidebar } from '@/shell/sidebarState';
import type { ViewNamespaces } from '@/nav/viewNamespaces';
import type { Route } from '@/routes';
import { Button } from '@/ui/Button';
import '@/shell/layout.css';

/**
 * A cluster's pages: the resource sidebar beside the page (or, on a narrow window, over it),
 * collapsible, the breadcrumbs above the page.
 */
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
  const sidebar = useSidebar();
  const sidebarId = useId();
  const { narrow, shown, closeOverlay } = sidebar;

  // Over the page, the sidebar closes on Escape.
  useEffect(() => {
    if (!narrow || !shown) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') closeOverlay();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, [narrow, shown, closeOverlay]);

  const mode = narrow ? 'sidebar-narrow' : 'sidebar-wide';
  return (
    <div className={`cluster-layout ${mode} ${shown ? 'sidebar-shown' : 'sidebar-hidden'}`}>
      <div
        id={sidebarId}
        className="sidebar-slot"
        hidden={!shown}
        onClick={(event) => {
          // Following a link closes the sidebar that lies over the page.
          if (narrow && event.target instanceof Element && event.target.closest('a') !== null) {
            closeOverlay();
          }
        }}
      >
        <Sidebar
          cluster={cluster}
          current={current}
          onOverview={route.page === 'cluster'}
          onEvents={route.page === 'events'}
          onMap={route.page === 'map'}
          namespacesInView={view.inView}
          linkNamespaces={view.forLinks}
        />
      </div>
      {narrow && shown && (
        <div className="sidebar-scrim" aria-hidden="true" onClick={closeOverlay} />
      )}
      <div className="cluster-content">
        <div className="cluster-content-top">
          <Button
            variant="ghost"
            size="sm"
            icon={shown ? PanelLeftClose : PanelLeftOpen}
            className="sidebar-toggle"
            aria-expanded={shown}
            aria-controls={sidebarId}
            onClick={sidebar.toggle}
          >
            {shown ? 'Collapse sidebar' : 'Expand sidebar'}
          </Button>
          <Breadcrumbs route={route} linkNamespaces={view.forLinks} />
        </div>
        {children}
      </div>
    </div>
  );
}
