import type { KubeObject } from '@/api/kube';
import { AppLink } from '@/details/AppLink';
import { kinds, objectHref } from '@/details/links';
import {
  ingressClass,
  ingressRules,
  ingressTarget,
  loadBalancerAddresses,
} from '@/details/kinds/network';
import type { IngressFields, IngressTarget } from '@/details/kinds/network';
import { Field, Section, Table, TargetLink, Values } from '@/details/kinds/parts';
import type { KindProps, Navigate } from '@/details/kinds/parts';

/** Where requests go: the Service (linked) and its port, or the object a resource backend names. */
function Target({
  cluster,
  namespace,
  target,
  navigate,
}: {
  cluster: string;
  namespace: string | undefined;
  target: IngressTarget;
  navigate: Navigate;
}) {
  if (target.type === 'service') {
    return (
      <>
        <AppLink
          href={objectHref(cluster, kinds.services, namespace, target.name)}
          navigate={navigate}
        >
          {target.name}
        </AppLink>
        <span className="muted">:{target.port}</span>
      </>
    );
  }
  if (target.type === 'resource') {
    return <TargetLink cluster={cluster} target={target.target} navigate={navigate} />;
  }
  return <span className="muted">the default backend</span>;
}

/** An Ingress's class, default backend and addresses; its rules; its TLS certificates. */
export function IngressSections({ cluster, object, navigate }: KindProps) {
  const ingress = object as KubeObject & IngressFields;
  const namespace = object.metadata.namespace;
  const cls = ingressClass(ingress);
  const addresses = loadBalancerAddresses(ingress.status?.loadBalancer);
  const rules = ingressRules(ingress);
  const tls = ingress.spec?.tls ?? [];
  const target = (t: IngressTarget) => (
    <Target cluster={cluster} namespace={namespace} target={t} navigate={navigate} />
  );
  return (
    <>
      <Section id="ingress" title="Ingress">
        <dl className="fields">
          <Field label="Ingress class">
            {cls === undefined ? (
              <span className="muted">None named (the cluster's default class, if it has one)</span>
            ) : (
              <>
                <AppLink
                  href={objectHref(cluster, kinds.ingressClasses, undefined, cls.name)}
                  navigate={navigate}
                >
                  {cls.name}
                </AppLink>
                {cls.from === 'annotation' && (
                  <span className="muted"> (from the kubernetes.io/ingress.class annotation)</span>
                )}
              </>
            )}
          </Field>
          <Field label="Default backend">
            {ingress.spec?.defaultBackend === undefined ? (
              <span className="muted">None</span>
            ) : (
              target(ingressTarget(ingress.spec.defaultBackend, namespace))
            )}
          </Field>
          <Field label="Load balancer">
            {addresses.length === 0 ? (
              <span className="muted">No address reported (yet)</span>
            ) : (
              <Values items={addresses} />
            )}
          </Field>
        </dl>
      </Section>
      <Section id="rules" title="Rules">
        <Table
          empty="No rules: every request goes to the default backend."
          caption="Rules"
          columns={['Host', 'Path', 'Path type', 'Backend']}
          rows={rules.map((rule) => ({
            key: rule.key,
            cells: [
              rule.host,
              <code key="path">{rule.path}</code>,
              rule.pathType,
              target(rule.target),
            ],
          }))}
        />
      </Section>
      <Section id="tls" title="TLS">
        <Table
          empty="None: served over plain HTTP."
          caption="TLS"
          columns={['Hosts', 'Secret']}
          rows={tls.map((entry, i) => ({
            key: String(i),
            cells: [
              <Values key="hosts" items={entry.hosts ?? []} />,
              entry.secretName === undefined ? (
                <span className="muted">None (the controller's default certificate)</span>
              ) : (
                <AppLink
                  href={objectHref(cluster, kinds.secrets, namespace, entry.secretName)}
                  navigate={navigate}
                >
                  {entry.secretName}
                </AppLink>
              ),
            ],
          }))}
        />
      </Section>
    </>
  );
}
