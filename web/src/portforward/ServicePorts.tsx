import { withBase } from '@/api/base';
import type { KubeObject } from '@/api/kube';
import { useCan } from '@/api/access';
import { PortForwardButton } from '@/portforward/PortForwardButton';

interface ServicePort {
  name?: string;
  port?: number;
  targetPort?: number | string;
  protocol?: string;
}

interface ServiceFields {
  spec?: { ports?: ServicePort[]; type?: string };
}

/** Lanthorn's service proxy URL of one port of a Service (its root path). */
export function serviceProxyHref(
  cluster: string,
  namespace: string,
  service: string,
  port: ServicePort,
): string {
  const part = encodeURIComponent;
  const which = port.name !== undefined && port.name !== '' ? port.name : String(port.port ?? '');
  return withBase(
    `/clusters/${part(cluster)}/serviceproxy/${part(namespace)}/${part(service)}:${part(which)}/`,
  );
}

/**
 * A Service's ports, each with "Open through Lanthorn" (the API server's service proxy, as
 * the signed-in user) and "Port forward", as far as the cluster allows them.
 */
export function ServicePorts({ cluster, service }: { cluster: string; service: KubeObject }) {
  const ports = ((service as KubeObject & ServiceFields).spec?.ports ?? []).filter(
    (p): p is ServicePort & { port: number } => typeof p.port === 'number',
  );
  const namespace = service.metadata.namespace ?? '';
  const name = service.metadata.name;
  const canProxy = useCan(cluster, {
    verb: 'get',
    group: '',
    resource: 'services',
    subresource: 'proxy',
    namespace,
    name,
  });
  if (ports.length === 0) return null;
  return (
    <section className="details-section">
      <h2>Ports</h2>
      <table className="details-table">
        <caption className="visually-hidden">Service ports</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Port</th>
            <th scope="col">Target port</th>
            <th scope="col">Protocol</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {ports.map((port) => {
            const tcp = (port.protocol ?? 'TCP') === 'TCP';
            return (
              <tr key={`${port.port}/${port.protocol ?? 'TCP'}`}>
                <td>{port.name ?? '—'}</td>
                <td>{port.port}</td>
                <td>{port.targetPort ?? port.port}</td>
                <td>{port.protocol ?? 'TCP'}</td>
                <td className="port-actions">
                  {tcp && canProxy && (
                    <a
                      href={serviceProxyHref(cluster, namespace, name, port)}
                      target="_blank"
                      rel="noreferrer"
                      aria-label={`Open through Lanthorn: port ${port.port}${port.name === undefined ? '' : ` (${port.name})`}`}
                    >
                      Open through Lanthorn
                    </a>
                  )}{' '}
                  {tcp && (
                    <PortForwardButton
                      cluster={cluster}
                      target={{ namespace, service: name, port: port.port }}
                      label={`Port forward ${port.port} of Service ${name}`}
                    />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
