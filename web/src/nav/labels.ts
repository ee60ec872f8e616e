import type { ResourceKind } from '@/api/kube';

/** A kind's plural for people: `Deployments`, `Ingresses`, `NetworkPolicies`, `Endpoints`. */
export function kindPlural(kind: Pick<ResourceKind, 'kind' | 'resource'>): string {
  const name = kind.kind;
  if (name.toLowerCase() === kind.resource) return name;
  if (/(s|x|z|ch|sh)$/.test(name)) return `${name}es`;
  if (/[^aeiou]y$/.test(name)) return `${name.slice(0, -1)}ies`;
  return `${name}s`;
}

/** `apps/v1`, or `v1` for the core group. */
export function groupVersion(kind: Pick<ResourceKind, 'group' | 'version'>): string {
  return kind.group === '' ? kind.version : `${kind.group}/${kind.version}`;
}
