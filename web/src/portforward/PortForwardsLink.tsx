import { Link } from '@/nav/navigation';
import { usePortForwards } from '@/portforward/usePortForwards';
import { portForwardsUrl } from '@/routes';

/** In the header while the user has forwards running: how many, linking to the list. */
export function PortForwardsLink({ cluster }: { cluster: string }) {
  const loaded = usePortForwards(cluster);
  if (!loaded.isSuccess || loaded.data.forwards.length === 0) return null;
  const count = loaded.data.forwards.length;
  return (
    <Link className="header-forwards" href={portForwardsUrl(cluster)}>
      {count === 1 ? '1 port forward' : `${count} port forwards`}
    </Link>
  );
}
