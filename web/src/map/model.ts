import type { KubeObject } from '@/api/kube';
import { objectStatus } from '@/details/objectStatus';
import type { ObjectStatus } from '@/details/objectStatus';
import { isMapKind } from '@/map/kinds';
import type { MapKind } from '@/map/kinds';

/**
 * The resource map's graph, built from the objects of a namespace (or of the cluster): pure,
 * no React, so every relation is tested on its own. Objects in, nodes and edges out.
 *
 * ConfigMaps, Secrets, PersistentVolumes and Nodes appear only when something in view refers
 * to them (a pod's volume or env, a claim's volume, a pod's node): a namespace's Helm release
 * Secrets or the cluster's other nodes are not what its map is about. Something referred to
 * that was not read becomes a node all the same, marked `listed: false`: "not listed" when
 * its kind was not read (the user may not list it), "missing" when it was and is not there.
 */

export type Tone = ObjectStatus['tone'];

/** What an edge says: from → to. */
export type Relation =
  /** ownerReferences: the owner → what it owns. */
  | 'owns'
  /** A Service's selector → a pod it selects. */
  | 'selects'
  /** An Ingress or HTTPRoute → a backend Service. */
  | 'routes'
  /** A pod → a ConfigMap, Secret or claim it mounts as a volume. */
  | 'mounts'
  /** A pod → a ConfigMap or Secret its containers read into their environment. */
  | 'env'
  /** A claim → its PersistentVolume. */
  | 'binds'
  /** A pod → the node it runs on. */
  | 'runs-on';

export interface MapObject {
  kind: MapKind;
  object: KubeObject;
}

export interface MapNode {
  /** `Kind/namespace/name` (namespace empty for cluster-scoped kinds). */
  id: string;
  kind: MapKind;
  name: string;
  namespace: string | undefined;
  labels: Record<string, string>;
  status: ObjectStatus;
  /** False for an object known only because something refers to it. */
  listed: boolean;
  /** A pod's node, when scheduled. */
  nodeName?: string;
  /** The id of the workload at the top of its owners (a pod's Deployment, say). */
  workload?: string;
}

export interface MapEdge {
  id: string;
  from: string;
  to: string;
  relation: Relation;
}

export interface MapGraph {
  nodes: MapNode[];
  edges: MapEdge[];
}

const CLUSTER_SCOPED: ReadonlySet<MapKind> = new Set(['Node', 'PersistentVolume']);
/** Drawn only when referred to. */
const ONLY_REFERRED: ReadonlySet<MapKind> = new Set([
  'ConfigMap',
  'Secret',
  'PersistentVolume',
  'Node',
]);
const WORKLOADS: ReadonlySet<MapKind> = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'CronJob',
]);

export function nodeId(kind: MapKind, namespace: string | undefined, name: string): string {
  return `${kind}/${CLUSTER_SCOPED.has(kind) ? '' : (namespace ?? '')}/${name}`;
}

const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
const list = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? value.map(record) : [];
const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

function statusOf(kind: MapKind, object: KubeObject): ObjectStatus {
  if (kind === 'CronJob') {
    return record(object.spec).suspend === true
      ? { text: 'Suspended', tone: 'neutral' }
      : { text: 'Scheduled', tone: 'good' };
  }
  if (str(record(object.metadata).deletionTimestamp) !== undefined) {
    return { text: 'Terminating', tone: 'pending' };
  }
  if (kind === 'Service')
    return { text: str(record(object.spec).type) ?? 'ClusterIP', tone: 'info' };
  return objectStatus(kind, object) ?? { text: 'Present', tone: 'info' };
}

/** The names of ConfigMaps, Secrets and claims a pod's volumes name. */
function volumeRefs(spec: Record<string, unknown>): [MapKind, string][] {
  const refs: [MapKind, string][] = [];
  for (const volume of list(spec.volumes)) {
    const configMap = str(record(volume.configMap).name);
    if (configMap !== undefined) refs.push(['ConfigMap', configMap]);
    const secret = str(record(volume.secret).secretName);
    if (secret !== undefined) refs.push(['Secret', secret]);
    const claim = str(record(volume.persistentVolumeClaim).claimName);
    if (claim !== undefined) refs.push(['PersistentVolumeClaim', claim]);
    for (const projected of list(record(volume.projected).sources)) {
      const cm = str(record(projected.configMap).name);
      if (cm !== undefined) refs.push(['ConfigMap', cm]);
      const sec = str(record(projected.secret).name);
      if (sec !== undefined) refs.push(['Secret', sec]);
    }
  }
  return refs;
}

