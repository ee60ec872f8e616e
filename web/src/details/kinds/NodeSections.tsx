import type { KubeObject } from '@/api/kube';
import { taintText } from '@/details/kinds/format';
import { StatusBadge } from '@/ui/StatusBadge';
import { CodeList } from '@/details/kinds/parts';

interface NodeFields {
  spec?: {
    unschedulable?: boolean;
    podCIDR?: string;
    providerID?: string;
    taints?: Parameters<typeof taintText>[0][];
  };
  status?: {
    capacity?: Record<string, string>;
    allocatable?: Record<string, string>;
    addresses?: { type?: string; address?: string }[];
    nodeInfo?: Record<string, string>;
  };
}

/** Capacity and allocatable side by side, resource by resource (cpu, memory, pods first). */
export function capacityRows(node: KubeObject): {
  resource: string;
  capacity: string;
  allocatable: string;
}[] {
  const status = (node as KubeObject & NodeFields).status;
  const names = new Set([
    ...Object.keys(status?.capacity ?? {}),
    ...Object.keys(status?.allocatable ?? {}),
  ]);
  const first = ['cpu', 'memory', 'pods', 'ephemeral-storage'];
  const order = (name: string) => {
    const at = first.indexOf(name);
    return at < 0 ? first.length : at;
  };
  return [...names]
    .sort((a, b) => order(a) - order(b) || a.localeCompare(b))
    .map((resource) => ({
      resource,
      capacity: status?.capacity?.[resource] ?? '—',
      allocatable: status?.allocatable?.[resource] ?? '—',
    }));
}

const infoLabels: [string, string][] = [
  ['kubeletVersion', 'Kubelet'],
  ['kubeProxyVersion', 'Kube-proxy'],
  ['containerRuntimeVersion', 'Container runtime'],
  ['osImage', 'OS image'],
  ['kernelVersion', 'Kernel'],
  ['operatingSystem', 'Operating system'],
  ['architecture', 'Architecture'],
  ['machineID', 'Machine ID'],
];

/** A node's scheduling state, addresses, taints and system info. */
export function NodeSummary({ node }: { node: KubeObject }) {
  const { spec, status } = node as KubeObject & NodeFields;
  const taints = spec?.taints ?? [];
  const info = status?.nodeInfo ?? {};
  return (
    <section className="details-section" id="node" aria-labelledby="node-title">
      <h2 id="node-title">Node</h2>
      <dl className="fields">
        <div className="field-row">
          <dt>Scheduling</dt>
          <dd>
            {spec?.unschedulable === true ? (
              <StatusBadge text="Cordoned (unschedulable)" tone="warn" />
            ) : (
              <StatusBadge text="Schedulable" tone="good" />
            )}
          </dd>
        </div>
        {(status?.addresses ?? []).map((a) => (
          <div className="field-row" key={`${a.type ?? ''}/${a.address ?? ''}`}>
            <dt>{a.type ?? 'Address'}</dt>
            <dd>
              <code>{a.address}</code>
            </dd>
          </div>
        ))}
        {spec?.podCIDR !== undefined && (
          <div className="field-row">
            <dt>Pod CIDR</dt>
            <dd>
              <code>{spec.podCIDR}</code>
            </dd>
          </div>
        )}
        <CodeList label="Taints" items={taints.map(taintText)} />
        {infoLabels
          .filter(([key]) => info[key] !== undefined && info[key] !== '')
          .map(([key, label]) => (
            <div className="field-row" key={key}>
              <dt>{label}</dt>
              <dd>{info[key]}</dd>
            </div>
          ))}
      </dl>
    </section>
  );
}

/** What the node has, and what of it pods may use. */
export function NodeCapacity({ node }: { node: KubeObject }) {
  const rows = capacityRows(node);
  return (
    <section className="details-section" id="capacity" aria-labelledby="capacity-title">
      <h2 id="capacity-title">Capacity</h2>
      {rows.length === 0 ? (
        <p className="muted">Not reported.</p>
      ) : (
        <table className="details-table">
          <caption className="visually-hidden">Capacity and allocatable</caption>
          <thead>
            <tr>
              <th scope="col">Resource</th>
              <th scope="col">Capacity</th>
              <th scope="col">Allocatable</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.resource}>
                <td>{r.resource}</td>
                <td>{r.capacity}</td>
                <td>{r.allocatable}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
