import { useAccessAnswers } from '@/api/access';
import { readNodesUsage, readPodsUsage, sumUsage } from '@/metrics/usage';
import { UsageSection } from '@/metrics/UsageSection';
import type { UsageLimits } from '@/metrics/UsageSection';

/**
 * The overview's usage card for a user who may list nodes' usage: every node together,
 * scaled to what the nodes can allocate.
 */
export function ClusterUsage({
  cluster,
  allowed,
  allocatable,
}: {
  cluster: string;
  allowed: boolean | null;
  allocatable: UsageLimits;
}) {
  return (
    <UsageSection
      cluster={cluster}
      historyKey={['cluster']}
      allowed={allowed}
      read={() => readNodesUsage(cluster).then((byNode) => sumUsage(byNode.values()))}
      limits={allocatable}
      heading="Resource usage"
      className="card card-wide"
      note="Every node together, scaled to what they can allocate."
    />
  );
}

/**
 * The overview's usage card for the namespaces it shows (a user who may not list
 * cluster-wide, or one namespace chosen): their pods together. Namespaces whose usage the
 * user may not list are left out and named.
 */
export function NamespacesUsage({
  cluster,
  namespaces,
}: {
  cluster: string;
  namespaces: readonly string[];
}) {
  const sorted = [...new Set(namespaces)].sort();
  const answers = useAccessAnswers(
    cluster,
    sorted.map((namespace) => ({
      verb: 'list',
      group: 'metrics.k8s.io',
      resource: 'pods',
      namespace,
    })),
  );
  const pending = answers.some((answer) => answer === null);
  const readable = sorted.filter((_, i) => answers[i] === true);
  const refused = sorted.filter((_, i) => answers[i] === false);
  if (sorted.length === 0) return null;
  const where =
    readable.length === 1 ? `in ${readable[0] ?? ''}` : `in ${readable.length} namespaces`;
  const note =
    `The pods ${where} together.` +
    (refused.length > 0 ? ` You may not read usage in ${refused.join(', ')}.` : '');
  return (
    <UsageSection
      cluster={cluster}
      historyKey={['namespaces', readable]}
      allowed={pending ? null : readable.length > 0}
      read={() =>
        Promise.all(readable.map((namespace) => readPodsUsage(cluster, namespace))).then((maps) =>
          sumUsage(maps.flatMap((byPod) => [...byPod.values()])),
        )
      }
      heading="Resource usage"
      className="card card-wide"
      note={note}
    />
  );
}
