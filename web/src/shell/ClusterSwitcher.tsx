import type { Cluster } from '@/api/clusters';
import { useNavigate } from '@/nav/navigation';
import { Select } from '@/ui/Select';
import { clusterPageUrl } from '@/routes';

/** In the header when Lanthorn knows several clusters: moves to another one's overview. */
export function ClusterSwitcher({ clusters, current }: { clusters: Cluster[]; current: string }) {
  const navigate = useNavigate();
  if (clusters.length < 2) return null;
  return (
    <Select
      className="cluster-switcher"
      aria-label="Switch cluster"
      value={current}
      onChange={(event) => {
        navigate(clusterPageUrl(event.target.value));
      }}
    >
      {clusters.map((cluster) => (
        <option key={cluster.name} value={cluster.name}>
          {cluster.name}
          {cluster.signedInAs === null ? ' (not signed in)' : ''}
        </option>
      ))}
    </Select>
  );
}
