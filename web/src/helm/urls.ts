/** Addresses of the live objects a release made (the Helm pages' own are in `@/routes`). */

import { detailsUrl } from '@/routes';

export { appsUrl, catalogUrl, releaseUrl } from '@/routes';

const IRREGULAR: Record<string, string> = {
  endpoints: 'endpoints',
  ingress: 'ingresses',
  ingressclass: 'ingressclasses',
  storageclass: 'storageclasses',
  priorityclass: 'priorityclasses',
  runtimeclass: 'runtimeclasses',
};

/** The resource (plural) of a kind, as the API names built-in kinds. */
export function pluralOf(kind: string): string {
  const lower = kind.toLowerCase();
  const irregular = IRREGULAR[lower];
  if (irregular !== undefined) return irregular;
  if (/(s|x|z|ch|sh)$/.test(lower)) return `${lower}es`;
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}

/** The details page of an object named in a manifest. */
export function objectUrl(
  cluster: string,
  apiVersion: string,
  kind: string,
  namespace: string | undefined,
  name: string,
): string {
  const [group, version] = apiVersion.includes('/')
    ? (apiVersion.split('/', 2) as [string, string])
    : ['', apiVersion];
  return detailsUrl(cluster, { group, version, resource: pluralOf(kind) }, namespace, name);
}
