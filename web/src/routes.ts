/**
 * The application's URLs: every page has a shareable address, parsed here into a [`Route`]
 * and built by the `…Url` helpers, so no other module spells a path by hand.
 *
 * - `/` the cluster list
 * - `/c/{cluster}?ns=NS` the cluster overview (of one namespace when given);
 *   `/c/{cluster}/sign-in?return=PATH` its sign-in page
 * - `/c/{cluster}/r/{group}/{version}/{resource}?ns=a,b&q=text&l=selector&sort=-Age` a list
 *   (group `core` is the core group `''`)
 * - `/c/{cluster}/r/{group}/{version}/{resource}/{namespace}/{name}?edit=1&tab=yaml` one object
 *   (namespace `_` for cluster-scoped objects; `edit=1` opens its YAML editor, `tab` the tab
 *   shown); `?tab=logs&pod=&container=&follow=0&previous=1&timestamps=1&since=300&tail=500&q=text`
 *   the logs of a pod or of a workload's pods (`resource` one of [`LOG_RESOURCES`]),
 *   `?tab=terminal&container=C&attach=1` a shell in (or attached to) a pod
 * - `/c/{cluster}/create?ns=NS&template=GROUP/VERSION/Kind` the create page (starting from a
 *   template of that kind when given)
 * - `/c/{cluster}/apps?ns=NS` installed Helm releases, `/c/{cluster}/apps/{namespace}/{name}`
 *   one release, `/c/{cluster}/catalog?ns=NS` the chart catalog
 * - `/c/{cluster}/logs/{namespace}/{resource}/{name}?…` and `/c/{cluster}/terminal/{namespace}/{pod}?…`
 *   the old logs and terminal pages: sent on to the object's Logs and Terminal tabs
 * - `/c/{cluster}/portforwards` the user's port-forwards
 * - `/c/{cluster}/events?ns=NS` the events of the cluster (of one namespace when given)
 * - `/c/{cluster}/map?ns=NS` the resource map of one namespace (of every namespace the user may
 *   read when absent)
 * - `/settings` the user's settings, kept in this browser
 */
import { getSettings } from '@/ui/settingsStore';

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

/** The kinds whose pages have a Logs tab: a pod, or a workload (one or all of its pods). */
export const LOG_RESOURCES = [
  'pods',
  'deployments',
  'replicasets',
  'statefulsets',
  'daemonsets',
  'jobs',
] as const;
export type LogResource = (typeof LOG_RESOURCES)[number];

/** The kind of each resource with a Logs tab. */
export const LOG_KINDS: Readonly<Record<LogResource, KindRef>> = {
  pods: { group: '', version: 'v1', resource: 'pods' },
  deployments: { group: 'apps', version: 'v1', resource: 'deployments' },
  replicasets: { group: 'apps', version: 'v1', resource: 'replicasets' },
  statefulsets: { group: 'apps', version: 'v1', resource: 'statefulsets' },
  daemonsets: { group: 'apps', version: 'v1', resource: 'daemonsets' },
  jobs: { group: 'batch', version: 'v1', resource: 'jobs' },
};

/** The pod of a workload whose logs are shown, when the address says: `*` for all of them. */
export const ALL_PODS = '*';

/** Lines of the last this many are read unless `tail` (or the user's settings) says otherwise. */
export const DEFAULT_TAIL_LINES = 1000;

/** The lines a logs page reads when its address does not say: the user's setting. */
export function defaultTailLines(): number | null {
  return getSettings().logLines;
}

/** A logs page's settings, kept in the query string. */
export interface LogQuery {
  /** A workload's pod; `*` for all of them; absent for the first. */
  pod?: string;
  /** A container name; `*` for every container; absent for the default one. */
  container?: string;
  /** Keep streaming new lines (default on). */
  follow: boolean;
  /** The previous (crashed) container's log. */
  previous: boolean;
  /** Show each line's timestamp. */
  timestamps: boolean;
  /** Only lines of the last this many seconds. */
  since?: number;
  /** Only the last this many lines of each log; null for all. */
  tail: number | null;
  /** Text to find. */
  q?: string;
}

/** Changes to a logs page's settings; `undefined` clears one. */
export type LogQueryPatch = { [K in keyof LogQuery]?: LogQuery[K] | undefined };

/** A Terminal tab's settings, kept in the query string. */
export interface TerminalQuery {
  /** A container name; absent for the default one. */
  container?: string;
  /** Attach to the container's own process instead of starting a shell. */
  attach: boolean;
}

