import type { KubeObject } from '@/api/kube';
import { When } from '@/ui/When';
import { AppLink } from '@/details/AppLink';
import { kinds, objectHref } from '@/details/links';
import {
  envFromSource,
  envSource,
  probeText,
  qosClass,
  resourceRows,
  stateSummary,
  taintText,
} from '@/details/kinds/format';
import type { ContainerState, EnvFromSource, EnvSource, EnvVar } from '@/details/kinds/format';
import { CodeList, Section } from '@/details/kinds/parts';
import { StatusBadge } from '@/ui/StatusBadge';
import type { Navigate } from '@/details/kinds/parts';

type Probe = Parameters<typeof probeText>[0];

interface Container {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  ports?: { name?: string; containerPort?: number; protocol?: string }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  env?: EnvVar[];
  envFrom?: EnvFromSource[];
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean; subPath?: string }[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
}

interface ContainerStatus {
  name: string;
  image?: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
}

interface Volume {
  name: string;
  [source: string]: unknown;
}

export interface PodFields {
  spec?: {
    containers?: Container[];
    initContainers?: Container[];
    ephemeralContainers?: Container[];
    volumes?: Volume[];
    nodeName?: string;
    serviceAccountName?: string;
    priorityClassName?: string;
    nodeSelector?: Record<string, string>;
    tolerations?: Parameters<typeof taintText>[0][];
    restartPolicy?: string;
  };
  status?: {
    qosClass?: string;
    podIP?: string;
    hostIP?: string;
    containerStatuses?: ContainerStatus[];
    initContainerStatuses?: ContainerStatus[];
    ephemeralContainerStatuses?: ContainerStatus[];
  };
}

function State({ label, state }: { label: string; state: ContainerState | undefined }) {
  const summary = stateSummary(state);
  return (
    <div className="field-row">
      <dt>{label}</dt>
      <dd>
        <StatusBadge text={summary.phase} tone={summary.tone} />
        {summary.detail !== '' && <> ({summary.detail})</>}
        {summary.since !== undefined && (
          <span className="muted">
            {' '}
            <When at={summary.since} />
          </span>
        )}
      </dd>
    </div>
  );
}

/** An env value's source: a literal, or a link to the ConfigMap or Secret (never its value). */
export function EnvValue({
  source,
  cluster,
  namespace,
  navigate,
}: {
  source: EnvSource;
  cluster: string;
  namespace: string | undefined;
  navigate: Navigate;
}) {
  if (source.type === 'value') return <code>{source.value}</code>;
  if (source.type === 'field') return <span className="muted">{source.text}</span>;
  const kind = source.type === 'secret' ? kinds.secrets : kinds.configMaps;
  const label = source.type === 'secret' ? 'Secret' : 'ConfigMap';
  return (
    <>
      <AppLink href={objectHref(cluster, kind, namespace, source.name)} navigate={navigate}>
        {label} {source.name}
      </AppLink>
      {source.key === undefined ? (
        <span className="muted"> (every key)</span>
      ) : (
        <span className="muted"> key {source.key}</span>
      )}
    </>
  );
}

