import type { KubeObject } from '@/api/kube';
import { When } from '@/ui/When';
import { AppLink } from '@/details/AppLink';
import { kinds, objectHref } from '@/details/links';
import { StatusBadge } from '@/ui/StatusBadge';
import { podSummary } from '@/api/related';

/**
 * How many pods an object's page draws: a Deployment of 5,000 replicas stays a page that
 * opens at once; the rest are a link away, in the (virtualized) Pods list.
 */
export const PODS_SHOWN = 100;

/**
 * Pods with their phase, readiness, restarts, node and age: the first [`PODS_SHOWN`], and
 * when there are more, how many and a link to all of them (`allHref`).
 */
export function PodsTable({
  cluster,
  pods,
  navigate,
  allHref,
}: {
  cluster: string;
  pods: KubeObject[];
  navigate: (to: string) => void;
  allHref?: string | undefined;
}) {
  if (pods.length === 0) {
    return <p className="muted">No pods.</p>;
  }
  const shown = pods.length > PODS_SHOWN ? pods.slice(0, PODS_SHOWN) : pods;
  return (
    <>
      {shown.length < pods.length && (
        <p className="muted">
          The first {shown.length} of {pods.length} pods, by name.
          {allHref !== undefined && (
            <>
              {' '}
              <AppLink href={allHref} navigate={navigate}>
                All {pods.length} in the Pods list
              </AppLink>
            </>
          )}
        </p>
      )}
      <PodRows cluster={cluster} pods={shown} navigate={navigate} />
    </>
  );
}

function PodRows({
  cluster,
  pods,
  navigate,
}: {
  cluster: string;
  pods: KubeObject[];
  navigate: (to: string) => void;
}) {
  return (
    <table className="details-table">
      <caption className="visually-hidden">Pods</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Status</th>
          <th scope="col">Ready</th>
          <th scope="col">Restarts</th>
          <th scope="col">Node</th>
          <th scope="col">Age</th>
        </tr>
      </thead>
      <tbody>
        {pods.map((pod) => {
          const summary = podSummary(pod);
          return (
            <tr key={pod.metadata.uid ?? pod.metadata.name}>
              <td>
                <AppLink
                  href={objectHref(cluster, kinds.pods, pod.metadata.namespace, pod.metadata.name)}
                  navigate={navigate}
                >
                  {pod.metadata.name}
                </AppLink>
              </td>
              <td>
                <StatusBadge text={summary.phase} />
              </td>
              <td>{summary.ready}</td>
              <td>{summary.restarts}</td>
              <td>
                {summary.node === '' ? (
                  '—'
                ) : (
                  <AppLink
                    href={objectHref(cluster, kinds.nodes, undefined, summary.node)}
                    navigate={navigate}
                  >
                    {summary.node}
                  </AppLink>
                )}
              </td>
              <td>
                <When at={pod.metadata.creationTimestamp} age />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