export type Route =
  | { page: 'home' }
  | { page: 'sign-in'; cluster: string; returnTo?: string }
  | { page: 'cluster'; cluster: string; namespace?: string }
  | { page: 'list'; cluster: string; kind: KindRef; query: ListQuery }
  | {
      page: 'details';
      cluster: string;
      kind: KindRef;
      namespace: string | undefined;
      name: string;
      /** Opens with the YAML editor open. */
      edit?: true;
      /** The tab shown (`?tab=yaml`); Overview when absent. */
      tab?: string;
      /** The Logs tab's settings (with `tab=logs`). */
      logs?: LogQuery;
      /** The Terminal tab's settings (with `tab=terminal`). */
      terminal?: TerminalQuery;
    }
  | { page: 'create'; cluster: string; namespace: string | undefined; template?: string }
  | { page: 'apps'; cluster: string; namespace: string | undefined }
  | { page: 'release'; cluster: string; namespace: string; name: string }
  | { page: 'catalog'; cluster: string; namespace: string | undefined }
  | {
      page: 'logs';
      cluster: string;
      namespace: string;
      resource: LogResource;
      name: string;
      query: LogQuery;
    }
  | {
      page: 'terminal';
      cluster: string;
      namespace: string;
      pod: string;
      container: string | undefined;
      attach: boolean;
    }
  | { page: 'portforwards'; cluster: string }
  | { page: 'events'; cluster: string; namespace?: string }
  | { page: 'map'; cluster: string; namespace?: string }
  | { page: 'settings' }
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

/** The settings page (theme, density, times, log lines, sidebar sections). */
export const SETTINGS_URL = '/settings';

/** The cluster's overview page, of one namespace when given. */
export function clusterPageUrl(cluster: string, namespace?: string): string {
  return `/c/${seg(cluster)}${queryString([['ns', namespace]])}`;
}

/** The cluster's events, of one namespace when given. */
export function eventsUrl(cluster: string, namespace?: string): string {
  return `/c/${seg(cluster)}/events${queryString([['ns', namespace]])}`;
}

