import type { KubeObject } from '@/api/kube';
import { AppLink } from '@/details/AppLink';
import { kinds, objectHref } from '@/details/links';
import {
  aggregationSelectors,
  automountText,
  roleRefTarget,
  ruleRows,
  subjectRows,
} from '@/details/kinds/rbac';
import type { BindingFields, RoleFields } from '@/details/kinds/rbac';
import { Field, Section, Table, Values } from '@/details/kinds/parts';
import type { KindProps } from '@/details/kinds/parts';

interface ServiceAccountFields {
  secrets?: { name?: string; namespace?: string }[];
  imagePullSecrets?: { name?: string }[];
  automountServiceAccountToken?: boolean;
}

const codes = (items: string[]) => (
  <Values
    inline
    items={items.map((item) => (
      <code key={item}>{item}</code>
    ))}
  />
);

/** A ServiceAccount's Secrets and image pull Secrets, linked, and whether pods mount its token. */
export function ServiceAccountSections({ cluster, object, navigate }: KindProps) {
  const account = object as KubeObject & ServiceAccountFields;
  const namespace = object.metadata.namespace;
  const secretLinks = (secrets: { name?: string; namespace?: string }[]) => (
    <Values
      none="None"
      items={secrets.map((secret) => (
        <AppLink
          key={secret.name}
          href={objectHref(
            cluster,
            kinds.secrets,
            secret.namespace ?? namespace,
            secret.name ?? '',
          )}
          navigate={navigate}
        >
          {secret.name}
        </AppLink>
      ))}
    />
  );
  return (
    <Section id="serviceaccount" title="Service account">
      <dl className="fields">
        <Field label="Mounts API token">
          {automountText(account.automountServiceAccountToken)}
        </Field>
        <Field label="Secrets">{secretLinks(account.secrets ?? [])}</Field>
        <Field label="Image pull secrets">{secretLinks(account.imagePullSecrets ?? [])}</Field>
      </dl>
    </Section>
  );
}

/** A Role's or ClusterRole's rules as a table; a ClusterRole's aggregation rule above them. */
export function RoleSections({ cluster, object, navigate }: KindProps) {
  const role = object as KubeObject & RoleFields;
  const rows = ruleRows(role);
  const aggregated = aggregationSelectors(cluster, role);
  return (
    <Section id="rules" title="Rules">
      {role.aggregationRule !== undefined && (
        <dl className="fields">
          <Field label="Aggregated from">
            <Values
              items={aggregated.map((a) => (
                <AppLink key={a.selector} href={a.href} navigate={navigate}>
                  ClusterRoles with <code>{a.selector}</code>
                </AppLink>
              ))}
            />
            <span className="muted">
              The controller fills in the rules below from the ClusterRoles selected.
            </span>
          </Field>
        </dl>
      )}
      <Table
        empty="No rules: the role grants nothing."
        caption="Rules"
        className="rules-table"
        columns={['API groups', 'Resources', 'Resource names', 'Verbs', 'Non-resource URLs']}
        rows={rows.map((rule) => ({
          key: rule.key,
          cells: [
            codes(rule.apiGroups),
            codes(rule.resources),
            codes(rule.resourceNames),
            codes(rule.verbs),
            codes(rule.nonResourceURLs),
          ],
        }))}
      />
    </Section>
  );
}

/** A RoleBinding's or ClusterRoleBinding's role (linked) and its subjects. */
export function BindingSections({ cluster, object, navigate }: KindProps) {
  const binding = object as KubeObject & BindingFields;
  const role = roleRefTarget(cluster, binding);
  const subjects = subjectRows(cluster, binding);
  return (
    <Section id="binding" title="Binding">
      <dl className="fields">
        <Field label="Role">
          {role.href === undefined ? (
            role.label
          ) : (
            <AppLink href={role.href} navigate={navigate}>
              {role.label}
            </AppLink>
          )}
        </Field>
      </dl>
      <Table
        empty="No subjects: the binding grants the role to nobody."
        caption="Subjects"
        showCaption
        columns={['Kind', 'Name', 'Namespace']}
        rows={subjects.map((s) => ({
          key: s.key,
          cells: [
            s.kind,
            s.href === undefined ? (
              s.name
            ) : (
              <AppLink href={s.href} navigate={navigate}>
                {s.name}
              </AppLink>
            ),
            s.namespace ?? <span className="muted">—</span>,
          ],
        }))}
      />
    </Section>
  );
}
