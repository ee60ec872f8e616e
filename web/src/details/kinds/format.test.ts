import { describe, expect, it } from 'vitest';
import {
  envFromSource,
  envSource,
  pageSections,
  probeText,
  qosClass,
  resourceRows,
  selectorText,
  stateSummary,
  taintText,
} from '@/details/kinds/format';

describe('container state summaries', () => {
  it('says running, with when it started', () => {
    expect(stateSummary({ running: { startedAt: '2026-01-01T00:00:00Z' } })).toEqual({
      phase: 'Running',
      detail: '',
      since: '2026-01-01T00:00:00Z',
      tone: 'good',
    });
  });

  it('gives the reason and exit code of a terminated container', () => {
    const summary = stateSummary({
      terminated: { reason: 'OOMKilled', exitCode: 137, finishedAt: '2026-01-01T00:01:00Z' },
    });
    expect(summary.phase).toBe('Terminated');
    expect(summary.detail).toBe('OOMKilled, exit code 137');
    expect(summary.tone).toBe('bad');
    expect(stateSummary({ terminated: { reason: 'Completed', exitCode: 0 } }).tone).toBe('done');
    expect(stateSummary({ terminated: { exitCode: 143, signal: 15 } }).detail).toBe(
      'exit code 143, signal 15',
    );
  });

  it('tells a waiting container in trouble from one being created', () => {
    expect(stateSummary({ waiting: { reason: 'CrashLoopBackOff' } })).toMatchObject({
      phase: 'Waiting',
      detail: 'CrashLoopBackOff',
      tone: 'bad',
    });
    expect(stateSummary({ waiting: { reason: 'ContainerCreating' } }).tone).toBe('pending');
    expect(stateSummary(undefined).phase).toBe('—');
    expect(stateSummary({}).phase).toBe('—');
  });
});

describe('resource formatting', () => {
  it('pairs requests and limits by resource, a dash where one is missing', () => {
    expect(
      resourceRows({ requests: { memory: '64Mi', cpu: '100m' }, limits: { cpu: '500m' } }),
    ).toEqual([
      { resource: 'cpu', request: '100m', limit: '500m' },
      { resource: 'memory', request: '64Mi', limit: '—' },
    ]);
    expect(resourceRows({})).toEqual([]);
  });

  it('works out the QoS class when the cluster has not said', () => {
    const both = { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } };
    expect(qosClass({ status: { qosClass: 'Burstable' } })).toBe('Burstable');
    expect(qosClass({ spec: { containers: [{}] } })).toBe('BestEffort');
    expect(qosClass({ spec: { containers: [{ resources: both }] } })).toBe('Guaranteed');
    expect(
      qosClass({ spec: { containers: [{ resources: { limits: { cpu: '1', memory: '1Gi' } } }] } }),
    ).toBe('Guaranteed');
    expect(qosClass({ spec: { containers: [{ resources: both }, {}] } })).toBe('Burstable');
  });

  it('writes taints, tolerations, selectors and probes as kubectl would', () => {
    expect(taintText({ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' })).toBe(
      'dedicated=gpu:NoSchedule',
    );
    expect(
      taintText({
        key: 'node.kubernetes.io/not-ready',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      }),
    ).toBe('node.kubernetes.io/not-ready exists:NoExecute for 300s');
    expect(taintText({ operator: 'Exists' })).toBe('*');
    expect(
      selectorText({
        matchLabels: { app: 'web' },
        matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }],
      }),
    ).toBe('app=web, tier In (a, b)');
    expect(selectorText({ app: 'db' })).toBe('app=db');
    expect(selectorText(undefined)).toBe('—');
    expect(
      probeText({
        httpGet: { path: '/healthz', port: 8080 },
        periodSeconds: 5,
        initialDelaySeconds: 3,
      }),
    ).toBe('HTTP GET /healthz on port 8080, every 5s, after 3s, timeout 1s, 3 failures');
    expect(probeText({ exec: { command: ['cat', '/tmp/ok'] } })).toBe(
      'exec cat /tmp/ok, every 10s, timeout 1s, 3 failures',
    );
  });
});

describe('env reference links', () => {
  it('names the Secret and key a value comes from, never a value', () => {
    expect(
      envSource({ name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }),
    ).toEqual({ type: 'secret', name: 'db', key: 'password' });
    expect(
      envSource({
        name: 'MODE',
        valueFrom: { configMapKeyRef: { name: 'settings', key: 'mode' } },
      }),
    ).toEqual({ type: 'configMap', name: 'settings', key: 'mode' });
    expect(envSource({ name: 'X', value: 'literal' })).toEqual({ type: 'value', value: 'literal' });
    expect(
      envSource({ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }),
    ).toEqual({ type: 'field', text: 'field spec.nodeName' });
    expect(envFromSource({ secretRef: { name: 'all' } })).toEqual({
      type: 'secret',
      name: 'all',
      key: undefined,
    });
    expect(envFromSource({ configMapRef: { name: 'cm' } })?.type).toBe('configMap');
    expect(envFromSource({})).toBeUndefined();
  });
});

describe('section selection', () => {
  it("puts a kind's own sections first, then the overview and the rest", () => {
    const ids = (group: string, resource: string) => pageSections(group, resource).map((s) => s.id);
    expect(ids('', 'pods')).toEqual([
      'containers',
      'scheduling',
      'volumes',
      'overview',
      'related',
      'events',
      'yaml',
    ]);
    expect(ids('apps', 'deployments')).toContain('workload');
    expect(ids('apps', 'daemonsets')).toContain('workload');
    expect(ids('', 'nodes')).toEqual(['node', 'capacity', 'overview', 'related', 'events', 'yaml']);
    expect(ids('', 'services')).toContain('service');
    expect(ids('', 'configmaps')).toEqual(['overview', 'related', 'events', 'yaml']);
    expect(ids('networking.k8s.io', 'ingresses').slice(0, 3)).toEqual(['ingress', 'rules', 'tls']);
    expect(ids('autoscaling', 'horizontalpodautoscalers').slice(0, 2)).toEqual([
      'autoscaling',
      'metrics',
    ]);
    expect(ids('rbac.authorization.k8s.io', 'clusterroles')[0]).toBe('rules');
    expect(ids('rbac.authorization.k8s.io', 'clusterrolebindings')[0]).toBe('binding');
    expect(ids('', 'persistentvolumeclaims')[0]).toBe('claim');
  });
});
