/** Pure helpers behind the ServiceAccount, Role and binding sections (tested in rbac.test.ts). */
import { selectorQuery } from '@/api/related';
import { kinds, objectHref } from '@/details/links';
import { listUrl } from '@/routes';

export interface PolicyRule {
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  verbs?: string[];
  nonResourceURLs?: string[];
}

export interface RoleFields {
  rules?: PolicyRule[] | null;
  aggregationRule?: { clusterRoleSelectors?: unknown[] };
}

export interface Subject {
  kind?: string;
  apiGroup?: string;
  name?: string;
  namespace?: string;
}

export interface BindingFields {
  metadata: { namespace?: string };
  roleRef?: { apiGroup?: string; kind?: string; name?: string };
  subjects?: Subject[] | null;
}

export interface RuleRow {
  key: string;
  /** `core` for the core group (`""`). */
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  verbs: string[];
  nonResourceURLs: string[];
}

/** A role's rules, one row each, the core group named `core`. */
export function ruleRows(role: RoleFields): RuleRow[] {
  return (role.rules ?? []).map((rule, i) => ({
    key: String(i),
    apiGroups: (rule.apiGroups ?? []).map((g) => (g === '' ? 'core' : g)),
    resources: rule.resources ?? [],
    resourceNames: rule.resourceNames ?? [],
    verbs: rule.verbs ?? [],
    nonResourceURLs: rule.nonResourceURLs ?? [],
  }));
}

/**
 * The ClusterRoles an aggregated ClusterRole gathers rules from: each selector as a label
 * selector and the link to the ClusterRoles it picks.
 */
export function aggregationSelectors(
  cluster: string,
  role: RoleFields,
): { selector: string; href: string }[] {
  return (role.aggregationRule?.clusterRoleSelectors ?? []).flatMap((s) => {
    const selector = selectorQuery(s);
    return selector === null
      ? []
      : [{ selector, href: listUrl(cluster, kinds.clusterRoles, { l: selector }) }];
  });
}

/** The role a binding grants: a Role in the binding's namespace, or a ClusterRole. */
export function roleRefTarget(
  cluster: string,
  binding: BindingFields,
): { label: string; href: string | undefined } {
  const ref = binding.roleRef ?? {};
  const name = ref.name ?? '';
  const label = `${ref.kind ?? 'Role'} ${name}`;
  if (ref.kind === 'ClusterRole') {
    return { label, href: objectHref(cluster, kinds.clusterRoles, undefined, name) };
  }
  if (ref.kind === 'Role' && binding.metadata.namespace !== undefined) {
    return { label, href: objectHref(cluster, kinds.roles, binding.metadata.namespace, name) };
  }
  return { label, href: undefined };
}

export interface SubjectRow {
  key: string;
  kind: string;
  name: string;
  /** A ServiceAccount's namespace (a RoleBinding's own when the subject names none). */
  namespace: string | undefined;
  /** A ServiceAccount's page; users and groups are not objects. */
  href: string | undefined;
}

/** A binding's subjects; ServiceAccounts linked to their page. */
export function subjectRows(cluster: string, binding: BindingFields): SubjectRow[] {
  return (binding.subjects ?? []).map((subject, i) => {
    const kind = subject.kind ?? '';
    const name = subject.name ?? '';
    if (kind !== 'ServiceAccount') {
      return { key: String(i), kind, name, namespace: subject.namespace, href: undefined };
    }
    const namespace = subject.namespace ?? binding.metadata.namespace;
    return {
      key: String(i),
      kind,
      name,
      namespace,
      href:
        namespace === undefined
          ? undefined
          : objectHref(cluster, kinds.serviceAccounts, namespace, name),
    };
  });
}

/** Whether pods of a ServiceAccount mount its token: unset means they do. */
export function automountText(automount: boolean | undefined): string {
  if (automount === false) return 'No: pods mount no API token unless they ask for one';
  if (automount === true) return 'Yes';
  return 'Yes (not set: pods mount an API token unless they say otherwise)';
}
