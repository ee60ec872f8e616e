import { clusterFactKey, useAppQuery } from '@/api/query';
import { resolveKind } from '@/nav/discovery';
import { kindPlural } from '@/nav/labels';
import { Link } from '@/nav/navigation';
import type { Route } from '@/routes';
import { breadcrumbs, routeKind } from '@/shell/breadcrumbs';

/** The trail above every cluster page: cluster › kind › namespace › name. */
export function Breadcrumbs({
  route,
  linkNamespaces,
}: {
  route: Route;
  linkNamespaces: string[] | undefined;
}) {
  const kind = routeKind(route);
  const cluster = 'cluster' in route ? route.cluster : '';
  // The same question (and cached answer) as the page's own KindResolver.
  const resolved = useAppQuery({
    queryKey: clusterFactKey(cluster, 'kind', kind?.group, kind?.version, kind?.resource),
    queryFn: async () => (kind === undefined ? null : ((await resolveKind(cluster, kind)) ?? null)),
    enabled: kind !== undefined && cluster !== '',
  });
  const trail = breadcrumbs(route, {
    kindLabel: resolved.data == null ? undefined : kindPlural(resolved.data),
    linkNamespaces,
  });
  if (trail.length === 0) return null;
  return (
    <nav aria-label="Breadcrumb" className="breadcrumbs">
      <ol>
        {trail.map((crumb, index) => (
          <li key={`${String(index)}-${crumb.label}`}>
            {crumb.href === undefined ? (
              <span aria-current="page">{crumb.label}</span>
            ) : (
              <Link href={crumb.href}>{crumb.label}</Link>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
