/** Pure helpers behind the HorizontalPodAutoscaler sections (tested in autoscaling.test.ts). */
import { selectorText } from '@/details/kinds/format';

interface MetricTarget {
  type?: string;
  averageUtilization?: number;
  averageValue?: string;
  value?: string;
}

interface MetricValue {
  averageUtilization?: number;
  averageValue?: string;
  value?: string;
}

interface MetricIdentifier {
  name?: string;
  selector?: unknown;
}

export interface ObjectReference {
  apiVersion?: string;
  kind?: string;
  name?: string;
}

/** One metric of `spec.metrics` (with `target`) or of `status.currentMetrics` (with `current`). */
export interface Metric {
  type?: string;
  resource?: { name?: string; target?: MetricTarget; current?: MetricValue };
  containerResource?: {
    name?: string;
    container?: string;
    target?: MetricTarget;
    current?: MetricValue;
  };
  pods?: { metric?: MetricIdentifier; target?: MetricTarget; current?: MetricValue };
  object?: {
    metric?: MetricIdentifier;
    describedObject?: ObjectReference;
    target?: MetricTarget;
    current?: MetricValue;
  };
  external?: { metric?: MetricIdentifier; target?: MetricTarget; current?: MetricValue };
}

interface ScalingRules {
  stabilizationWindowSeconds?: number;
  selectPolicy?: string;
  policies?: { type?: string; value?: number; periodSeconds?: number }[];
  tolerance?: string;
}

export interface AutoscalerFields {
  spec?: {
    scaleTargetRef?: ObjectReference;
    minReplicas?: number;
    maxReplicas?: number;
    metrics?: Metric[];
    behavior?: { scaleUp?: ScalingRules; scaleDown?: ScalingRules };
    /** autoscaling/v1 only. */
    targetCPUUtilizationPercentage?: number;
  };
  status?: {
    currentReplicas?: number;
    desiredReplicas?: number;
    lastScaleTime?: string;
    currentMetrics?: Metric[] | null;
    /** autoscaling/v1 only. */
    currentCPUUtilizationPercentage?: number;
  };
}

export interface MetricRow {
  key: string;
  type: string;
  /** What is measured: `cpu`, `cpu of container app`, `requests_per_second`. */
  name: string;
  /** The metric's label selector, when it has one. */
  selector: string | undefined;
  /** An Object metric's object. */
  object: ObjectReference | undefined;
  target: string;
  current: string;
}

/** What every type of metric may say: what it measures, its target or its current value. */
interface MetricSource {
  name?: string;
  metric?: MetricIdentifier;
  target?: MetricTarget;
  current?: MetricValue;
}

/** The part of a metric that names what it measures, whichever its type. */
function source(m: Metric): MetricSource | undefined {
  return m.resource ?? m.containerResource ?? m.pods ?? m.object ?? m.external;
}

/** What tells two metrics apart: type, name, container and described object. */
function identity(metric: Metric): string {
  const s = source(metric);
  const name = s?.name ?? s?.metric?.name;
  const object = metric.object?.describedObject;
  return JSON.stringify([
    metric.type,
    name,
    metric.containerResource?.container,
    object?.kind,
    object?.name,
  ]);
}

function targetText(target: MetricTarget | undefined): string {
  if (target === undefined) return '—';
  if (
    target.type === 'Utilization' ||
    (target.type === undefined && target.averageUtilization !== undefined)
  ) {
    return `${String(target.averageUtilization ?? '?')}% of requests`;
  }
  if (target.type === 'AverageValue') return `${target.averageValue ?? '?'} per pod`;
  return target.value ?? target.averageValue ?? '—';
}

function currentText(current: MetricValue | undefined): string {
  if (current === undefined) return 'unknown';
  if (current.averageUtilization !== undefined) {
    const value = current.averageValue === undefined ? '' : ` (${current.averageValue} per pod)`;
    return `${current.averageUtilization}%${value}`;
  }
  if (current.averageValue !== undefined) return `${current.averageValue} per pod`;
  return current.value ?? 'unknown';
}