/** The ConfigMaps and Secrets a pod's containers (init containers too) read as env. */
function envRefs(spec: Record<string, unknown>): [MapKind, string][] {
  const refs: [MapKind, string][] = [];
  const containers = [
    ...list(spec.initContainers),
    ...list(spec.containers),
    ...list(spec.ephemeralContainers),
  ];
  for (const container of containers) {
    for (const variable of list(container.env)) {
      const from = record(variable.valueFrom);
      const cm = str(record(from.configMapKeyRef).name);
      if (cm !== undefined) refs.push(['ConfigMap', cm]);
      const secret = str(record(from.secretKeyRef).name);
      if (secret !== undefined) refs.push(['Secret', secret]);
    }
    for (const source of list(container.envFrom)) {
      const cm = str(record(source.configMapRef).name);
      if (cm !== undefined) refs.push(['ConfigMap', cm]);
      const secret = str(record(source.secretRef).name);
      if (secret !== undefined) refs.push(['Secret', secret]);
    }
  }
  return refs;
}

/** The Services an Ingress sends to (default backend and every path). */
function ingressBackends(spec: Record<string, unknown>): string[] {
  const names: string[] = [];
  const fallback = str(record(record(spec.defaultBackend).service).name);
  if (fallback !== undefined) names.push(fallback);
  for (const rule of list(spec.rules)) {
    for (const path of list(record(rule.http).paths)) {
      const name = str(record(record(path.backend).service).name);
      if (name !== undefined) names.push(name);
    }
  }
  return names;
}

/** The Services (namespace, name) an HTTPRoute sends to; other backend kinds are skipped. */
function routeBackends(spec: Record<string, unknown>, namespace: string): [string, string][] {
  const refs: [string, string][] = [];
  for (const rule of list(spec.rules)) {
    for (const backend of list(rule.backendRefs)) {
      const kind = str(backend.kind) ?? 'Service';
      const group = str(backend.group) ?? '';
      const name = str(backend.name);
      if (kind !== 'Service' || group !== '' || name === undefined) continue;
      refs.push([str(backend.namespace) ?? namespace, name]);
    }
  }
  return refs;
}

const selects = (selector: Record<string, unknown>, labels: Record<string, string>) =>
  Object.entries(selector).every(([key, value]) => labels[key] === value);

