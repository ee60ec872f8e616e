import type { KindRef, Route } from '@/routes';
import {
  appsUrl,
  catalogUrl,
  clusterPageUrl,
  detailsUrl,
  listUrl,
  LOG_KINDS,
  releaseUrl,
} from '@/routes';

/** One step of the trail; the last (the page itself) has no link. */
export interface Crumb {
  label: string;
  href?: string;
}

const PODS: KindRef = LOG_KINDS.pods;

/** The kind a page is about, if any (its label comes from discovery). */
export function routeKind(route: Route): KindRef | undefined {
  switch (route.page) {
    case 'list':
    case 'details':
      return route.kind;
    case 'logs':
      return LOG_KINDS[route.resource];
    case 'terminal':
      return PODS;
    default:
      return undefined;
  }
}

/** `Deployments` from `deployments` when discovery has not answered (yet). */
export function fallbackKindLabel(resource: string): string {
  return resource === '' ? resource : `${resource.charAt(0).toUpperCase()}${resource.slice(1)}`;
}

interface Options {
  /** The kind's plural for people; undefined: made from the resource name. */
  kindLabel?: string | undefined;
  /** Namespaces a namespace-bound user's kind links keep; undefined: all namespaces. */
  linkNamespaces?: string[] | undefined;
}

/**
 * The trail above a cluster page: cluster › kind › namespace › name (and what the page
 * shows of the object: logs, a terminal). Each step links to its page; the last is the page.
 */
export function breadcrumbs(route: Route, options: Options = {}): Crumb[] {
  if (!('cluster' in route)) return [];
  const { cluster } = route;
  const trail: Crumb[] = [{ label: cluster, href: clusterPageUrl(cluster) }];
  const kind = routeKind(route);
  const kindCrumb = (ref: KindRef): Crumb => ({
    label: options.kindLabel ?? fallbackKindLabel(ref.resource),
    href: listUrl(
      cluster,
      ref,
      options.linkNamespaces === undefined ? {} : { ns: options.linkNamespaces },
    ),
  });
  const namespaceCrumb = (ref: KindRef, namespace: string): Crumb => ({
    label: namespace,
    href: listUrl(cluster, ref, { ns: [namespace] }),
  });

  switch (route.page) {
    case 'cluster':
      break;
    case 'list': {
      const ns = route.query.ns;
      trail.push(kindCrumb(route.kind));
      if (ns !== undefined && ns.length > 0) trail.push({ label: ns.join(', ') });
      break;
    }
    case 'details':
      trail.push(kindCrumb(route.kind));
      if (route.namespace !== undefined) trail.push(namespaceCrumb(route.kind, route.namespace));
      trail.push({ label: route.name });
      break;
    case 'logs':
    case 'terminal': {
      const ref = kind ?? PODS;
      const name = route.page === 'logs' ? route.name : route.pod;
      trail.push(kindCrumb(ref), namespaceCrumb(ref, route.namespace), {
        label: name,
        href: detailsUrl(cluster, ref, route.namespace, name),
      });
      trail.push({
        label: route.page === 'logs' ? 'Logs' : route.attach ? 'Attach' : 'Terminal',
      });
      break;
    }
    case 'create':
      trail.push({ label: 'Create' });
      break;
    case 'apps':
      trail.push({ label: 'Apps (Helm)', href: appsUrl(cluster) });
      if (route.namespace !== undefined) trail.push({ label: route.namespace });
      break;
    case 'release':
      trail.push(
        { label: 'Apps (Helm)', href: appsUrl(cluster) },
        { label: route.namespace, href: appsUrl(cluster, route.namespace) },
        { label: route.name, href: releaseUrl(cluster, route.namespace, route.name) },
      );
      break;
    case 'catalog':
      trail.push(
        { label: 'Apps (Helm)', href: appsUrl(cluster) },
        { label: 'Catalog', href: catalogUrl(cluster, route.namespace) },
      );
      break;
    case 'portforwards':
      trail.push({ label: 'Port forwards' });
      break;
    default:
      // A page without its own steps yet: named after itself (`events` → Events).
      trail.push({ label: fallbackKindLabel(route.page) });
      break;
  }
  // The last step is the page itself: no link.
  const last = trail[trail.length - 1];
  if (last !== undefined) trail[trail.length - 1] = { label: last.label };
  return trail;
}
