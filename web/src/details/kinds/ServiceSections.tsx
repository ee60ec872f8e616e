import type { KubeObject } from '@/api/kube';
import { kinds } from '@/details/links';
import { listUrl } from '@/routes';
import { AppLink } from '@/details/AppLink';
import { selectorQuery } from '@/api/related';

interface ServiceFields {
  spec?: {
    type?: string;
    clusterIP?: string;
    clusterIPs?: string[];
    externalIPs?: string[];
    externalName?: string;
    loadBalancerIP?: string;
    sessionAffinity?: string;
    ipFamilies?: string[];
    internalTrafficPolicy?: string;
    externalTrafficPolicy?: string;
    selector?: Record<string, string>;
  };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

/** A Service's type, addresses, policies and selector (its ports and endpoints are below). */
export function ServiceSummary({
  cluster,
  service,
  navigate,
}: {
  cluster: string;
  service: KubeObject;
  navigate: (to: string) => void;
}) {
  const { spec, status } = service as KubeObject & ServiceFields;
  const ips = spec?.clusterIPs ?? (spec?.clusterIP === undefined ? [] : [spec.clusterIP]);
  const ingress = (status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname ?? '');
  const selector = selectorQuery(spec?.selector ?? null);
  const rows: [string, string | undefined][] = [
    ['Type', spec?.type ?? 'ClusterIP'],
    ['Cluster IPs', ips.length === 0 ? undefined : ips.join(', ')],
    ['External name', spec?.externalName],
    ['External IPs', spec?.externalIPs?.join(', ')],
    ['Load balancer', ingress.length === 0 ? undefined : ingress.join(', ')],
    ['IP families', spec?.ipFamilies?.join(', ')],
    ['Session affinity', spec?.sessionAffinity],
    ['Internal traffic policy', spec?.internalTrafficPolicy],
    ['External traffic policy', spec?.externalTrafficPolicy],
  ];
  return (
    <section className="details-section" id="service" aria-labelledby="service-title">
      <h2 id="service-title">Service</h2>
      <dl className="fields">
        {rows
          .filter((row): row is [string, string] => row[1] !== undefined && row[1] !== '')
          .map(([label, value]) => (
            <div className="field-row" key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        <div className="field-row">
          <dt>Selector</dt>
          <dd>
            {selector === null ? (
              <span className="muted">None (endpoints are managed by hand)</span>
            ) : (
              <AppLink
                href={listUrl(cluster, kinds.pods, {
                  ns: [service.metadata.namespace ?? ''],
                  l: selector,
                })}
                navigate={navigate}
              >
                <code>{selector}</code>
              </AppLink>
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}
