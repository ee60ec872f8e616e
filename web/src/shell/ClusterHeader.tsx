import type { RefObject } from 'react';
import type { Cluster } from '@/api/clusters';
import { GlobalSearch } from '@/shell/GlobalSearch';
import { Link } from '@/nav/navigation';
import { useViewNamespaces } from '@/nav/viewNamespaces';
import { PortForwardsLink } from '@/portforward/PortForwardsLink';
import { clusterPageUrl, signInUrl } from '@/routes';
import type { Route } from '@/routes';

/** The header's part on a cluster's pages: its name, the search, who is signed in. */
export function ClusterHeader({
  cluster,
  route,
  searchRef,
}: {
  cluster: Cluster;
  route: Route;
  searchRef: RefObject<HTMLInputElement | null>;
}) {
  const view = useViewNamespaces(cluster.name, route);
  const signedIn = cluster.signedInAs;
  return (
    <>
      <Link className="header-cluster" href={clusterPageUrl(cluster.name)}>
        {cluster.name}
      </Link>
      {route.page !== 'sign-in' && (
        <GlobalSearch
          cluster={cluster.name}
          namespacesInView={view.inView}
          searchNamespaces={view.forLinks}
          inputRef={searchRef}
        />
      )}
      {route.page !== 'sign-in' && cluster.signedInAs !== null && (
        <PortForwardsLink cluster={cluster.name} />
      )}
      {route.page !== 'sign-in' && (
        <Link
          className="header-account"
          href={signInUrl(cluster.name)}
          title={signedIn === null ? undefined : `Signed in as ${signedIn.username}`}
        >
          {signedIn === null ? 'Sign in' : 'Account'}
        </Link>
      )}
    </>
  );
}
