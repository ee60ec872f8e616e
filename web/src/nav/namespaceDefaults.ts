import type { Route } from '@/routes';
import { useSettings } from '@/ui/settingsStore';

/**
 * The namespaces a page starts with when its address names none: the user's default
 * namespaces for the cluster (Settings), else all the user may see. This is the one place
 * that decides it; `ns=*` in an address says "all namespaces" even when defaults are set.
 */

/** In an address's `ns`: every namespace, whatever the defaults say. */
export const ALL_NAMESPACES = '*';

/** The user's default namespaces for `cluster` (empty: none chosen). */
export function useDefaultNamespaces(cluster: string): string[] {
  return useSettings().defaultNamespaces[cluster] ?? EMPTY;
}

const EMPTY: string[] = [];

/**
 * The route as the page shows it: a list or the overview (or the events) whose address
 * names no namespace opens on the defaults; `*` is all namespaces. The overview and the
 * events show one namespace, so they start in the first default.
 */
export function withDefaultNamespaces(route: Route, defaults: readonly string[]): Route {
  switch (route.page) {
    case 'list': {
      const { ns, ...rest } = route.query;
      if (ns?.includes(ALL_NAMESPACES) === true) return { ...route, query: rest };
      if (ns !== undefined || defaults.length === 0) return route;
      return { ...route, query: { ...route.query, ns: [...defaults] } };
    }
    case 'cluster':
    case 'events': {
      const { namespace, ...rest } = route;
      if (namespace === ALL_NAMESPACES) return rest;
      const first = defaults[0];
      if (namespace !== undefined || first === undefined) return route;
      return { ...route, namespace: first };
    }
    default:
      return route;
  }
}

/**
 * What an address says for a choice of namespaces: the namespaces, or for "all" nothing
 * (no defaults to override) or `*` (so the defaults do not come back).
 */
export function namespacesParam(chosen: readonly string[], defaults: readonly string[]): string[] {
  if (chosen.length > 0) return [...chosen];
  return defaults.length > 0 ? [ALL_NAMESPACES] : [];
}

/** The same for a page of one namespace (the overview, the events). */
export function namespaceParam(
  chosen: string | undefined,
  defaults: readonly string[],
): string | undefined {
  return namespacesParam(chosen === undefined ? [] : [chosen], defaults)[0];
}
