import type { KubeObject } from '@/api/kube';
import { PortForwardButton } from '@/portforward/PortForwardButton';

interface ContainerPort {
  name?: string;
  containerPort?: number;
  protocol?: string;
}

interface PodPortFields {
  spec?: { containers?: { name?: string; ports?: ContainerPort[] }[] };
}

/** The ports a pod's containers declare, each with "Port forward" where allowed. */
export function PodPorts({ cluster, pod }: { cluster: string; pod: KubeObject }) {
  const containers = (pod as KubeObject & PodPortFields).spec?.containers ?? [];
  const ports = containers.flatMap((container) =>
    (container.ports ?? [])
      .filter(
        (p): p is ContainerPort & { containerPort: number } => typeof p.containerPort === 'number',
      )
      .map((port) => ({ container: container.name ?? '', ...port })),
  );
  if (ports.length === 0) return null;
  const namespace = pod.metadata.namespace ?? '';
  return (
    <section className="details-section">
      <h2>Ports</h2>
      <table className="details-table">
        <caption className="visually-hidden">Container ports</caption>
        <thead>
          <tr>
            <th scope="col">Container</th>
            <th scope="col">Name</th>
            <th scope="col">Port</th>
            <th scope="col">Protocol</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {ports.map((port) => (
            <tr key={`${port.container}/${port.containerPort}/${port.protocol ?? 'TCP'}`}>
              <td>{port.container}</td>
              <td>{port.name ?? '—'}</td>
              <td>{port.containerPort}</td>
              <td>{port.protocol ?? 'TCP'}</td>
              <td>
                {(port.protocol ?? 'TCP') === 'TCP' && (
                  <PortForwardButton
                    cluster={cluster}
                    target={{ namespace, pod: pod.metadata.name, port: port.containerPort }}
                    label={`Port forward ${port.containerPort} of ${port.container}`}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