/** The resource map, of one namespace when given. */
export function mapUrl(cluster: string, namespace?: string): string {
  return `/c/${seg(cluster)}/map${queryString([['ns', namespace]])}`;
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

/**
 * One object; `namespace` is ignored (written `_`) when undefined or empty. With `edit` the
 * page opens with its YAML editor.
 */
export function detailsUrl(
  cluster: string,
  kind: KindRef,
  namespace: string | undefined,
  name: string,
  options: { edit?: boolean } = {},
): string {
  const ns = namespace === undefined || namespace === '' ? CLUSTER_SCOPED : namespace;
  const edit = options.edit === true ? '?edit=1' : '';
  return `${kindPath(cluster, kind)}/${seg(ns)}/${seg(name)}${edit}`;
}

/** The create page, with a namespace to start in and a kind's template to start from. */
export function createUrl(cluster: string, namespace?: string, template?: string): string {
  return `/c/${seg(cluster)}/create${queryString([
    ['ns', namespace],
    ['template', template],
  ])}`;
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
 * The Logs tab of a pod's or workload's page; settings left at their defaults are not
 * written.
 */
export function logsUrl(
  cluster: string,
  namespace: string,
  resource: LogResource,
  name: string,
  query: LogQueryPatch = {},
): string {
  const tail =
    query.tail === undefined || query.tail === defaultTailLines()
      ? undefined
      : query.tail === null
        ? 'all'
        : String(query.tail);
  return (
    detailsUrl(cluster, LOG_KINDS[resource], namespace, name) +
    queryString([
      ['tab', 'logs'],
      ['pod', resource === 'pods' ? undefined : query.pod],
      ['container', query.container],
      ['follow', query.follow === false ? '0' : undefined],
      ['previous', query.previous === true ? '1' : undefined],
      ['timestamps', query.timestamps === true ? '1' : undefined],
      ['since', query.since === undefined ? undefined : String(query.since)],
      ['tail', tail],
      ['q', query.q],
    ])
  );
}

/** The Terminal tab of a pod (`attach`: attached to the container's own process instead). */
export function terminalUrl(
  cluster: string,
  namespace: string,
  pod: string,
  options: { container?: string | undefined; attach?: boolean } = {},
): string {
  return (
    detailsUrl(cluster, LOG_KINDS.pods, namespace, pod) +
    queryString([
      ['tab', 'terminal'],
      ['container', options.container],
      ['attach', options.attach === true ? '1' : undefined],
    ])
  );
}

/**
 * Where an address of the old logs or terminal page goes now: the object's tab with the
 * same settings. A workload's old logs page showed all of its pods, so that is kept.
 */
export function movedPageUrl(route: Extract<Route, { page: 'logs' | 'terminal' }>): string {
  if (route.page === 'terminal') {
    return terminalUrl(route.cluster, route.namespace, route.pod, {
      container: route.container,
      attach: route.attach,
    });
  }
  const { cluster, namespace, resource, name, query } = route;
  return logsUrl(cluster, namespace, resource, name, {
    ...query,
    pod: resource === 'pods' ? undefined : (query.pod ?? ALL_PODS),
  });
}

/** The signed-in user's port-forwards. */
export function portForwardsUrl(cluster: string): string {
  return `/c/${seg(cluster)}/portforwards`;
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

/** A whole number of at least `min`, or undefined. */
function wholeNumber(value: string | null, min: number): number | undefined {
  if (value === null || !/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) && n >= min ? n : undefined;
}

function parseLogQuery(params: URLSearchParams): LogQuery {
  const query: LogQuery = {
    follow: params.get('follow') !== '0',
    previous: params.get('previous') === '1',
    timestamps: params.get('timestamps') === '1',
    tail:
      params.get('tail') === 'all'
        ? null
        : (wholeNumber(params.get('tail'), 0) ?? defaultTailLines()),
  };
  const pod = params.get('pod');
  if (pod !== null && pod !== '') query.pod = pod;
  const container = params.get('container');
  if (container !== null && container !== '') query.container = container;
  const since = wholeNumber(params.get('since'), 1);
  if (since !== undefined) query.since = since;
  const q = params.get('q');
  if (q !== null && q !== '') query.q = q;
  return query;
}

function parseTerminalQuery(params: URLSearchParams): TerminalQuery {
  const container = params.get('container');
  return {
    ...(container === null || container === '' ? {} : { container }),
    attach: params.get('attach') === '1',
  };
}

const isLogResource = (value: string): value is LogResource =>
  (LOG_RESOURCES as readonly string[]).includes(value);

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
  if (parts.length === 1 && parts[0] === 'settings') {
    return { page: 'settings' };
  }
  const params = new URLSearchParams(search);
  const [c, cluster, section, ...rest] = parts;
  if (c !== 'c' || cluster === undefined) {
    return { page: 'not-found' };
  }
  if (section === undefined) {
    const overviewNs = params.get('ns');
    return overviewNs === null || overviewNs === ''
      ? { page: 'cluster', cluster }
      : { page: 'cluster', cluster, namespace: overviewNs };
  }
  if (section === 'sign-in' && rest.length === 0) {
    const returnTo = safeReturnPath(params.get('return'));
    return returnTo === undefined
      ? { page: 'sign-in', cluster }
      : { page: 'sign-in', cluster, returnTo };
  }
  if (section === 'create' && rest.length === 0) {
    const ns = params.get('ns');
    const template = params.get('template');
    return {
      page: 'create',
      cluster,
      namespace: ns === null || ns === '' ? undefined : ns,
      ...(template === null || template === '' ? {} : { template }),
    };
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
  if (section === 'portforwards' && rest.length === 0) {
    return { page: 'portforwards', cluster };
  }
  if (section === 'events' && rest.length === 0) {
    return namespace === undefined
      ? { page: 'events', cluster }
      : { page: 'events', cluster, namespace };
  }
  if (section === 'map' && rest.length === 0) {
    return namespace === undefined ? { page: 'map', cluster } : { page: 'map', cluster, namespace };
  }
  if (section === 'logs' && rest.length === 3) {
    const [logNamespace = '', resource = '', name = ''] = rest;
    if (!isLogResource(resource)) return { page: 'not-found' };
    return {
      page: 'logs',
      cluster,
      namespace: logNamespace,
      resource,
      name,
      query: parseLogQuery(params),
    };
  }
  if (section === 'terminal' && rest.length === 2) {
    const [podNamespace = '', pod = ''] = rest;
    const { container, attach } = parseTerminalQuery(params);
    return { page: 'terminal', cluster, namespace: podNamespace, pod, container, attach };
  }
  if (section === 'r' && (rest.length === 3 || rest.length === 5)) {
    const [group = '', version = '', resource = '', namespace, name] = rest;
    const kind: KindRef = { group: group === CORE ? '' : group, version, resource };
    if (namespace === undefined || name === undefined) {
      return { page: 'list', cluster, kind, query: parseListQuery(params) };
    }
    const tab = params.get('tab');
    return {
      page: 'details',
      cluster,
      kind,
      namespace: namespace === CLUSTER_SCOPED ? undefined : namespace,
      name,
      ...(params.get('edit') === '1' ? { edit: true as const } : {}),
      ...(tab !== null ? { tab } : {}),
      ...(tab?.toLowerCase() === 'logs' ? { logs: parseLogQuery(params) } : {}),
      ...(tab?.toLowerCase() === 'terminal' ? { terminal: parseTerminalQuery(params) } : {}),
    };
  }
  return { page: 'not-found' };
}

/** The cluster a route belongs to, if any. */
export function routeCluster(route: Route): string | undefined {
  return 'cluster' in route ? route.cluster : undefined;
}
