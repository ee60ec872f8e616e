import type { KubeObject } from '@/api/kube';
import { formatAge } from '@/ui/age';
import { AppLink } from '@/details/AppLink';
import { kinds, objectHref } from '@/details/links';
import { podSummary } from '@/api/related';

/** Pods with their phase, readiness, restarts, node and age. */
export function PodsTable({
  cluster,
  pods,
  navigate,
}: {
  cluster: string;
  pods: KubeObject[];
  navigate: (to: string) => void;
}) {
  if (pods.length === 0) {
    return <p className="muted">No pods.</p>;
  }
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
              <td>{summary.phase}</td>
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
              <td>{formatAge(pod.metadata.creationTimestamp)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
