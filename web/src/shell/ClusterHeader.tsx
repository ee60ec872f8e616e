import type { RefObject } from 'react';
import type { Cluster } from '@/api/clusters';
import { AccountMenu } from '@/shell/AccountMenu';
import { ClusterSwitcher } from '@/shell/ClusterSwitcher';
import { GlobalSearch } from '@/shell/GlobalSearch';
import { Link } from '@/nav/navigation';
import { useViewNamespaces } from '@/nav/viewNamespaces';
import { PortForwardsLink } from '@/portforward/PortForwardsLink';
import { clusterPageUrl } from '@/routes';
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
  onSignedOut,
}: {
  cluster: Cluster;
  clusters: Cluster[];
  route: Route;
  searchRef: RefObject<HTMLInputElement | null>;
  onOpenPalette: () => void;
  onSignedOut: () => void;
}) {
  const view = useViewNamespaces(cluster.name, route);
  const signingIn = route.page === 'sign-in';
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
      {!signingIn && (
        <GlobalSearch
          cluster={cluster.name}
          namespacesInView={view.inView}
          searchNamespaces={view.forLinks}
          inputRef={searchRef}
        />
      )}
      {!signingIn && (
        <button
          type="button"
          className="palette-button"
          aria-keyshortcuts="Control+K Meta+K"
          onClick={onOpenPalette}
        >
          Go to… <kbd>Ctrl K</kbd>
        </button>
      )}
      {!signingIn && cluster.signedInAs !== null && <PortForwardsLink cluster={cluster.name} />}
      {!signingIn && <AccountMenu cluster={cluster} onSignedOut={onSignedOut} />}
    </>
  );
}
