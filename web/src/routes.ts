/**
 * The application's URLs: every page has a shareable address, parsed here into a [`Route`]
 * and built by the `…Url` helpers, so no other module spells a path by hand.
 *
 * - `/` the cluster list
 * - `/c/{cluster}` the cluster overview; `/c/{cluster}/sign-in?return=PATH` its sign-in page
 * - `/c/{cluster}/r/{group}/{version}/{resource}?ns=a,b&q=text&l=selector&sort=-Age` a list
 *   (group `core` is the core group `''`)
 * - `/c/{cluster}/r/{group}/{version}/{resource}/{namespace}/{name}` one object
 *   (namespace `_` for cluster-scoped objects)
 * - `/c/{cluster}/create?ns=NS` the create page
 * - `/c/{cluster}/apps?ns=NS` installed Helm releases, `/c/{cluster}/apps/{namespace}/{name}`
 *   one release, `/c/{cluster}/catalog?ns=NS` the chart catalog
 */

/** The part of a resource kind that a URL names. */
export interface KindRef {
  /** `''` for the core group. */
  group: string;
  version: string;
  resource: string;
}

/** A list page's settings, all kept in the query string. */
export interface ListQuery {
  /** Namespaces to show; absent means every namespace the user may see. */
  ns?: string[];
  /** Name filter (contains, case-insensitive). */
  q?: string;
  /** Label selector sent to the cluster. */
  l?: string;
  /** Column to sort by; a `-` prefix sorts descending. */
  sort?: string;
}

export type Route =
  | { page: 'home' }
  | { page: 'sign-in'; cluster: string; returnTo?: string }
  | { page: 'cluster'; cluster: string }
  | { page: 'list'; cluster: string; kind: KindRef; query: ListQuery }
  | {
      page: 'details';
      cluster: string;
      kind: KindRef;
      namespace: string | undefined;
      name: string;
    }
  | { page: 'create'; cluster: string; namespace: string | undefined }
  | { page: 'apps'; cluster: string; namespace: string | undefined }
  | { page: 'release'; cluster: string; namespace: string; name: string }
  | { page: 'catalog'; cluster: string; namespace: string | undefined }
  | { page: 'not-found' };

const CORE = 'core';
const CLUSTER_SCOPED = '_';

const seg = (value: string) => encodeURIComponent(value);

function kindPath(cluster: string, kind: KindRef): string {
  const group = kind.group === '' ? CORE : kind.group;
  return `/c/${seg(cluster)}/r/${seg(group)}/${seg(kind.version)}/${seg(kind.resource)}`;
}

/** Builds a query string from pairs, skipping empty values; commas stay readable. */
function queryString(pairs: [string, string | undefined][]): string {
  const parts = pairs
    .filter((pair): pair is [string, string] => pair[1] !== undefined && pair[1] !== '')
    .map(([key, value]) => `${key}=${encodeURIComponent(value).replace(/%2C/gi, ',')}`);
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

/** The cluster's overview page. */
export function clusterPageUrl(cluster: string): string {
  return `/c/${seg(cluster)}`;
}

/** The sign-in page, coming back to `returnTo` (a same-origin path) after a token sign-in. */
export function signInUrl(cluster: string, returnTo?: string): string {
  return `/c/${seg(cluster)}/sign-in${queryString([['return', returnTo]])}`;
}

/** A list of one kind. */
export function listUrl(cluster: string, kind: KindRef, query: ListQuery = {}): string {
  return (
    kindPath(cluster, kind) +
    queryString([
      ['ns', query.ns?.filter((ns) => ns !== '').join(',')],
      ['q', query.q],
      ['l', query.l],
      ['sort', query.sort],
    ])
  );
}

/** One object; `namespace` is ignored (written `_`) when undefined or empty. */
export function detailsUrl(
  cluster: string,
  kind: KindRef,
  namespace: string | undefined,
  name: string,
): string {
  const ns = namespace === undefined || namespace === '' ? CLUSTER_SCOPED : namespace;
  return `${kindPath(cluster, kind)}/${seg(ns)}/${seg(name)}`;
}

/** The create page, with a namespace to start in. */
export function createUrl(cluster: string, namespace?: string): string {
  return `/c/${seg(cluster)}/create${queryString([['ns', namespace]])}`;
}

/** Installed Helm releases, of one namespace when given. */
export function appsUrl(cluster: string, namespace?: string): string {
  return `/c/${seg(cluster)}/apps${queryString([['ns', namespace]])}`;
}

/** One Helm release. */
export function releaseUrl(cluster: string, namespace: string, name: string): string {
  return `/c/${seg(cluster)}/apps/${seg(namespace)}/${seg(name)}`;
}

/** The chart catalog, installing into `namespace` by default. */
export function catalogUrl(cluster: string, namespace?: string): string {
  return `/c/${seg(cluster)}/catalog${queryString([['ns', namespace]])}`;
}

/**
 * `value` when it is a path on this origin (`/…` but not `//…` or `/\…`, which browsers
 * read as another host), otherwise undefined: safe to navigate to after signing in.
 */
export function safeReturnPath(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined || !value.startsWith('/')) {
    return undefined;
  }
  const control = [...value].some((char) => char.charCodeAt(0) < 0x20 || char === '\x7f');
  if (value.startsWith('//') || value.includes('\\') || control) {
    return undefined;
  }
  return value;
}

