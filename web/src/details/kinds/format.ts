/** Pure helpers behind the per-kind sections of object pages (tested in format.test.ts). */
import type { StatusTone } from '@/ui/status';

/** A container's state as the kubelet reports it (`state` or `lastState`). */
export interface ContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: {
    reason?: string;
    message?: string;
    exitCode?: number;
    signal?: number;
    startedAt?: string;
    finishedAt?: string;
  };
}

export interface StateSummary {
  /** `Running`, `Waiting`, `Terminated` or `—` (not reported). */
  phase: string;
  /** Reason and exit code, e.g. `OOMKilled, exit code 137`. */
  detail: string;
  /** When it started or finished, if said. */
  since: string | undefined;
  /** Running good, terminated with 0 done, waiting to start pending, else bad. */
  tone: StatusTone;
}

/** A state in words: what it is, why, and its exit code. */
export function stateSummary(state: ContainerState | undefined): StateSummary {
  if (state?.running !== undefined) {
    return { phase: 'Running', detail: '', since: state.running.startedAt, tone: 'good' };
  }
  if (state?.terminated !== undefined) {
    const t = state.terminated;
    const parts = [t.reason, t.exitCode === undefined ? undefined : `exit code ${t.exitCode}`];
    if (t.signal !== undefined && t.signal !== 0) parts.push(`signal ${t.signal}`);
    return {
      phase: 'Terminated',
      detail: parts.filter((p) => p !== undefined && p !== '').join(', '),
      since: t.finishedAt,
      tone: t.exitCode === 0 ? 'done' : 'bad',
    };
  }
  if (state?.waiting !== undefined) {
    const reason = state.waiting.reason ?? '';
    const fine = reason === '' || reason === 'ContainerCreating' || reason === 'PodInitializing';
    return { phase: 'Waiting', detail: reason, since: undefined, tone: fine ? 'pending' : 'bad' };
  }
  return { phase: '—', detail: '', since: undefined, tone: 'neutral' };
}

/** Requests and limits of a container, resource by resource: `cpu: 100m / 500m`. */
export function resourceRows(resources: {
  requests?: Record<string, string>;
  limits?: Record<string, string>;
}): { resource: string; request: string; limit: string }[] {
  const names = new Set([
    ...Object.keys(resources.requests ?? {}),
    ...Object.keys(resources.limits ?? {}),
  ]);
  return [...names].sort().map((resource) => ({
    resource,
    request: resources.requests?.[resource] ?? '—',
    limit: resources.limits?.[resource] ?? '—',
  }));
}

/** One environment variable of a container spec. */
export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name?: string; key?: string; optional?: boolean };
    configMapKeyRef?: { name?: string; key?: string; optional?: boolean };
    fieldRef?: { fieldPath?: string };
    resourceFieldRef?: { resource?: string; containerName?: string };
  };
}

/** `envFrom`: every key of a ConfigMap or Secret. */
export interface EnvFromSource {
  prefix?: string;
  configMapRef?: { name?: string };
  secretRef?: { name?: string };
}

/** Where an env value comes from: a literal, a key of a ConfigMap or Secret, or a field. */
export type EnvSource =
  | { type: 'value'; value: string }
  | { type: 'configMap' | 'secret'; name: string; key: string | undefined }
  | { type: 'field'; text: string };

/** What to show for one env var. A Secret's value is never read, only named. */
export function envSource(variable: EnvVar): EnvSource {
  const from = variable.valueFrom;
  if (from?.secretKeyRef !== undefined) {
    return { type: 'secret', name: from.secretKeyRef.name ?? '', key: from.secretKeyRef.key };
  }
  if (from?.configMapKeyRef !== undefined) {
    return {
      type: 'configMap',
      name: from.configMapKeyRef.name ?? '',
      key: from.configMapKeyRef.key,
    };
  }
  if (from?.fieldRef !== undefined) {
    return { type: 'field', text: `field ${from.fieldRef.fieldPath ?? ''}` };
  }
  if (from?.resourceFieldRef !== undefined) {
    const r = from.resourceFieldRef;
    const of = r.containerName === undefined ? '' : ` of ${r.containerName}`;
    return { type: 'field', text: `resource ${r.resource ?? ''}${of}` };
  }
  return { type: 'value', value: variable.value ?? '' };
}

