/** Addresses of the Helm pages (shareable), and of the live objects a release made. */

const c = (cluster: string) => `/c/${encodeURIComponent(cluster)}`;

/** Apps → Installed. */
export function appsUrl(cluster: string): string {
  return `${c(cluster)}/apps`;
}

/** One release. */
export function releaseUrl(cluster: string, namespace: string, name: string): string {
  return `${c(cluster)}/apps/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
}

/** Apps → Catalog. */
export function catalogUrl(cluster: string): string {
  return `${c(cluster)}/catalog`;
}

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
    : ['core', apiVersion];
  const ns = namespace === undefined || namespace === '' ? '_' : namespace;
  return `${c(cluster)}/r/${group}/${version}/${pluralOf(kind)}/${encodeURIComponent(ns)}/${encodeURIComponent(name)}`;
}
