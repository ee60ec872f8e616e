import { useNamespaceChoices } from '@/nav/namespaces';
import type { Route } from '@/routes';

export interface ViewNamespaces {
  /** Namespaces whose permissions decide which namespaced kinds are shown. */
  inView: string[];
  /** Namespaces for links to lists; undefined: all namespaces. */
  forLinks: string[] | undefined;
}

/**
 * The namespaces the page is about: the list's `ns`, else the user's own and typed ones.
 * Links carry them along when the user may not list namespaces, so a namespace-bound user
 * lands where it may look instead of on a refusal.
 */
export function useViewNamespaces(cluster: string, route: Route): ViewNamespaces {
  const choices = useNamespaceChoices(cluster);
  const routeNs = route.page === 'list' ? route.query.ns : undefined;
  if (routeNs !== undefined) return { inView: routeNs, forLinks: routeNs };
  const bound = choices.loaded && choices.listed === null && choices.candidates.length > 0;
  return { inView: choices.candidates, forLinks: bound ? choices.candidates : undefined };
}
