import { ApiError } from '@/api/http';
import { groupVersionPath, kubeRequest } from '@/api/kube';
import type { ResourceKind } from '@/api/kube';

/** One entry of an `APIResourceList` (`GET /api/v1`, `GET /apis/GROUP/VERSION`). */
interface ApiResource {
  name: string;
  kind: string;
  namespaced: boolean;
  verbs?: string[];
  shortNames?: string[];
}

interface ApiResourceList {
  resources?: ApiResource[];
}

/** An apiVersion split into group (`''` for core) and version. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

const cache = new Map<string, Promise<ResourceKind[]>>();

/** The kinds a cluster serves in one group version (cached; a failed look-up is not kept). */
export function kindsIn(cluster: string, apiVersion: string): Promise<ResourceKind[]> {
  const key = JSON.stringify([cluster, apiVersion]);
  const cached = cache.get(key);
  if (cached !== undefined) {
    return cached;
  }
  const { group, version } = splitApiVersion(apiVersion);
  const loaded = kubeRequest<ApiResourceList>(cluster, groupVersionPath({ group, version })).then(
    (list) =>
      (list.resources ?? [])
        .filter((resource) => !resource.name.includes('/'))
        .map((resource): ResourceKind => ({
          group,
          version,
          resource: resource.name,
          kind: resource.kind,
          namespaced: resource.namespaced,
          verbs: resource.verbs ?? [],
          shortNames: resource.shortNames ?? [],
        })),
  );
  cache.set(key, loaded);
  loaded.catch(() => {
    cache.delete(key);
  });
  return loaded;
}

/**
 * The resource behind an apiVersion and kind. Throws an Error saying what the cluster lacks
 * when it does not serve them.
 */
export async function resolveKind(
  cluster: string,
  apiVersion: string,
  kind: string,
): Promise<ResourceKind> {
  const lookUp = async (): Promise<ResourceKind | undefined> => {
    try {
      const kinds = await kindsIn(cluster, apiVersion);
      return kinds.find((candidate) => candidate.kind === kind);
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 404) {
        throw new Error(`the cluster does not serve apiVersion ${apiVersion}`, { cause: caught });
      }
      throw caught;
    }
  };
  let found = await lookUp();
  if (found === undefined) {
    // The kind may be new (a CRD created since the list was read): ask once more.
    cache.delete(JSON.stringify([cluster, apiVersion]));
    found = await lookUp();
  }
  if (found === undefined) {
    throw new Error(`the cluster has no kind ${kind} in ${apiVersion}`);
  }
  return found;
}

/** Forgets what discovery said (after CRDs change, or between tests). */
export function forgetDiscovery(): void {
  cache.clear();
}
