/** Pure helpers behind the Ingress and HTTPRoute sections (tested in network.test.ts). */

/** Another object one names by group (`''` for core), kind, namespace and name. */
export interface ObjectTarget {
  group: string;
  kind: string;
  /** Undefined for a cluster-scoped kind. */
  namespace: string | undefined;
  name: string;
}

/** Where an Ingress path (or its default backend) sends requests. */
export type IngressTarget =
  | { type: 'service'; name: string; port: string }
  | { type: 'resource'; target: ObjectTarget }
  | { type: 'default' };

export interface IngressBackend {
  service?: { name?: string; port?: { name?: string; number?: number } };
  resource?: { apiGroup?: string; kind?: string; name?: string };
}

export interface LoadBalancerStatus {
  ingress?: {
    ip?: string;
    hostname?: string;
    ports?: { port?: number; protocol?: string; error?: string }[];
  }[];
}

export interface IngressFields {
  metadata: { namespace?: string; annotations?: Record<string, string> };
  spec?: {
    ingressClassName?: string;
    defaultBackend?: IngressBackend;
    rules?: {
      host?: string;
      http?: { paths?: { path?: string; pathType?: string; backend?: IngressBackend }[] };
    }[];
    tls?: { hosts?: string[]; secretName?: string }[];
  };
  status?: { loadBalancer?: LoadBalancerStatus };
}

/** A backend as a Service and port (a port's name, else its number), or another object. */
export function ingressTarget(
  backend: IngressBackend | undefined,
  namespace: string | undefined,
): IngressTarget {
  if (backend?.service !== undefined) {
    const port = backend.service.port;
    const number = port?.number === undefined ? '' : String(port.number);
    return { type: 'service', name: backend.service.name ?? '', port: port?.name ?? number };
  }
  if (backend?.resource !== undefined) {
    const r = backend.resource;
    const target = { group: r.apiGroup ?? '', kind: r.kind ?? '', namespace, name: r.name ?? '' };
    return { type: 'resource', target };
  }
  return { type: 'default' };
}

/** The IngressClass named in the spec, else in the old `kubernetes.io/ingress.class` annotation. */
export function ingressClass(
  ingress: IngressFields,
): { name: string; from: 'spec' | 'annotation' } | undefined {
  const name = ingress.spec?.ingressClassName;
  if (name !== undefined && name !== '') return { name, from: 'spec' };
  const annotated = ingress.metadata.annotations?.['kubernetes.io/ingress.class'];
  return annotated === undefined || annotated === ''
    ? undefined
    : { name: annotated, from: 'annotation' };
}

export interface IngressRuleRow {
  key: string;
  /** `*` for a rule without a host. */
  host: string;
  path: string;
  pathType: string;
  target: IngressTarget;
}

/** One row per path of every rule; a rule without paths goes to the default backend. */
export function ingressRules(ingress: IngressFields): IngressRuleRow[] {
  const namespace = ingress.metadata.namespace;
  return (ingress.spec?.rules ?? []).flatMap((rule, r): IngressRuleRow[] => {
    const host = rule.host === undefined || rule.host === '' ? '*' : rule.host;
    const paths = rule.http?.paths ?? [];
    if (paths.length === 0) {
      return [{ key: `${r}`, host, path: '*', pathType: '—', target: { type: 'default' } }];
    }
    return paths.map((p, i) => ({
      key: `${r}/${i}`,
      host,
      path: p.path === undefined || p.path === '' ? '*' : p.path,
      pathType: p.pathType ?? 'ImplementationSpecific',
      target: ingressTarget(p.backend, namespace),
    }));
  });
}

/** Each address of a load balancer, with its ports when it reports them: `10.0.0.5 (80/TCP)`. */
export function loadBalancerAddresses(status: LoadBalancerStatus | undefined): string[] {
  return (status?.ingress ?? []).map((entry) => {
    const address = entry.ip ?? entry.hostname ?? '?';
    const ports = (entry.ports ?? []).map(
      (p) =>
        `${String(p.port ?? '')}/${p.protocol ?? 'TCP'}${p.error === undefined ? '' : ` ${p.error}`}`,
    );
    return ports.length === 0 ? address : `${address} (${ports.join(', ')})`;
  });
}

const GATEWAY_GROUP = 'gateway.networking.k8s.io';

export interface ParentReference {
  group?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  sectionName?: string;
  port?: number;
}

export interface RouteCondition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

export interface HttpRouteMatch {
  path?: { type?: string; value?: string };
  headers?: { type?: string; name?: string; value?: string }[];
  queryParams?: { type?: string; name?: string; value?: string }[];
  method?: string;
}

export interface BackendReference {
  group?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  port?: number;
  weight?: number;
}

export interface HttpRouteRule {
  name?: string;
  matches?: HttpRouteMatch[];
  filters?: { type?: string }[];
  backendRefs?: BackendReference[];
  timeouts?: { request?: string; backendRequest?: string };
}