/** An autoscaling/v1 object's CPU target as the one v2 metric it stands for. */
function v1Metrics(hpa: AutoscalerFields): { spec: Metric[]; status: Metric[] } {
  const target = hpa.spec?.targetCPUUtilizationPercentage;
  const current = hpa.status?.currentCPUUtilizationPercentage;
  return {
    spec:
      target === undefined
        ? []
        : [
            {
              type: 'Resource',
              resource: {
                name: 'cpu',
                target: { type: 'Utilization', averageUtilization: target },
              },
            },
          ],
    status:
      current === undefined
        ? []
        : [
            {
              type: 'Resource',
              resource: { name: 'cpu', current: { averageUtilization: current } },
            },
          ],
  };
}

/** Each metric the autoscaler follows, its target beside its current value. */
export function metricRows(hpa: AutoscalerFields): MetricRow[] {
  const v1 = v1Metrics(hpa);
  const metrics = hpa.spec?.metrics ?? v1.spec;
  const currents = hpa.status?.currentMetrics ?? (hpa.spec?.metrics === undefined ? v1.status : []);
  return metrics.map((metric, i) => {
    const s = source(metric);
    const container = metric.containerResource?.container;
    const name = s?.name ?? s?.metric?.name ?? '?';
    const selector = s?.metric?.selector;
    const current = currents.find((c) => identity(c) === identity(metric));
    return {
      key: String(i),
      type: metric.type ?? '?',
      name: container === undefined ? name : `${name} of container ${container}`,
      selector: selector === undefined ? undefined : selectorText(selector),
      object: metric.object?.describedObject,
      target: targetText(s?.target),
      current: currentText(current === undefined ? undefined : source(current)?.current),
    };
  });
}

function rulesText(direction: string, rules: ScalingRules): string {
  if (rules.selectPolicy === 'Disabled') return `${direction}: disabled`;
  const parts: string[] = [];
  if (rules.stabilizationWindowSeconds !== undefined) {
    parts.push(`stabilization window ${rules.stabilizationWindowSeconds}s`);
  }
  const policies = (rules.policies ?? []).map((p) =>
    p.type === 'Percent'
      ? `${String(p.value ?? '?')}% per ${String(p.periodSeconds ?? '?')}s`
      : `${String(p.value ?? '?')} pods per ${String(p.periodSeconds ?? '?')}s`,
  );
  if (policies.length > 0) {
    const which =
      policies.length < 2
        ? ''
        : rules.selectPolicy === 'Min'
          ? ' (whichever changes less)'
          : ' (whichever changes more)';
    parts.push(`at most ${policies.join(' or ')}${which}`);
  }
  if (rules.tolerance !== undefined) parts.push(`tolerance ${rules.tolerance}`);
  return `${direction}: ${parts.length === 0 ? 'the defaults' : parts.join(', ')}`;
}

/** The scaling behavior in words, one line per direction set; none when left to the defaults. */
export function behaviorLines(hpa: AutoscalerFields): string[] {
  const behavior = hpa.spec?.behavior;
  const lines: string[] = [];
  if (behavior?.scaleUp !== undefined) lines.push(rulesText('Scale up', behavior.scaleUp));
  if (behavior?.scaleDown !== undefined) lines.push(rulesText('Scale down', behavior.scaleDown));
  return lines;
}

/** Minimum, maximum, current and desired replicas. */
export function autoscalerCounts(hpa: AutoscalerFields): { label: string; value: number }[] {
  return [
    { label: 'Min', value: hpa.spec?.minReplicas ?? 1 },
    { label: 'Max', value: hpa.spec?.maxReplicas ?? 0 },
    { label: 'Current', value: hpa.status?.currentReplicas ?? 0 },
    { label: 'Desired', value: hpa.status?.desiredReplicas ?? 0 },
  ];
}
