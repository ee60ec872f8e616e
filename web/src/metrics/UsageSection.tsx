import { HISTORY_SAMPLES, useUsageHistory } from '@/metrics/history';
import { UsageChart } from '@/metrics/UsageChart';
import { formatCpu, formatMemory, SAMPLE_EVERY_MS } from '@/metrics/usage';
import type { Usage } from '@/metrics/usage';
import { useMetricsAvailable } from '@/metrics/useMetricsAvailable';
import '@/metrics/metrics.css';

/** The shortest span a chart shows, so the first samples are not a dot at the edge. */
const MIN_SPAN_MS = 3 * 60_000;
const MAX_SPAN_MS = HISTORY_SAMPLES * SAMPLE_EVERY_MS;

export interface UsageLimits {
  cpu?: number | undefined;
  memory?: number | undefined;
}

/**
 * CPU and memory charts of one thing over the last minutes, when the cluster serves the
 * metrics API and the user may read that usage (`allowed`, from an access review the caller
 * asks first, so nothing the cluster would refuse is requested). Nothing at all without the
 * metrics API or while the review is pending; a short note when the user may not read it.
 */
export function UsageSection({
  cluster,
  historyKey,
  allowed,
  read,
  limits = {},
  heading = 'Usage',
  headingLevel = 2,
  className = 'details-section',
  note,
}: {
  cluster: string;
  /** What the history is of, e.g. ['pod', namespace, name]. */
  historyKey: readonly unknown[];
  /** The access review's answer (null: still asking). */
  allowed: boolean | null;
  read: () => Promise<Usage>;
  limits?: UsageLimits;
  heading?: string;
  headingLevel?: 2 | 3;
  className?: string;
  /** A line under the heading (e.g. "3 pods"). */
  note?: string | undefined;
}) {
  const available = useMetricsAvailable(cluster);
  const samples = useUsageHistory(cluster, historyKey, available && allowed === true ? read : null);
  if (!available || allowed === null) return null;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const first = samples[0];
  const last = samples[samples.length - 1];
  const held = first !== undefined && last !== undefined ? last.at - first.at : 0;
  const span = Math.min(MAX_SPAN_MS, Math.max(MIN_SPAN_MS, held));
  return (
    <section className={`${className} usage-section`} aria-label={heading}>
      <Heading>{heading}</Heading>
      {!allowed ? (
        <p className="muted">You may not read usage here.</p>
      ) : (
        <>
          {note !== undefined && <p className="muted">{note}</p>}
          <div className="usage-charts">
            <UsageChart
              title="CPU"
              points={samples.map((s) => ({ at: s.at, value: s.cpu }))}
              span={span}
              format={formatCpu}
              limit={limits.cpu}
            />
            <UsageChart
              title="Memory"
              points={samples.map((s) => ({ at: s.at, value: s.memory }))}
              span={span}
              format={formatMemory}
              limit={limits.memory}
            />
          </div>
        </>
      )}
    </section>
  );
}
