import type { ReactNode } from 'react';
import type { KubeObject, ResourceKind } from '@/api/kube';
import { When } from '@/ui/When';
import { AppLink } from '@/details/AppLink';
import { EndpointSlices } from '@/details/EndpointSlices';
import { kinds, objectHref } from '@/details/links';
import type { KindRef } from '@/details/links';
import { PodsTable } from '@/details/PodsTable';
import { mountsClaim } from '@/details/kinds/storage';
import { byName, isOwnedBy, selectorQuery, workloadSelector } from '@/api/related';
import type { UseQueryResult } from '@tanstack/react-query';
import { readFailure, useClusterGet } from '@/api/query';
import { useLiveList } from '@/details/useObject';
import { listUrl } from '@/routes';
import type { WatchMux } from '@/watch/mux';

interface ObjectList {
  items?: KubeObject[];
}

type Navigate = (to: string) => void;

function Related({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="details-section">
      <h2>{title}</h2>
      {children}
    </section>
  );
}

function Show<T>({
  loaded,
  children,
}: {
  loaded: UseQueryResult<T>;
  children: (value: T) => ReactNode;
}) {
  if (loaded.isPending) {
    return <p className="muted">Loading…</p>;
  }
  if (loaded.isError) {
    return <p className="muted">Could not load: {readFailure(loaded.error)}</p>;
  }
  return <>{children(loaded.data)}</>;
}

function collection(kind: KindRef, namespace: string | undefined) {
  const prefix = kind.group === '' ? `/api/${kind.version}` : `/apis/${kind.group}/${kind.version}`;
  const ns = namespace === undefined ? '' : `/namespaces/${encodeURIComponent(namespace)}`;
  return `${prefix}${ns}/${kind.resource}`;
}

function listPath(kind: KindRef, namespace: string | undefined, labelSelector: string | null) {
  const query = labelSelector === null ? '' : `?labelSelector=${encodeURIComponent(labelSelector)}`;
  return `${collection(kind, namespace)}${query}`;
}

/**
 * A list of objects related to `object`: kept current over the watch socket while the page
 * is live (`mux` given), else read again whenever the object changes.
 */
function useRelatedList(
  cluster: string,
  kind: KindRef,
  object: KubeObject,
  labelSelector: string | null,
  enabled: boolean,
  mux: WatchMux | null,
): UseQueryResult<ObjectList> {
  const namespace = object.metadata.namespace;
  const path = enabled ? listPath(kind, namespace, labelSelector) : null;
  const list = useClusterGet<ObjectList>(cluster, path, {
    refresh: mux === null ? object.metadata.resourceVersion : undefined,
  });
  useLiveList(cluster, path, collection(kind, namespace), labelSelector, list.isSuccess, mux);
  return list;
}

/** The Pods list of a workload's namespace, narrowed to its selector. */
function podsListHref(cluster: string, object: KubeObject, selector: string | null) {
  const namespace = object.metadata.namespace;
  return listUrl(cluster, kinds.pods, {
    ...(namespace === undefined ? {} : { ns: [namespace] }),
    ...(selector === null ? {} : { l: selector }),
  });
}

/** Pods a workload owns directly, found by its selector. */
function OwnedPods({
  cluster,
  object,
  navigate,
  mux,
}: {
  cluster: string;
  object: KubeObject;
  navigate: Navigate;
  mux: WatchMux | null;
}) {
  const selector = selectorQuery(workloadSelector(object));
  const pods = useRelatedList(cluster, kinds.pods, object, selector, selector !== null, mux);
  if (selector === null) {
    return <p className="muted">It has no selector.</p>;
  }
  return (
    <Show loaded={pods}>
      {(list) => (
        <PodsTable
          cluster={cluster}
          pods={byName(list.items).filter((pod) => isOwnedBy(pod, object.metadata.uid ?? ''))}
          navigate={navigate}
          allHref={podsListHref(cluster, object, selector)}
        />
      )}
    </Show>
  );
}

