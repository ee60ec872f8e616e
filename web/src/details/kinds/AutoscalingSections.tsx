import type { KubeObject } from '@/api/kube';
import { When } from '@/ui/When';
import { KindLink } from '@/details/KindLink';
import { autoscalerCounts, behaviorLines, metricRows } from '@/details/kinds/autoscaling';
import type { AutoscalerFields, MetricRow, ObjectReference } from '@/details/kinds/autoscaling';
import { ConditionList, Counts, Field, Section, Table, Values } from '@/details/kinds/parts';
import type { Condition, KindProps, Navigate } from '@/details/kinds/parts';

/** A link to the object a reference names by apiVersion and kind (`Deployment api`). */
function Reference({
  cluster,
  namespace,
  reference,
  navigate,
}: {
  cluster: string;
  namespace: string | undefined;
  reference: ObjectReference & { name: string };
  navigate: Navigate;
}) {
  return (
    <KindLink
      cluster={cluster}
      apiVersion={reference.apiVersion ?? 'v1'}
      kind={reference.kind ?? ''}
      namespace={namespace}
      name={reference.name}
      navigate={navigate}
    />
  );
}

/** What a metric measures: its name, selector, and the object an Object metric is about. */
function MetricName({
  cluster,
  namespace,
  row,
  navigate,
}: {
  cluster: string;
  namespace: string | undefined;
  row: MetricRow;
  navigate: Navigate;
}) {
  const object = row.object;
  return (
    <>
      <code>{row.name}</code>
      {row.selector !== undefined && <span className="muted"> where {row.selector}</span>}
      {object?.name !== undefined && (
        <>
          {' of '}
          <Reference
            cluster={cluster}
            namespace={namespace}
            reference={{ ...object, name: object.name }}
            navigate={navigate}
          />
        </>
      )}
    </>
  );
}

/** ScalingLimited is neither good nor bad news: the replicas are held at min or max. */
const conditionTone = (c: Condition) =>
  c.type === 'ScalingLimited' ? 'neutral' : c.status === 'True' ? 'good' : 'bad';

/** An autoscaler's target, replica bounds and counts, behavior and conditions; its metrics. */
export function AutoscalingSections({ cluster, object, navigate }: KindProps) {
  const hpa = object as KubeObject & AutoscalerFields;
  const namespace = object.metadata.namespace;
  const target = hpa.spec?.scaleTargetRef;
  const behavior = behaviorLines(hpa);
  const rows = metricRows(hpa);
  const conditions = (hpa.status as { conditions?: Condition[] } | undefined)?.conditions ?? [];
  const lastScale = hpa.status?.lastScaleTime;
  return (
    <>
      <Section id="autoscaling" title="Autoscaling">
        <Counts label="Replica counts" counts={autoscalerCounts(hpa)} />
        <dl className="fields">
          <Field label="Scale target">
            {target?.name === undefined ? (
              '—'
            ) : (
              <Reference
                cluster={cluster}
                namespace={namespace}
                reference={{ ...target, name: target.name }}
                navigate={navigate}
              />
            )}
          </Field>
          <Field label="Last scaled">
            {lastScale === undefined ? (
              <span className="muted">Never</span>
            ) : (
              <When at={lastScale} />
            )}
          </Field>
          <Field label="Behavior">
            {behavior.length === 0 ? 'The defaults' : <Values items={behavior} />}
          </Field>
          <Field label="Conditions">
            <ConditionList
              conditions={conditions}
              none="None reported yet"
              tone={conditionTone}
              messages={false}
            />
            {conditions.length > 0 && (
              <span className="muted">Their messages are under Status.</span>
            )}
          </Field>
        </dl>
      </Section>
      <Section id="metrics" title="Metrics">
        <Table
          empty="No metrics."
          caption="Metrics"
          columns={['Type', 'Metric', 'Target', 'Current']}
          rows={rows.map((row) => ({
            key: row.key,
            cells: [
              row.type,
              <MetricName
                key="name"
                cluster={cluster}
                namespace={namespace}
                row={row}
                navigate={navigate}
              />,
              row.target,
              row.current,
            ],
          }))}
        />
      </Section>
    </>
  );
}
