import { configQuery } from '@/api/clusters';
import type { Cluster } from '@/api/clusters';
import { useAppQuery } from '@/api/query';
import { useNamespaceChoices } from '@/nav/namespaces';
import { Link } from '@/nav/navigation';
import { signInUrl } from '@/routes';
import { getSettings, updateSettings, useSettings } from '@/ui/settingsStore';

/** Stores `namespaces` as the defaults of `cluster` (none: the entry goes). */
function setDefaults(cluster: string, namespaces: string[]): void {
  const others = Object.fromEntries(
    Object.entries(getSettings().defaultNamespaces).filter(([name]) => name !== cluster),
  );
  updateSettings({
    defaultNamespaces: namespaces.length === 0 ? others : { ...others, [cluster]: namespaces },
  });
}

/** The namespaces of one cluster the user can see, each a checkbox. */
function ClusterDefaults({ cluster }: { cluster: string }) {
  const chosen = useSettings().defaultNamespaces[cluster] ?? [];
  const choices = useNamespaceChoices(cluster);
  // Chosen ones the user no longer sees stay listed, so they can be unchecked.
  const options = [...new Set([...choices.options, ...chosen])].sort();
  if (!choices.loaded) return <p className="muted">Loading the namespaces…</p>;
  if (options.length === 0) {
    return <p className="muted">You can see no namespaces in this cluster.</p>;
  }
  return (
    <ul className="settings-namespaces">
      {options.map((namespace) => (
        <li key={namespace}>
          <label className="settings-check">
            <input
              type="checkbox"
              checked={chosen.includes(namespace)}
              onChange={(event) => {
                setDefaults(
                  cluster,
                  event.target.checked
                    ? [...chosen, namespace]
                    : chosen.filter((n) => n !== namespace),
                );
              }}
            />{' '}
            {namespace}
          </label>
        </li>
      ))}
    </ul>
  );
}

function ClusterEntry({ cluster }: { cluster: Cluster }) {
  const chosen = useSettings().defaultNamespaces[cluster.name] ?? [];
  return (
    <fieldset className="settings-subgroup">
      <legend>{cluster.name}</legend>
      {cluster.credential === 'none' ? (
        <p className="muted">
          <Link href={signInUrl(cluster.name, '/settings')}>Sign in</Link> to choose from its
          namespaces.
        </p>
      ) : (
        <ClusterDefaults cluster={cluster.name} />
      )}
      <p className="muted settings-hint">
        {chosen.length === 0
          ? 'None chosen: all you may see.'
          : `Starts with ${chosen.join(', ')}.`}
      </p>
    </fieldset>
  );
}

/**
 * Per cluster, the namespaces lists and the overview start with when their address names
 * none: a checkbox for each namespace the user can see there.
 */
export function DefaultNamespaces() {
  const config = useAppQuery(configQuery);
  return (
    <fieldset className="settings-group">
      <legend>Default namespaces</legend>
      <p className="muted settings-hint">
        Lists open on these when their address names no namespace; the overview and the events open
        on the first. <strong>All namespaces</strong> in a list still shows everything.
      </p>
      {config.isPending && <p className="muted">Loading the clusters…</p>}
      {config.isError && <p className="error">The clusters could not be read.</p>}
      {config.data?.clusters.map((cluster) => (
        <ClusterEntry key={cluster.name} cluster={cluster} />
      ))}
    </fieldset>
  );
}
