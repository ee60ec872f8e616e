import type { KubeObject } from '@/api/kube';
import { selectorParts } from '@/details/kinds/format';
import { Counts } from '@/details/kinds/parts';

interface WorkloadFields {
  spec?: {
    replicas?: number;
    selector?: unknown;
    strategy?: { type?: string; rollingUpdate?: { maxSurge?: unknown; maxUnavailable?: unknown } };
    updateStrategy?: {
      type?: string;
      rollingUpdate?: { maxUnavailable?: unknown; maxSurge?: unknown; partition?: number };
    };
    minReadySeconds?: number;
    serviceName?: string;
    template?: {
      spec?: {
        containers?: { name: string; image?: string }[];
        initContainers?: { name: string; image?: string }[];
      };
    };
  };
  status?: {
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    currentReplicas?: number;
    desiredNumberScheduled?: number;
    currentNumberScheduled?: number;
    updatedNumberScheduled?: number;
    numberReady?: number;
    numberAvailable?: number;
  };
}

/** A selector's requirements, one `code` each (the key apart, so it reads as one token). */
export function SelectorView({ selector }: { selector: unknown }) {
  const parts = selectorParts(selector);
  if (parts.length === 0) return <span className="muted">None</span>;
  return (
    <ul className="plain inline">
      {parts.map((part) => (
        <li key={part.key + part.rest}>
          <code>
            <span>{part.key}</span>
            {part.rest}
          </code>
        </li>
      ))}
    </ul>
  );
}

/** Desired, updated, ready and available counts; a DaemonSet's come from its node counts. */
export function replicaCounts(
  resource: string,
  object: KubeObject,
): { label: string; value: number }[] {
  const { spec, status } = object as KubeObject & WorkloadFields;
  if (resource === 'daemonsets') {
    return [
      { label: 'Desired', value: status?.desiredNumberScheduled ?? 0 },
      { label: 'Updated', value: status?.updatedNumberScheduled ?? 0 },
      { label: 'Ready', value: status?.numberReady ?? 0 },
      { label: 'Available', value: status?.numberAvailable ?? 0 },
    ];
  }
  const counts = [{ label: 'Desired', value: spec?.replicas ?? 1 }];
  if (resource !== 'replicasets') {
    counts.push({ label: 'Updated', value: status?.updatedReplicas ?? 0 });
  }
  counts.push(
    { label: 'Ready', value: status?.readyReplicas ?? 0 },
    { label: 'Available', value: status?.availableReplicas ?? 0 },
  );
  return counts;
}

const text = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;

/** The update strategy in words: `RollingUpdate (max surge 25%, max unavailable 25%)`. */
export function strategyText(object: KubeObject): string | undefined {
  const spec = (object as KubeObject & WorkloadFields).spec;
  const strategy = spec?.strategy ?? spec?.updateStrategy;
  if (strategy === undefined) return undefined;
  const rolling = strategy.rollingUpdate as
    { maxSurge?: unknown; maxUnavailable?: unknown; partition?: number } | undefined;
  const parts = [
    text(rolling?.maxSurge) === undefined ? undefined : `max surge ${text(rolling?.maxSurge)}`,
    text(rolling?.maxUnavailable) === undefined
      ? undefined
      : `max unavailable ${text(rolling?.maxUnavailable)}`,
    rolling?.partition === undefined ? undefined : `partition ${rolling.partition}`,
  ].filter((p) => p !== undefined);
  const type = strategy.type ?? 'RollingUpdate';
  return parts.length === 0 ? type : `${type} (${parts.join(', ')})`;
}

/** Replicas, strategy, selector and the images of a Deployment, StatefulSet, DaemonSet or ReplicaSet. */
export function WorkloadSummary({ resource, object }: { resource: string; object: KubeObject }) {
  const { spec } = object as KubeObject & WorkloadFields;
  const counts = replicaCounts(resource, object);
  const strategy = strategyText(object);
  const containers = [
    ...(spec?.template?.spec?.initContainers ?? []).map((c) => ({ ...c, init: true })),
    ...(spec?.template?.spec?.containers ?? []).map((c) => ({ ...c, init: false })),
  ];
  return (
    <section className="details-section" id="workload" aria-labelledby="workload-title">
      <h2 id="workload-title">Replica status</h2>
      <Counts label="Replica counts" counts={counts} />
      <dl className="fields">
        {strategy !== undefined && (
          <div className="field-row">
            <dt>Strategy</dt>
            <dd>{strategy}</dd>
          </div>
        )}
        {spec?.minReadySeconds !== undefined && (
          <div className="field-row">
            <dt>Min ready</dt>
            <dd>{spec.minReadySeconds}s</dd>
          </div>
        )}
        <div className="field-row">
          <dt>Selector</dt>
          <dd>
            <SelectorView selector={spec?.selector} />
          </dd>
        </div>
        <div className="field-row">
          <dt>Images</dt>
          <dd>
            <ul className="plain">
              {containers.map((c) => (
                <li key={`${String(c.init)}/${c.name}`}>
                  {c.name}
                  {c.init ? ' (init)' : ''}: <code>{c.image ?? '—'}</code>
                </li>
              ))}
            </ul>
          </dd>
        </div>
      </dl>
    </section>
  );
}
