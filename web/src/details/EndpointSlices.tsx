import type { KubeObject } from '@/api/kube';
import { AppLink } from '@/details/AppLink';
import { kinds, objectHref } from '@/details/links';

interface Endpoint {
  addresses?: string[];
  conditions?: { ready?: boolean | null; terminating?: boolean | null };
  nodeName?: string;
  targetRef?: { kind?: string; name?: string; namespace?: string };
}

interface SliceFields {
  addressType?: string;
  endpoints?: Endpoint[] | null;
  ports?: { name?: string; port?: number; protocol?: string }[] | null;
}

function portsText(slice: SliceFields): string {
  const ports = slice.ports ?? [];
  return ports.length === 0
    ? 'no ports'
    : ports
        .map((p) => `${p.name ? `${p.name} ` : ''}${p.port ?? '?'}/${p.protocol ?? 'TCP'}`)
        .join(', ');
}

/** A Service's EndpointSlices and the endpoints in each. */
export function EndpointSlices({
  cluster,
  slices,
  navigate,
}: {
  cluster: string;
  slices: KubeObject[];
  navigate: (to: string) => void;
}) {
  if (slices.length === 0) {
    return <p className="muted">No endpoints.</p>;
  }
  return (
    <>
      {slices.map((slice) => {
        const fields = slice as KubeObject & SliceFields;
        const endpoints = fields.endpoints ?? [];
        return (
          <div key={slice.metadata.name} className="endpoint-slice">
            <p>
              <AppLink
                href={objectHref(
                  cluster,
                  kinds.endpointSlices,
                  slice.metadata.namespace,
                  slice.metadata.name,
                )}
                navigate={navigate}
              >
                {slice.metadata.name}
              </AppLink>{' '}
              <span className="muted">
                {fields.addressType ?? ''} · {portsText(fields)}
              </span>
            </p>
            {endpoints.length === 0 ? (
              <p className="muted">No endpoints in this slice.</p>
            ) : (
              <table className="details-table">
                <caption className="visually-hidden">{`Endpoints in ${slice.metadata.name}`}</caption>
                <thead>
                  <tr>
                    <th scope="col">Addresses</th>
                    <th scope="col">Ready</th>
                    <th scope="col">Target</th>
                    <th scope="col">Node</th>
                  </tr>
                </thead>
                <tbody>
                  {endpoints.map((endpoint, i) => {
                    const target = endpoint.targetRef;
                    return (
                      <tr key={i}>
                        <td>{(endpoint.addresses ?? []).join(', ')}</td>
                        <td>{endpoint.conditions?.ready === false ? 'no' : 'yes'}</td>
                        <td>
                          {target?.kind === 'Pod' && target.name !== undefined ? (
                            <AppLink
                              href={objectHref(
                                cluster,
                                kinds.pods,
                                target.namespace ?? slice.metadata.namespace,
                                target.name,
                              )}
                              navigate={navigate}
                            >
                              Pod {target.name}
                            </AppLink>
                          ) : (
                            `${target?.kind ?? ''} ${target?.name ?? ''}`.trim() || '—'
                          )}
                        </td>
                        <td>
                          {endpoint.nodeName === undefined ? (
                            '—'
                          ) : (
                            <AppLink
                              href={objectHref(cluster, kinds.nodes, undefined, endpoint.nodeName)}
                              navigate={navigate}
                            >
                              {endpoint.nodeName}
                            </AppLink>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
          </div>
        );
      })}
    </>
  );
}
