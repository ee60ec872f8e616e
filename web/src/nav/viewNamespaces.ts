import { useNamespaceChoices } from '@/nav/namespaces';
import type { Route } from '@/routes';

export interface ViewNamespaces {
  /** Namespaces whose permissions decide which namespaced kinds are shown. */
  inView: string[];
  /** Namespaces for links to lists; undefined: all namespaces. */
  forLinks: string[] | undefined;
}

/** The namespace an object, logs or terminal page is in, or a list's namespaces. */
function routeNamespaces(route: Route): string[] | undefined {
  switch (route.page) {
    case 'list':
      return route.query.ns;
    case 'details':
      return route.namespace === undefined ? undefined : [route.namespace];
    case 'logs':
    case 'terminal':
      return [route.namespace];
    default:
      return undefined;
  }
}

/**
 * The namespaces in view: the page's own (a list's `ns`, an object's namespace) and the
 * user's own and typed ones. Kinds count when the user may list them in any of these, so
 * looking into a namespace the user may not read does not empty the sidebar.
 */
export function namespacesInView(
  pageNamespaces: readonly string[] | undefined,
  candidates: readonly string[],
): string[] {
  return [...new Set([...(pageNamespaces ?? []), ...candidates])];
}

/**
 * The namespaces the page is about: the list's `ns`, else the user's own and typed ones.
 * Links carry them along when the user may not list namespaces, so a namespace-bound user
 * lands where it may look instead of on a refusal.
 */
export function useViewNamespaces(cluster: string, route: Route): ViewNamespaces {
  const choices = useNamespaceChoices(cluster);
  const inView = namespacesInView(routeNamespaces(route), choices.candidates);
  const routeNs = route.page === 'list' ? route.query.ns : undefined;
  if (routeNs !== undefined) return { inView, forLinks: routeNs };
  const bound = choices.loaded && choices.listed === null && choices.candidates.length > 0;
  return { inView, forLinks: bound ? choices.candidates : undefined };
}