/** Builds the graph of `objects`; `listedKinds` are the kinds that were read in full. */
export function buildGraph(
  objects: readonly MapObject[],
  listedKinds: ReadonlySet<MapKind>,
): MapGraph {
  const nodes = new Map<string, MapNode>();
  const byUid = new Map<string, string>();
  const known = new Map<string, MapObject>();
  const edges = new Map<string, MapEdge>();

  for (const item of objects) {
    const { name, namespace } = item.object.metadata;
    const id = nodeId(item.kind, namespace, name);
    known.set(id, item);
  }

  const nodeOf = (item: MapObject, id: string): MapNode => {
    const meta = item.object.metadata;
    const node: MapNode = {
      id,
      kind: item.kind,
      name: meta.name,
      namespace: CLUSTER_SCOPED.has(item.kind) ? undefined : meta.namespace,
      labels: meta.labels ?? {},
      status: statusOf(item.kind, item.object),
      listed: true,
    };
    if (item.kind === 'Pod') {
      const nodeName = str(record(item.object.spec).nodeName);
      if (nodeName !== undefined) node.nodeName = nodeName;
    }
    return node;
  };

  const add = (item: MapObject): MapNode => {
    const { name, namespace } = item.object.metadata;
    const id = nodeId(item.kind, namespace, name);
    let node = nodes.get(id);
    if (node === undefined) {
      node = nodeOf(item, id);
      nodes.set(id, node);
      const uid = item.object.metadata.uid;
      if (uid !== undefined) byUid.set(uid, id);
    }
    return node;
  };

  /** The node of something referred to: the object when read, else a stand-in. */
  const referred = (kind: MapKind, namespace: string | undefined, name: string): string => {
    const id = nodeId(kind, namespace, name);
    if (nodes.has(id)) return id;
    const item = known.get(id);
    if (item !== undefined) return add(item).id;
    nodes.set(id, {
      id,
      kind,
      name,
      namespace: CLUSTER_SCOPED.has(kind) ? undefined : namespace,
      labels: {},
      status: listedKinds.has(kind)
        ? { text: 'Missing', tone: 'bad' }
        : { text: 'Not listed', tone: 'neutral' },
      listed: false,
    });
    return id;
  };

  const link = (from: string, to: string, relation: Relation) => {
    const id = `${relation}:${from}>${to}`;
    if (from !== to && !edges.has(id)) edges.set(id, { id, from, to, relation });
  };

  for (const item of objects) {
    if (!ONLY_REFERRED.has(item.kind)) add(item);
  }

  // Owner references: by uid when the owner was read, else by kind and name.
  for (const node of [...nodes.values()]) {
    const item = known.get(node.id);
    for (const owner of item?.object.metadata.ownerReferences ?? []) {
      const ownerId = byUid.get(owner.uid);
      if (ownerId !== undefined) {
        link(ownerId, node.id, 'owns');
      } else if (isMapKind(owner.kind) && WORKLOADS.has(owner.kind)) {
        link(referred(owner.kind, node.namespace, owner.name), node.id, 'owns');
      }
    }
  }

  const pods = [...nodes.values()].filter((node) => node.kind === 'Pod' && node.listed);
  for (const pod of pods) {
    const spec = record(known.get(pod.id)?.object.spec);
    for (const [kind, name] of volumeRefs(spec)) {
      link(pod.id, referred(kind, pod.namespace, name), 'mounts');
    }
    for (const [kind, name] of envRefs(spec)) {
      link(pod.id, referred(kind, pod.namespace, name), 'env');
    }
    if (pod.nodeName !== undefined) {
      link(pod.id, referred('Node', undefined, pod.nodeName), 'runs-on');
    }
  }

  // Selectors: pods indexed by namespace, so a Service looks only at its own.
  const podsByNamespace = new Map<string, MapNode[]>();
  for (const pod of pods) {
    const key = pod.namespace ?? '';
    const same = podsByNamespace.get(key);
    if (same === undefined) podsByNamespace.set(key, [pod]);
    else same.push(pod);
  }
  for (const node of [...nodes.values()]) {
    const item = known.get(node.id);
    if (item === undefined || !node.listed) continue;
    const spec = record(item.object.spec);
    const namespace = node.namespace ?? '';
    switch (node.kind) {
      case 'Service': {
        const selector = record(spec.selector);
        if (Object.keys(selector).length === 0) break;
        for (const pod of podsByNamespace.get(namespace) ?? []) {
          if (selects(selector, pod.labels)) link(node.id, pod.id, 'selects');
        }
        break;
      }
      case 'Ingress':
        for (const name of ingressBackends(spec)) {
          link(node.id, referred('Service', namespace, name), 'routes');
        }
        break;
      case 'HTTPRoute':
        for (const [ns, name] of routeBackends(spec, namespace)) {
          link(node.id, referred('Service', ns, name), 'routes');
        }
        break;
      case 'PersistentVolumeClaim': {
        const volume = str(spec.volumeName);
        if (volume !== undefined)
          link(node.id, referred('PersistentVolume', undefined, volume), 'binds');
        break;
      }
      default:
        break;
    }
  }

  const graph = { nodes: [...nodes.values()], edges: [...edges.values()] };
  markWorkloads(graph);
  return graph;
}

/** Sets each pod's, ReplicaSet's and Job's `workload`: the owner at the top of its chain. */
function markWorkloads(graph: MapGraph): void {
  const ownerOf = new Map<string, string>();
  for (const edge of graph.edges) {
    if (edge.relation === 'owns' && !ownerOf.has(edge.to)) ownerOf.set(edge.to, edge.from);
  }
  const kindOf = new Map(graph.nodes.map((node) => [node.id, node.kind]));
  for (const node of graph.nodes) {
    if (node.kind !== 'Pod' && node.kind !== 'ReplicaSet' && node.kind !== 'Job') continue;
    let top: string | undefined;
    let at = ownerOf.get(node.id);
    const seen = new Set<string>();
    while (at !== undefined && !seen.has(at)) {
      seen.add(at);
      const kind = kindOf.get(at);
      if (kind !== undefined && WORKLOADS.has(kind)) top = at;
      at = ownerOf.get(at);
    }
    if (top !== undefined) node.workload = top;
  }
}