/** A Deployment's ReplicaSets and their pods. */
function DeploymentRelated({
  cluster,
  object,
  navigate,
  mux,
}: {
  cluster: string;
  object: KubeObject;
  navigate: Navigate;
  mux: WatchMux | null;
}) {
  const selector = selectorQuery(workloadSelector(object));
  const namespace = object.metadata.namespace;
  const sets = useRelatedList(cluster, kinds.replicaSets, object, selector, selector !== null, mux);
  const pods = useRelatedList(cluster, kinds.pods, object, selector, selector !== null, mux);
  if (selector === null) {
    return (
      <Related title="Pods">
        <p className="muted">It has no selector.</p>
      </Related>
    );
  }
  const owned = sets.isSuccess
    ? byName(sets.data.items).filter((set) => isOwnedBy(set, object.metadata.uid ?? ''))
    : [];
  const setUids = new Set(owned.map((set) => set.metadata.uid ?? ''));
  return (
    <>
      <Related title="ReplicaSets">
        <Show loaded={sets}>
          {() =>
            owned.length === 0 ? (
              <p className="muted">No ReplicaSets.</p>
            ) : (
              <table className="details-table">
                <caption className="visually-hidden">ReplicaSets</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Desired</th>
                    <th scope="col">Ready</th>
                    <th scope="col">Age</th>
                  </tr>
                </thead>
                <tbody>
                  {owned.map((set) => {
                    const spec = set['spec'] as { replicas?: number } | undefined;
                    const status = set['status'] as { readyReplicas?: number } | undefined;
                    return (
                      <tr key={set.metadata.name}>
                        <td>
                          <AppLink
                            href={objectHref(
                              cluster,
                              kinds.replicaSets,
                              namespace,
                              set.metadata.name,
                            )}
                            navigate={navigate}
                          >
                            {set.metadata.name}
                          </AppLink>
                        </td>
                        <td>{spec?.replicas ?? 0}</td>
                        <td>{status?.readyReplicas ?? 0}</td>
                        <td>
                          <When at={set.metadata.creationTimestamp} age />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )
          }
        </Show>
      </Related>
      <Related title="Pods">
        <Show<unknown> loaded={sets.isSuccess ? pods : sets}>
          {() =>
            pods.isSuccess ? (
              <PodsTable
                cluster={cluster}
                pods={byName(pods.data.items).filter((pod) => isOwnedBy(pod, setUids))}
                navigate={navigate}
                allHref={podsListHref(cluster, object, selector)}
              />
            ) : null
          }
        </Show>
      </Related>
    </>
  );
}

/** The Jobs a CronJob has started. */
function CronJobJobs({
  cluster,
  object,
  navigate,
  mux,
}: {
  cluster: string;
  object: KubeObject;
  navigate: Navigate;
  mux: WatchMux | null;
}) {
  const namespace = object.metadata.namespace;
  const jobs = useRelatedList(cluster, kinds.jobs, object, null, true, mux);
  return (
    <Related title="Jobs">
      <Show loaded={jobs}>
        {(list) => {
          const owned = byName(list.items).filter((job) =>
            isOwnedBy(job, object.metadata.uid ?? ''),
          );
          return owned.length === 0 ? (
            <p className="muted">No jobs.</p>
          ) : (
            <ul>
              {owned.map((job) => (
                <li key={job.metadata.name}>
                  <AppLink
                    href={objectHref(cluster, kinds.jobs, namespace, job.metadata.name)}
                    navigate={navigate}
                  >
                    {job.metadata.name}
                  </AppLink>{' '}
                  <span className="muted">
                    <When at={job.metadata.creationTimestamp} age />
                  </span>
                </li>
              ))}
            </ul>
          );
        }}
      </Show>
    </Related>
  );
}

/** A Service's EndpointSlices. */
function ServiceEndpoints({
  cluster,
  object,
  navigate,
  mux,
}: {
  cluster: string;
  object: KubeObject;
  navigate: Navigate;
  mux: WatchMux | null;
}) {
  const slices = useRelatedList(
    cluster,
    kinds.endpointSlices,
    object,
    `kubernetes.io/service-name=${object.metadata.name}`,
    true,
    mux,
  );
  return (
    <Related title="Endpoints">
      <Show loaded={slices}>
        {(list) => (
          <EndpointSlices cluster={cluster} slices={byName(list.items)} navigate={navigate} />
        )}
      </Show>
    </Related>
  );
}

/** The pods that mount a claim (read from the claim's namespace). */
function ClaimPods({
  cluster,
  object,
  navigate,
  mux,
}: {
  cluster: string;
  object: KubeObject;
  navigate: Navigate;
  mux: WatchMux | null;
}) {
  const pods = useRelatedList(cluster, kinds.pods, object, null, true, mux);
  return (
    <Related title="Pods">
      <Show loaded={pods}>
        {(list) => {
          const using = byName(list.items).filter((pod) => mountsClaim(pod, object.metadata.name));
          return using.length === 0 ? (
            <p className="muted">No pod mounts it.</p>
          ) : (
            <PodsTable cluster={cluster} pods={using} navigate={navigate} />
          );
        }}
      </Show>
    </Related>
  );
}

const podOwners = new Set([
  'apps/statefulsets',
  'apps/daemonsets',
  'apps/replicasets',
  'batch/jobs',
  '/replicationcontrollers',
]);

/** What else in the cluster belongs with this object: its pods, jobs or endpoints, a claim's pods (a pod's node is in its Scheduling section, a claim's volume in its Claim section). */
export function RelatedSection({
  cluster,
  kind,
  object,
  navigate,
  mux = null,
}: {
  cluster: string;
  kind: ResourceKind;
  object: KubeObject;
  navigate: Navigate;
  /** Given while the page is live: related lists follow the watch socket too. */
  mux?: WatchMux | null;
}) {
  const key = `${kind.group}/${kind.resource}`;
  const props = { cluster, object, navigate, mux };
  if (key === 'apps/deployments') {
    return <DeploymentRelated {...props} />;
  }
  if (podOwners.has(key)) {
    return (
      <Related title="Pods">
        <OwnedPods {...props} />
      </Related>
    );
  }
  switch (key) {
    case 'batch/cronjobs':
      return <CronJobJobs {...props} />;
    case '/services':
      return <ServiceEndpoints {...props} />;
    case '/persistentvolumeclaims':
      return <ClaimPods {...props} />;
    default:
      return null;
  }
}
