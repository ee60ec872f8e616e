import { Search } from 'lucide-react';
import type { RefObject } from 'react';
import type { Cluster } from '@/api/clusters';
import { AccountMenu } from '@/shell/AccountMenu';
import { ClusterSwitcher } from '@/shell/ClusterSwitcher';
import { GlobalSearch } from '@/shell/GlobalSearch';
import { Link } from '@/nav/navigation';
import { useViewNamespaces } from '@/nav/viewNamespaces';
import { NotificationBell } from '@/notify/NotificationBell';
import { PortForwardsLink } from '@/portforward/PortForwardsLink';
import { clusterPageUrl } from '@/routes';
import { Button } from '@/ui/Button';
import type { Route } from '@/routes';

/**
 * The header's part on a cluster's pages: its name (a link to the overview), the other
 * clusters, the search, the command palette and who is signed in.
 */
export function ClusterHeader({
  cluster,
  clusters,
  route,
  searchRef,
  onOpenPalette,
}: {
  cluster: Cluster;
  clusters: Cluster[];
  route: Route;
  searchRef: RefObject<HTMLInputElement | null>;
  onOpenPalette: () => void;
}) {
  // On the sign-in page, or with no credential for the cluster, nothing would be answered:
  // the tools that ask the cluster are not drawn (and ask nothing, so log no 401).
  const working = route.page !== 'sign-in' && cluster.credential !== 'none';
  return (
    <>
      <Link
        className="header-cluster"
        href={clusterPageUrl(cluster.name)}
        title={`${cluster.name}: overview`}
      >
        {cluster.name}
      </Link>
      <ClusterSwitcher clusters={clusters} current={cluster.name} />
      {working && (
        <ClusterTools
          cluster={cluster}
          route={route}
          searchRef={searchRef}
          onOpenPalette={onOpenPalette}
        />
      )}
    </>
  );
}

/** Search, the palette, port-forwards and the account: what asks the cluster. */
function ClusterTools({
  cluster,
  route,
  searchRef,
  onOpenPalette,
}: {
  cluster: Cluster;
  route: Route;
  searchRef: RefObject<HTMLInputElement | null>;
  onOpenPalette: () => void;
}) {
  const view = useViewNamespaces(cluster.name, route);
  return (
    <>
      <GlobalSearch
        cluster={cluster.name}
        namespacesInView={view.inView}
        searchNamespaces={view.forLinks}
        inputRef={searchRef}
      />
      <Button
        variant="ghost"
        icon={Search}
        className="palette-button"
        aria-keyshortcuts="Control+K Meta+K"
        onClick={onOpenPalette}
      >
        Go to… <kbd>Ctrl K</kbd>
      </Button>
      {cluster.signedInAs !== null && <PortForwardsLink cluster={cluster.name} />}
      {cluster.signedInAs !== null && (
        <NotificationBell key={cluster.name} cluster={cluster.name} />
      )}
      <AccountMenu cluster={cluster} />
    </>
  );
}
