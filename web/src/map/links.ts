import { KIND_SOURCES } from '@/map/kinds';
import type { MapKindSource } from '@/map/kinds';
import type { MapNode } from '@/map/model';
import { detailsUrl } from '@/routes';

/**
 * The object page of a map node, or undefined for a stand-in (an object only referred to:
 * its page would be a refusal or a "not found").
 */
export function objectUrl(
  cluster: string,
  node: MapNode,
  served: readonly MapKindSource[],
): string | undefined {
  if (!node.listed) return undefined;
  const source = served.find((kind) => kind.kind === node.kind) ?? KIND_SOURCES[node.kind];
  return detailsUrl(cluster, source, node.namespace, node.name);
}

/** Words for a relation, read from → to and to → from. */
export const RELATION_WORDS = {
  owns: ['owns', 'owned by'],
  selects: ['selects', 'selected by'],
  routes: ['routes to', 'routed to by'],
  mounts: ['mounts', 'mounted by'],
  env: ['reads env from', 'env read by'],
  binds: ['bound to', 'claimed by'],
  'runs-on': ['runs on', 'runs'],
} as const;
