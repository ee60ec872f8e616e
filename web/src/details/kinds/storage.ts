/** Pure helpers behind the PVC, PV and StorageClass sections (tested in storage.test.ts). */
import { selectorParts } from '@/details/kinds/format';
import { parseQuantity } from '@/api/quantity';

export interface ClaimFields {
  spec?: {
    accessModes?: string[];
    resources?: { requests?: Record<string, string> };
    storageClassName?: string;
    volumeMode?: string;
    volumeName?: string;
    volumeAttributesClassName?: string;
    dataSource?: { apiGroup?: string; kind?: string; name?: string };
  };
  status?: {
    phase?: string;
    capacity?: Record<string, string>;
    accessModes?: string[];
    allocatedResources?: Record<string, string>;
  };
}

interface NodeSelectorTerm {
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
  matchFields?: { key: string; operator: string; values?: string[] }[];
}

export interface VolumeFields {
  spec?: {
    capacity?: Record<string, string>;
    accessModes?: string[];
    persistentVolumeReclaimPolicy?: string;
    storageClassName?: string;
    volumeMode?: string;
    mountOptions?: string[];
    claimRef?: { namespace?: string; name?: string };
    nodeAffinity?: { required?: { nodeSelectorTerms?: NodeSelectorTerm[] } };
    [source: string]: unknown;
  };
  status?: { phase?: string; reason?: string; message?: string };
}

export interface ClassFields {
  metadata: { annotations?: Record<string, string> };
  provisioner?: string;
  reclaimPolicy?: string;
  volumeBindingMode?: string;
  allowVolumeExpansion?: boolean;
  parameters?: Record<string, string>;
  mountOptions?: string[];
  allowedTopologies?: { matchLabelExpressions?: { key: string; values?: string[] }[] }[];
}

/** A claim's storage: what it asked for, what it has, and a note when they differ. */
export function claimCapacity(claim: ClaimFields): {
  requested: string;
  actual: string | undefined;
  note: string | undefined;
} {
  const requested = claim.spec?.resources?.requests?.['storage'] ?? '—';
  const actual = claim.status?.capacity?.['storage'];
  const want = parseQuantity(requested);
  const have = actual === undefined ? Number.NaN : parseQuantity(actual);
  // NaN (a size not given, or not a quantity) is neither larger nor smaller: no note.
  const note =
    want > have
      ? 'a resize to the requested size has not finished'
      : want < have
        ? 'more than requested'
        : undefined;
  return { requested, actual, note };
}

const shortModes: Record<string, string> = {
  ReadWriteOnce: 'RWO',
  ReadOnlyMany: 'ROX',
  ReadWriteMany: 'RWX',
  ReadWriteOncePod: 'RWOP',
};

/** Access modes with kubectl's short names: `ReadWriteOnce (RWO)`. */
export function accessModesText(modes: string[] | undefined): string {
  if (modes === undefined || modes.length === 0) return '—';
  return modes.map((m) => (shortModes[m] === undefined ? m : `${m} (${shortModes[m]})`)).join(', ');
}

/** A volume's source fields worth naming, by source type. */
const sourceDetails: Record<string, string[]> = {
  csi: ['driver', 'volumeHandle', 'fsType'],
  hostPath: ['path', 'type'],
  local: ['path', 'fsType'],
  nfs: ['server', 'path'],
  iscsi: ['targetPortal', 'iqn', 'lun'],
  fc: ['targetWWNs', 'lun'],
  awsElasticBlockStore: ['volumeID', 'fsType'],
  gcePersistentDisk: ['pdName', 'fsType'],
  azureDisk: ['diskName', 'diskURI'],
  azureFile: ['shareName', 'secretName'],
  cephfs: ['monitors', 'path'],
  rbd: ['monitors', 'image', 'pool'],
  cinder: ['volumeID', 'fsType'],
  flexVolume: ['driver', 'fsType'],
  portworxVolume: ['volumeID'],
  vsphereVolume: ['volumePath', 'fsType'],
};

/** Spec fields of a PersistentVolume that are not where its storage comes from. */
const notSources = new Set([
  'capacity',
  'accessModes',
  'persistentVolumeReclaimPolicy',
  'storageClassName',
  'volumeMode',
  'mountOptions',
  'claimRef',
  'nodeAffinity',
  'volumeAttributesClassName',
]);

/** Where a volume's storage is: its source type (`csi`, `hostPath`…) and the fields that say which. */
export function volumeSource(volume: VolumeFields): { type: string; details: [string, string][] } {
  const spec = volume.spec ?? {};
  const type =
    Object.keys(sourceDetails).find((key) => spec[key] !== undefined) ??
    Object.keys(spec).find((key) => !notSources.has(key));
  if (type === undefined) return { type: '—', details: [] };
  const source = (spec[type] ?? {}) as Record<string, unknown>;
  const details = (sourceDetails[type] ?? [])
    .map((field): [string, unknown] => [field, source[field]])
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([field, value]): [string, string] => [
      field,
      Array.isArray(value) ? value.map(String).join(', ') : String(value),
    ]);
  return { type, details };
}

/** The nodes a volume can be used from, one line per alternative term. */
export function nodeAffinityTerms(volume: VolumeFields): string[] {
  const terms = volume.spec?.nodeAffinity?.required?.nodeSelectorTerms ?? [];
  return terms.map((term) =>
    selectorParts({
      matchExpressions: [...(term.matchExpressions ?? []), ...(term.matchFields ?? [])],
    })
      .map((p) => `${p.key}${p.rest}`)
      .join(', '),
  );
}

/** Whether a StorageClass is the cluster's default (the annotation, or its old beta name). */
export function isDefaultClass(storageClass: ClassFields): boolean {
  const annotations = storageClass.metadata.annotations ?? {};
  return (
    annotations['storageclass.kubernetes.io/is-default-class'] === 'true' ||
    annotations['storageclass.beta.kubernetes.io/is-default-class'] === 'true'
  );
}

/** Where a class's volumes may be placed: `topology.kubernetes.io/zone In (a, b)`, one per term. */
export function topologyTerms(storageClass: ClassFields): string[] {
  return (storageClass.allowedTopologies ?? []).map((term) =>
    (term.matchLabelExpressions ?? [])
      .map((e) => `${e.key} In (${(e.values ?? []).join(', ')})`)
      .join(', '),
  );
}

interface PodVolume {
  name: string;
  persistentVolumeClaim?: { claimName?: string };
  ephemeral?: unknown;
}

/** Whether a pod mounts a claim: by name, or as the claim its generic ephemeral volume made. */
export function mountsClaim(
  pod: { metadata: { name: string }; [field: string]: unknown },
  claim: string,
): boolean {
  const volumes = (pod['spec'] as { volumes?: PodVolume[] } | undefined)?.volumes ?? [];
  return volumes.some(
    (v) =>
      v.persistentVolumeClaim?.claimName === claim ||
      (v.ephemeral !== undefined && `${pod.metadata.name}-${v.name}` === claim),
  );
}