export interface RouteFields {
  metadata: { namespace?: string };
  spec?: { parentRefs?: ParentReference[]; hostnames?: string[]; rules?: HttpRouteRule[] };
  status?: {
    parents?: {
      parentRef?: ParentReference;
      controllerName?: string;
      conditions?: RouteCondition[];
    }[];
  };
}

export interface RouteParent extends ObjectTarget {
  key: string;
  /** The listener and port the route attaches to, when it names them. */
  section: string | undefined;
  /** What the Gateway's controller said of this route (Accepted, ResolvedRefs…). */
  conditions: RouteCondition[];
}

/** A reference with the Gateway API's defaults filled in (a Gateway, in the route's namespace). */
function parentTarget(ref: ParentReference, namespace: string | undefined): ObjectTarget {
  return {
    group: ref.group ?? GATEWAY_GROUP,
    kind: ref.kind ?? 'Gateway',
    namespace: ref.namespace ?? namespace,
    name: ref.name ?? '',
  };
}

function sameParent(a: ParentReference, b: ParentReference, namespace: string | undefined) {
  const x = parentTarget(a, namespace);
  const y = parentTarget(b, namespace);
  return (
    x.group === y.group &&
    x.kind === y.kind &&
    x.namespace === y.namespace &&
    x.name === y.name &&
    a.sectionName === b.sectionName &&
    a.port === b.port
  );
}

/** The route's parents (Gateways, usually), each with what its controller reported. */
export function routeParents(route: RouteFields): RouteParent[] {
  const namespace = route.metadata.namespace;
  const reported = route.status?.parents ?? [];
  return (route.spec?.parentRefs ?? []).map((ref, i) => {
    const section = [
      ref.sectionName === undefined ? undefined : `listener ${ref.sectionName}`,
      ref.port === undefined ? undefined : `port ${ref.port}`,
    ].filter((part) => part !== undefined);
    const status = reported.find(
      (p) => p.parentRef !== undefined && sameParent(p.parentRef, ref, namespace),
    );
    return {
      key: String(i),
      ...parentTarget(ref, namespace),
      section: section.length === 0 ? undefined : section.join(', '),
      conditions: status?.conditions ?? [],
    };
  });
}

/** A match in words, one part per requirement: `path PathPrefix /api`, `header env = canary`. */
export function matchParts(match: HttpRouteMatch): string[] {
  const pair = (what: string, m: { type?: string; name?: string; value?: string }) =>
    `${what} ${m.name ?? ''} ${m.type === 'RegularExpression' ? '~' : '='} ${m.value ?? ''}`;
  const parts = [`path ${match.path?.type ?? 'PathPrefix'} ${match.path?.value ?? '/'}`];
  for (const header of match.headers ?? []) parts.push(pair('header', header));
  for (const query of match.queryParams ?? []) parts.push(pair('query', query));
  if (match.method !== undefined) parts.push(`method ${match.method}`);
  return parts;
}

export interface RouteBackend extends ObjectTarget {
  key: string;
  port: number | undefined;
  weight: number;
  /** Its part of the rule's traffic: `75%`. */
  share: string;
}

export interface RouteRuleView {
  key: string;
  title: string;
  /** Each match's parts; a rule without matches matches every request (`PathPrefix /`). */
  matches: string[][];
  filters: string[];
  backends: RouteBackend[];
  timeouts: string | undefined;
}

function routeBackends(rule: HttpRouteRule, namespace: string | undefined): RouteBackend[] {
  const refs = rule.backendRefs ?? [];
  const total = refs.reduce((sum, ref) => sum + (ref.weight ?? 1), 0);
  return refs.map((ref, i) => {
    const weight = ref.weight ?? 1;
    return {
      key: String(i),
      group: ref.group ?? '',
      kind: ref.kind ?? 'Service',
      namespace: ref.namespace ?? namespace,
      name: ref.name ?? '',
      port: ref.port,
      weight,
      share: total === 0 ? '0%' : `${Math.round((weight * 100) / total)}%`,
    };
  });
}

/** The route's rules: what each matches, its filters and the backends it splits traffic to. */
export function routeRules(route: RouteFields): RouteRuleView[] {
  const namespace = route.metadata.namespace;
  return (route.spec?.rules ?? []).map((rule, i) => {
    const matches = rule.matches ?? [];
    const timeouts = [
      rule.timeouts?.request === undefined ? undefined : `request ${rule.timeouts.request}`,
      rule.timeouts?.backendRequest === undefined
        ? undefined
        : `backend request ${rule.timeouts.backendRequest}`,
    ].filter((t) => t !== undefined);
    return {
      key: String(i),
      title: rule.name === undefined ? `Rule ${i + 1}` : `Rule ${rule.name}`,
      matches: (matches.length === 0 ? [{}] : matches).map(matchParts),
      filters: (rule.filters ?? []).map((f) => f.type ?? '?'),
      backends: routeBackends(rule, namespace),
      timeouts: timeouts.length === 0 ? undefined : timeouts.join(', '),
    };
  });
}