function parseListQuery(params: URLSearchParams): ListQuery {
  const query: ListQuery = {};
  const ns = params
    .get('ns')
    ?.split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
  if (ns !== undefined && ns.length > 0) query.ns = ns;
  const q = params.get('q');
  if (q !== null && q !== '') query.q = q;
  const l = params.get('l');
  if (l !== null && l !== '') query.l = l;
  const sort = params.get('sort');
  if (sort !== null && sort !== '' && sort !== '-') query.sort = sort;
  return query;
}

function decodeSegments(pathname: string): string[] | null {
  const trimmed = pathname.replace(/\/+$/, '');
  if (trimmed === '') return [];
  const raw = trimmed.split('/').slice(1);
  try {
    return raw.map((part) => decodeURIComponent(part));
  } catch {
    return null;
  }
}

/** The page a location shows. */
export function parseRoute(pathname: string, search: string): Route {
  const parts = decodeSegments(pathname);
  if (parts === null || parts.some((part) => part === '')) {
    return { page: 'not-found' };
  }
  if (parts.length === 0) {
    return { page: 'home' };
  }
  const params = new URLSearchParams(search);
  const [c, cluster, section, ...rest] = parts;
  if (c !== 'c' || cluster === undefined) {
    return { page: 'not-found' };
  }
  if (section === undefined) {
    return { page: 'cluster', cluster };
  }
  if (section === 'sign-in' && rest.length === 0) {
    const returnTo = safeReturnPath(params.get('return'));
    return returnTo === undefined
      ? { page: 'sign-in', cluster }
      : { page: 'sign-in', cluster, returnTo };
  }
  if (section === 'create' && rest.length === 0) {
    const ns = params.get('ns');
    return { page: 'create', cluster, namespace: ns === null || ns === '' ? undefined : ns };
  }
  const ns = params.get('ns');
  const namespace = ns === null || ns === '' ? undefined : ns;
  if (section === 'apps' && rest.length === 0) {
    return { page: 'apps', cluster, namespace };
  }
  if (section === 'apps' && rest.length === 2 && rest[0] !== undefined && rest[1] !== undefined) {
    return { page: 'release', cluster, namespace: rest[0], name: rest[1] };
  }
  if (section === 'catalog' && rest.length === 0) {
    return { page: 'catalog', cluster, namespace };
  }
  if (section === 'r' && (rest.length === 3 || rest.length === 5)) {
    const [group = '', version = '', resource = '', namespace, name] = rest;
    const kind: KindRef = { group: group === CORE ? '' : group, version, resource };
    if (namespace === undefined || name === undefined) {
      return { page: 'list', cluster, kind, query: parseListQuery(params) };
    }
    return {
      page: 'details',
      cluster,
      kind,
      namespace: namespace === CLUSTER_SCOPED ? undefined : namespace,
      name,
    };
  }
  return { page: 'not-found' };
}

/** The cluster a route belongs to, if any. */
export function routeCluster(route: Route): string | undefined {
  return 'cluster' in route ? route.cluster : undefined;
}
