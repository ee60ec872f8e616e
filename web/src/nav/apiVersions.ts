import { ApiError } from '@/api/http';
import { groupVersionPath, kubeRequest } from '@/api/kube';
import type { ResourceKind } from '@/api/kube';
import { clusterFactKey, queryClient } from '@/api/query';

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

function kindsQuery(cluster: string, apiVersion: string) {
  const { group, version } = splitApiVersion(apiVersion);
  return {
    queryKey: clusterFactKey(cluster, 'kinds-in', apiVersion),
    queryFn: async () => {
      const list = await kubeRequest<ApiResourceList>(
        cluster,
        groupVersionPath({ group, version }),
      );
      return (list.resources ?? [])
        .filter((resource) => !resource.name.includes('/'))
        .map((resource): ResourceKind => ({
          group,
          version,
          resource: resource.name,
          kind: resource.kind,
          namespaced: resource.namespaced,
          verbs: resource.verbs ?? [],
          shortNames: resource.shortNames ?? [],
        }));
    },
    staleTime: Infinity,
  };
}

/** The kinds a cluster serves in one group version (kept; a failed look-up is not). */
export function kindsIn(cluster: string, apiVersion: string): Promise<ResourceKind[]> {
  return queryClient.fetchQuery(kindsQuery(cluster, apiVersion));
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
    queryClient.removeQueries({ queryKey: kindsQuery(cluster, apiVersion).queryKey, exact: true });
    found = await lookUp();
  }
  if (found === undefined) {
    throw new Error(`the cluster has no kind ${kind} in ${apiVersion}`);
  }
  return found;
}
