import type { ResourceKind } from '@/api/kube';
import { groupVersion, kindPlural } from '@/nav/labels';
import type { SearchHit } from '@/nav/searchNames';
import type { KindRef, LogResource } from '@/routes';
import {
  LOG_RESOURCES,
  appsUrl,
  clusterPageUrl,
  createUrl,
  detailsUrl,
  listUrl,
  logsUrl,
  portForwardsUrl,
} from '@/routes';
import type { Intent, PaletteItem } from '@/palette/rank';

/** What the palette offers: built from what the cluster says the user may list. */

const sameKind = (a: KindRef, b: KindRef) => a.group === b.group && a.resource === b.resource;

/** The kinds that scale (`kubectl scale`). */
const SCALABLE = ['deployments', 'statefulsets', 'replicasets'];
const isScalable = (kind: ResourceKind) =>
  kind.group === 'apps' && SCALABLE.includes(kind.resource);
const logResource = (kind: ResourceKind): LogResource | undefined =>
  (kind.group === '' || kind.group === 'apps' || kind.group === 'batch') &&
  (LOG_RESOURCES as readonly string[]).includes(kind.resource)
    ? (kind.resource as LogResource)
    : undefined;

/** The app's own pages: overview, Helm apps, create, port-forwards. */
export function pageItems(cluster: string): PaletteItem[] {
  return [
    {
      id: 'page:overview',
      type: 'page',
      label: 'Overview',
      detail: `The overview of ${cluster}`,
      href: clusterPageUrl(cluster),
      keywords: ['cluster', 'home', 'dashboard'],
    },
    {
      id: 'page:apps',
      type: 'page',
      label: 'Apps (Helm)',
      detail: 'Helm releases',
      href: appsUrl(cluster),
      keywords: ['helm', 'releases', 'charts'],
    },
    {
      id: 'page:create',
      type: 'page',
      label: 'Create from YAML',
      detail: 'Create objects',
      href: createUrl(cluster),
      keywords: ['new', 'apply'],
    },
    {
      id: 'page:portforwards',
      type: 'page',
      label: 'Port forwards',
      detail: 'Your port-forwards',
      href: portForwardsUrl(cluster),
      keywords: ['forward', 'ports'],
    },
  ];
}

/** A list per kind the user may list; namespaced lists keep `linkNamespaces`. */
export function kindItems(
  cluster: string,
  kinds: readonly ResourceKind[],
  linkNamespaces: string[] | undefined,
): PaletteItem[] {
  return kinds.map((kind) => ({
    id: `kind:${kind.group}/${kind.resource}`,
    type: 'kind',
    label: kindPlural(kind),
    detail: `List · ${groupVersion(kind)}`,
    href: listUrl(
      cluster,
      kind,
      kind.namespaced && linkNamespaces !== undefined ? { ns: linkNamespaces } : {},
    ),
    keywords: [kind.kind, kind.resource, ...kind.shortNames],
  }));
}

/**
 * A namespace opens the list in view in that namespace (the Pods when no list is), since a
 * namespace-bound user may list its objects without reading the Namespace object.
 */
export function namespaceItems(
  cluster: string,
  namespaces: readonly string[],
  kind: ResourceKind | undefined,
): PaletteItem[] {
  const shown: KindRef =
    kind?.namespaced === true ? kind : { group: '', version: 'v1', resource: 'pods' };
  const label = kind?.namespaced === true ? kindPlural(kind) : 'Pods';
  return namespaces.map((namespace) => ({
    id: `namespace:${namespace}`,
    type: 'namespace',
    label: namespace,
    detail: `Namespace · ${label} in ${namespace}`,
    href: listUrl(cluster, shown, { ns: [namespace] }),
    keywords: ['namespace'],
  }));
}

const where = (hit: SearchHit) =>
  hit.namespace === undefined ? hit.kind.kind : `${hit.kind.kind} in ${hit.namespace}`;

const objectId = (hit: SearchHit) =>
  `${hit.kind.group}/${hit.kind.resource}/${hit.namespace ?? ''}/${hit.name}`;

/** An object's page. */
export function objectItems(cluster: string, hits: readonly SearchHit[]): PaletteItem[] {
  return hits.map((hit) => ({
    id: `object:${objectId(hit)}`,
    type: 'object',
    label: hit.name,
    detail: where(hit),
    href: detailsUrl(cluster, hit.kind, hit.namespace, hit.name),
    keywords: [hit.kind.kind],
  }));
}

/** `scale web`: the page of each scalable object (its Scale action is there). */
export function scaleItems(cluster: string, hits: readonly SearchHit[]): PaletteItem[] {
  return hits
    .filter((hit) => isScalable(hit.kind))
    .map((hit) => ({
      id: `scale:${objectId(hit)}`,
      type: 'action',
      label: hit.name,
      detail: `Scale ${where(hit)}`,
      href: detailsUrl(cluster, hit.kind, hit.namespace, hit.name),
      keywords: [hit.kind.kind],
    }));
}

/** `logs api`: the logs page of each pod or workload. */
export function logsItems(cluster: string, hits: readonly SearchHit[]): PaletteItem[] {
  return hits.flatMap((hit) => {
    const resource = logResource(hit.kind);
    if (resource === undefined || hit.namespace === undefined) return [];
    return [
      {
        id: `logs:${objectId(hit)}`,
        type: 'action' as const,
        label: hit.name,
        detail: `Logs of ${where(hit)}`,
        href: logsUrl(cluster, hit.namespace, resource, hit.name),
        keywords: [hit.kind.kind],
      },
    ];
  });
}

export interface Sources {
  cluster: string;
  kinds: readonly ResourceKind[];
  namespaces: readonly string[];
  hits: readonly SearchHit[];
  linkNamespaces: string[] | undefined;
  /** The kind of the list or object on screen, if any. */
  current: KindRef | undefined;
}

/** Everything the palette may offer for an intent (`go` leaves objects out). */
export function paletteItems(sources: Sources, intent: Intent): PaletteItem[] {
  const { cluster, kinds, namespaces, hits, linkNamespaces, current } = sources;
  if (intent === 'scale') return scaleItems(cluster, hits);
  if (intent === 'logs') return logsItems(cluster, hits);
  const currentKind =
    current === undefined ? undefined : kinds.find((kind) => sameKind(kind, current));
  const places = [
    ...pageItems(cluster),
    ...kindItems(cluster, kinds, linkNamespaces),
    ...namespaceItems(cluster, namespaces, currentKind),
  ];
  return intent === 'go' ? places : [...places, ...objectItems(cluster, hits)];
}
