import type { Cluster } from '@/api/clusters';
import { Button } from '@/ui/Button';

interface Props {
  clusters: Cluster[];
  clusterErrors: string[];
  onSignIn: (cluster: string) => void;
}

function Status({ cluster }: { cluster: Cluster }) {
  if (cluster.status.reachable) {
    return <span className="ok">{cluster.status.version ?? 'reachable'}</span>;
  }
  return <span className="error">unreachable: {cluster.status.error ?? 'no answer'}</span>;
}

/** Every cluster: where it is, whether it answers, and as whom the user is signed in. */
export function ClusterList({ clusters, clusterErrors, onSignIn }: Props) {
  return (
    <section aria-label="Clusters">
      <h1>Clusters</h1>
      {clusters.length === 0 ? (
        <p>No cluster is configured on this server.</p>
      ) : (
        <table className="clusters">
          <thead>
            <tr>
              <th>Name</th>
              <th>Server</th>
              <th>Version</th>
              <th>Signed in as</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {clusters.map((cluster) => (
              <tr key={cluster.name}>
                <td>{cluster.name}</td>
                <td>{cluster.server}</td>
                <td>
                  <Status cluster={cluster} />
                </td>
                <td>{cluster.signedInAs?.username ?? 'not signed in'}</td>
                <td>
                  <Button
                    onClick={() => {
                      onSignIn(cluster.name);
                    }}
                  >
                    {cluster.signedInAs === null ? 'Sign in' : 'Account'}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {clusterErrors.length > 0 && (
        <div role="alert" className="error">
          <p>Some clusters could not be loaded:</p>
          <ul>
            {clusterErrors.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