function ContainerCard({
  container,
  status,
  role,
  cluster,
  namespace,
  navigate,
}: {
  container: Container;
  status: ContainerStatus | undefined;
  role: string;
  cluster: string;
  namespace: string | undefined;
  navigate: Navigate;
}) {
  const resources = resourceRows(container.resources ?? {});
  const env = container.env ?? [];
  const envFrom = (container.envFrom ?? [])
    .map((from) => ({ from, source: envFromSource(from) }))
    .filter((e): e is { from: EnvFromSource; source: EnvSource } => e.source !== undefined);
  const mounts = container.volumeMounts ?? [];
  const probes: [string, Probe][] = [];
  if (container.livenessProbe !== undefined) probes.push(['Liveness', container.livenessProbe]);
  if (container.readinessProbe !== undefined) probes.push(['Readiness', container.readinessProbe]);
  if (container.startupProbe !== undefined) probes.push(['Startup', container.startupProbe]);
  const ports = container.ports ?? [];
  return (
    <section className="container-card" aria-label={`${role} ${container.name}`}>
      <h3>
        {container.name} {role !== 'Container' && <span className="muted">({role})</span>}
      </h3>
      <dl className="fields">
        <div className="field-row">
          <dt>Image</dt>
          <dd>
            <code>{container.image ?? status?.image ?? '—'}</code>
          </dd>
        </div>
        <State label="State" state={status?.state} />
        {status?.lastState !== undefined && Object.keys(status.lastState).length > 0 && (
          <State label="Last state" state={status.lastState} />
        )}
        <div className="field-row">
          <dt>Ready</dt>
          <dd>{status === undefined ? '—' : status.ready === true ? 'Yes' : 'No'}</dd>
        </div>
        <div className="field-row">
          <dt>Restarts</dt>
          <dd>{status?.restartCount ?? 0}</dd>
        </div>
        {(container.command !== undefined || container.args !== undefined) && (
          <div className="field-row">
            <dt>Command</dt>
            <dd>
              <code>{[...(container.command ?? []), ...(container.args ?? [])].join(' ')}</code>
            </dd>
          </div>
        )}
        {ports.length > 0 && (
          <div className="field-row">
            <dt>Ports</dt>
            <dd>
              {ports
                .map(
                  (p) =>
                    `${p.name === undefined ? '' : `${p.name} `}${String(p.containerPort ?? '')}/${p.protocol ?? 'TCP'}`,
                )
                .join(', ')}
            </dd>
          </div>
        )}
        {probes.map(([name, probe]) => (
          <div className="field-row" key={name}>
            <dt>{name} probe</dt>
            <dd>{probeText(probe)}</dd>
          </div>
        ))}
      </dl>
      {resources.length > 0 && (
        <table className="details-table compact">
          <caption>Resources</caption>
          <thead>
            <tr>
              <th scope="col">Resource</th>
              <th scope="col">Request</th>
              <th scope="col">Limit</th>
            </tr>
          </thead>
          <tbody>
            {resources.map((r) => (
              <tr key={r.resource}>
                <td>{r.resource}</td>
                <td>{r.request}</td>
                <td>{r.limit}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(env.length > 0 || envFrom.length > 0) && (
        <table className="details-table compact">
          <caption>Environment</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {envFrom.map(({ from, source }, i) => (
              <tr key={`from-${i}`}>
                <td>{from.prefix === undefined ? '(all)' : `${from.prefix}*`}</td>
                <td>
                  <EnvValue
                    source={source}
                    cluster={cluster}
                    namespace={namespace}
                    navigate={navigate}
                  />
                </td>
              </tr>
            ))}
            {env.map((variable) => (
              <tr key={variable.name}>
                <td>
                  <code>{variable.name}</code>
                </td>
                <td>
                  <EnvValue
                    source={envSource(variable)}
                    cluster={cluster}
                    namespace={namespace}
                    navigate={navigate}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mounts.length > 0 && (
        <table className="details-table compact">
          <caption>Mounts</caption>
          <thead>
            <tr>
              <th scope="col">Volume</th>
              <th scope="col">Path</th>
              <th scope="col">Mode</th>
            </tr>
          </thead>
          <tbody>
            {mounts.map((m) => (
              <tr key={`${m.name}:${m.mountPath}`}>
                <td>
                  <a href="#volumes">{m.name}</a>
                </td>
                <td>
                  <code>
                    {m.mountPath}
                    {m.subPath === undefined ? '' : ` (${m.subPath})`}
                  </code>
                </td>
                <td>{m.readOnly === true ? 'read-only' : 'read-write'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** A pod's containers (init, regular, ephemeral), each with its spec and status. */
export function PodContainers({
  cluster,
  pod,
  navigate,
}: {
  cluster: string;
  pod: KubeObject;
  navigate: Navigate;
}) {
  const { spec, status } = pod as KubeObject & PodFields;
  const groups: [string, Container[], ContainerStatus[]][] = [
    ['Init container', spec?.initContainers ?? [], status?.initContainerStatuses ?? []],
    ['Container', spec?.containers ?? [], status?.containerStatuses ?? []],
    [
      'Ephemeral container',
      spec?.ephemeralContainers ?? [],
      status?.ephemeralContainerStatuses ?? [],
    ],
  ];
  return (
    <Section id="containers" title="Containers">
      <div className="container-cards">
        {groups.flatMap(([role, containers, statuses]) =>
          containers.map((container) => (
            <ContainerCard
              key={`${role}/${container.name}`}
              container={container}
              status={statuses.find((s) => s.name === container.name)}
              role={role}
              cluster={cluster}
              namespace={pod.metadata.namespace}
              navigate={navigate}
            />
          )),
        )}
      </div>
    </Section>
  );
}

const volumeKinds = [
  'configMap',
  'secret',
  'persistentVolumeClaim',
  'emptyDir',
  'hostPath',
  'projected',
  'downwardAPI',
  'csi',
  'ephemeral',
  'nfs',
] as const;

function VolumeSource({
  volume,
  cluster,
  namespace,
  navigate,
}: {
  volume: Volume;
  cluster: string;
  namespace: string | undefined;
  navigate: Navigate;
}) {
  const link = (kind: (typeof kinds)[keyof typeof kinds], label: string, name: unknown) =>
    typeof name === 'string' ? (
      <AppLink href={objectHref(cluster, kind, namespace, name)} navigate={navigate}>
        {label} {name}
      </AppLink>
    ) : null;
  const v = volume as Volume & {
    configMap?: { name?: string };
    secret?: { secretName?: string };
    persistentVolumeClaim?: { claimName?: string };
    hostPath?: { path?: string };
    projected?: { sources?: Record<string, unknown>[] };
  };
  if (v.configMap !== undefined) return link(kinds.configMaps, 'ConfigMap', v.configMap.name);
  if (v.secret !== undefined) return link(kinds.secrets, 'Secret', v.secret.secretName);
  if (v.persistentVolumeClaim !== undefined) {
    return link(
      kinds.persistentVolumeClaims,
      'PersistentVolumeClaim',
      v.persistentVolumeClaim.claimName,
    );
  }
  if (v.hostPath !== undefined) return <code>{v.hostPath.path}</code>;
  if (v.projected !== undefined) {
    const parts = (v.projected.sources ?? []).map((source) => Object.keys(source).join(' '));
    return <span className="muted">{parts.join(', ')}</span>;
  }
  return null;
}

/** A pod's volumes: their type and the object each comes from, linked. */
export function PodVolumes({
  cluster,
  pod,
  navigate,
}: {
  cluster: string;
  pod: KubeObject;
  navigate: Navigate;
}) {
  const volumes = (pod as KubeObject & PodFields).spec?.volumes ?? [];
  return (
    <Section id="volumes" title="Volumes">
      {volumes.length === 0 ? (
        <p className="muted">None</p>
      ) : (
        <table className="details-table">
          <caption className="visually-hidden">Volumes</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {volumes.map((volume) => (
              <tr key={volume.name}>
                <td>{volume.name}</td>
                <td>{volumeKinds.find((k) => k in volume) ?? Object.keys(volume)[1] ?? '—'}</td>
                <td>
                  <VolumeSource
                    volume={volume}
                    cluster={cluster}
                    namespace={pod.metadata.namespace}
                    navigate={navigate}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

/** Where and how a pod runs: node, IPs, QoS class, service account, tolerations. */
export function PodScheduling({
  cluster,
  pod,
  navigate,
}: {
  cluster: string;
  pod: KubeObject;
  navigate: Navigate;
}) {
  const fields = pod as KubeObject & PodFields;
  const spec = fields.spec ?? {};
  const status = fields.status ?? {};
  const namespace = pod.metadata.namespace;
  const tolerations = spec.tolerations ?? [];
  const selector = Object.entries(spec.nodeSelector ?? {});
  return (
    <Section id="scheduling" title="Scheduling">
      <dl className="fields">
        <div className="field-row">
          <dt>Node</dt>
          <dd>
            {spec.nodeName === undefined || spec.nodeName === '' ? (
              <span className="muted">Not scheduled to a node yet.</span>
            ) : (
              <AppLink
                href={objectHref(cluster, kinds.nodes, undefined, spec.nodeName)}
                navigate={navigate}
              >
                {spec.nodeName}
              </AppLink>
            )}
          </dd>
        </div>
        <div className="field-row">
          <dt>Pod IP</dt>
          <dd>{status.podIP ?? '—'}</dd>
        </div>
        <div className="field-row">
          <dt>Host IP</dt>
          <dd>{status.hostIP ?? '—'}</dd>
        </div>
        <div className="field-row">
          <dt>QoS class</dt>
          <dd>{qosClass(fields)}</dd>
        </div>
        <div className="field-row">
          <dt>Service account</dt>
          <dd>
            {spec.serviceAccountName === undefined ? (
              '—'
            ) : (
              <AppLink
                href={objectHref(
                  cluster,
                  kinds.serviceAccounts,
                  namespace,
                  spec.serviceAccountName,
                )}
                navigate={navigate}
              >
                {spec.serviceAccountName}
              </AppLink>
            )}
          </dd>
        </div>
        {spec.priorityClassName !== undefined && (
          <div className="field-row">
            <dt>Priority class</dt>
            <dd>{spec.priorityClassName}</dd>
          </div>
        )}
        <div className="field-row">
          <dt>Restart policy</dt>
          <dd>{spec.restartPolicy ?? '—'}</dd>
        </div>
        {selector.length > 0 && (
          <div className="field-row">
            <dt>Node selector</dt>
            <dd>{selector.map(([k, v]) => `${k}=${v}`).join(', ')}</dd>
          </div>
        )}
        <CodeList label="Tolerations" items={tolerations.map(taintText)} />
      </dl>
    </Section>
  );
}