/** The env sources of `envFrom` as the same shape (every key of the object). */
export function envFromSource(from: EnvFromSource): EnvSource | undefined {
  if (from.secretRef?.name !== undefined) {
    return { type: 'secret', name: from.secretRef.name, key: undefined };
  }
  if (from.configMapRef?.name !== undefined) {
    return { type: 'configMap', name: from.configMapRef.name, key: undefined };
  }
  return undefined;
}

interface QosContainer {
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}

/**
 * The pod's QoS class: the one the cluster reports, else worked out as the kubelet does
 * (every container with equal cpu and memory requests and limits: Guaranteed; none with
 * any: BestEffort; otherwise Burstable).
 */
export function qosClass(pod: {
  spec?: { containers?: QosContainer[]; initContainers?: QosContainer[] };
  status?: { qosClass?: string };
}): string {
  const reported = pod.status?.qosClass;
  if (reported !== undefined && reported !== '') return reported;
  const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  if (containers.length === 0) return 'BestEffort';
  const any = containers.some(
    (c) =>
      Object.keys(c.resources?.requests ?? {}).length > 0 ||
      Object.keys(c.resources?.limits ?? {}).length > 0,
  );
  if (!any) return 'BestEffort';
  const guaranteed = containers.every((c) =>
    ['cpu', 'memory'].every((r) => {
      const limit = c.resources?.limits?.[r];
      const request = c.resources?.requests?.[r] ?? limit;
      return limit !== undefined && request === limit;
    }),
  );
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** A toleration or taint in kubectl's words: `key=value:NoSchedule`, `key:NoExecute`. */
export function taintText(taint: {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}): string {
  const key = taint.key ?? '';
  const op = taint.operator === 'Exists' ? (key === '' ? '*' : `${key} exists`) : key;
  const value =
    taint.operator === 'Exists' || taint.value === undefined || taint.value === ''
      ? op
      : `${op}=${taint.value}`;
  const effect = taint.effect === undefined || taint.effect === '' ? '' : `:${taint.effect}`;
  const seconds = taint.tolerationSeconds === undefined ? '' : ` for ${taint.tolerationSeconds}s`;
  return `${value}${effect}${seconds}`;
}

/** A label selector (`matchLabels` and `matchExpressions`, or a plain map) as text. */
export function selectorText(selector: unknown): string {
  const parts = selectorParts(selector);
  return parts.length === 0 ? '—' : parts.map((p) => `${p.key}${p.rest}`).join(', ');
}

/** A selector's requirements, each as its key and the rest (`=web`, ` In (a, b)`). */
export function selectorParts(selector: unknown): { key: string; rest: string }[] {
  if (typeof selector !== 'object' || selector === null) return [];
  const s = selector as {
    matchLabels?: Record<string, string>;
    matchExpressions?: { key: string; operator: string; values?: string[] }[];
  };
  const plain =
    !('matchLabels' in s) && !('matchExpressions' in s)
      ? (selector as Record<string, string>)
      : (s.matchLabels ?? {});
  const parts = Object.entries(plain).map(([key, v]) => ({ key, rest: `=${v}` }));
  for (const e of s.matchExpressions ?? []) {
    const values = e.values === undefined ? '' : ` (${e.values.join(', ')})`;
    parts.push({ key: e.key, rest: ` ${e.operator}${values}` });
  }
  return parts;
}

/** The sections an object page has, in page order, by kind (each an anchor in the section index). */
export function pageSections(group: string, resource: string): { id: string; title: string }[] {
  const key = `${group}/${resource}`;
  const own: Record<string, { id: string; title: string }[]> = {
    '/pods': [
      { id: 'containers', title: 'Containers' },
      { id: 'scheduling', title: 'Scheduling' },
      { id: 'volumes', title: 'Volumes' },
    ],
    'apps/deployments': [{ id: 'workload', title: 'Replica status' }],
    'apps/statefulsets': [{ id: 'workload', title: 'Replica status' }],
    'apps/daemonsets': [{ id: 'workload', title: 'Replica status' }],
    'apps/replicasets': [{ id: 'workload', title: 'Replica status' }],
    '/nodes': [
      { id: 'node', title: 'Node' },
      { id: 'capacity', title: 'Capacity' },
    ],
    '/services': [{ id: 'service', title: 'Service' }],
    'networking.k8s.io/ingresses': [
      { id: 'ingress', title: 'Ingress' },
      { id: 'rules', title: 'Rules' },
      { id: 'tls', title: 'TLS' },
    ],
    'gateway.networking.k8s.io/httproutes': [
      { id: 'route', title: 'Route' },
      { id: 'rules', title: 'Rules' },
    ],
    '/persistentvolumeclaims': [{ id: 'claim', title: 'Claim' }],
    '/persistentvolumes': [{ id: 'volume', title: 'Volume' }],
    'storage.k8s.io/storageclasses': [{ id: 'storageclass', title: 'Storage class' }],
    '/serviceaccounts': [{ id: 'serviceaccount', title: 'Service account' }],
    'rbac.authorization.k8s.io/roles': [{ id: 'rules', title: 'Rules' }],
    'rbac.authorization.k8s.io/clusterroles': [{ id: 'rules', title: 'Rules' }],
    'rbac.authorization.k8s.io/rolebindings': [{ id: 'binding', title: 'Binding' }],
    'rbac.authorization.k8s.io/clusterrolebindings': [{ id: 'binding', title: 'Binding' }],
    'autoscaling/horizontalpodautoscalers': [
      { id: 'autoscaling', title: 'Autoscaling' },
      { id: 'metrics', title: 'Metrics' },
    ],
  };
  return [
    ...(own[key] ?? []),
    { id: 'overview', title: 'Overview' },
    { id: 'related', title: 'Related' },
    { id: 'events', title: 'Events' },
    { id: 'yaml', title: 'YAML' },
  ];
}

/** A probe in words: `HTTP GET /healthz on port 8080, every 10s, after 5s, timeout 1s, 3 failures`. */
export function probeText(probe: {
  httpGet?: { path?: string; port?: number | string; scheme?: string };
  tcpSocket?: { port?: number | string };
  grpc?: { port?: number; service?: string };
  exec?: { command?: string[] };
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  failureThreshold?: number;
}): string {
  let how = 'unknown';
  if (probe.httpGet !== undefined) {
    const scheme = probe.httpGet.scheme === 'HTTPS' ? 'HTTPS' : 'HTTP';
    how = `${scheme} GET ${probe.httpGet.path ?? '/'} on port ${String(probe.httpGet.port ?? '')}`;
  } else if (probe.tcpSocket !== undefined) {
    how = `TCP on port ${String(probe.tcpSocket.port ?? '')}`;
  } else if (probe.grpc !== undefined) {
    how = `gRPC on port ${String(probe.grpc.port ?? '')}`;
  } else if (probe.exec !== undefined) {
    how = `exec ${(probe.exec.command ?? []).join(' ')}`;
  }
  const parts = [how, `every ${probe.periodSeconds ?? 10}s`];
  if ((probe.initialDelaySeconds ?? 0) > 0) parts.push(`after ${probe.initialDelaySeconds}s`);
  parts.push(`timeout ${probe.timeoutSeconds ?? 1}s`);
  parts.push(`${probe.failureThreshold ?? 3} failures`);
  return parts.join(', ');
}
