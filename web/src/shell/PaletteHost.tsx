import { lazy, Suspense } from 'react';
import type { Navigate } from '@/nav/navigation';
import { useViewNamespaces } from '@/nav/viewNamespaces';
import type { Route } from '@/routes';
import { routeKind } from '@/shell/breadcrumbs';

// Loaded when first opened, so the first page's scripts stay small.
const CommandPalette = lazy(() => import('@/palette/CommandPalette'));

/** The command palette for the cluster on screen. */
export function PaletteHost({
  cluster,
  route,
  navigate,
  onClose,
}: {
  cluster: string;
  route: Route;
  navigate: Navigate;
  onClose: () => void;
}) {
  const view = useViewNamespaces(cluster, route);
  return (
    <Suspense fallback={null}>
      <CommandPalette
        cluster={cluster}
        namespacesInView={view.inView}
        linkNamespaces={view.forLinks}
        current={routeKind(route)}
        navigate={navigate}
        onClose={onClose}
      />
    </Suspense>
  );
}
