import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@/api/kube';
import { logFileName, logFileText } from '@/logs/download';
import { LogStore } from '@/logs/logStore';
import {
  containerNames,
  defaultContainer,
  logSources,
  podLogPath,
  sourceLabels,
} from '@/logs/logTargets';
import { resumeOptions, subscribeOptions } from '@/logs/useLogStream';

const pod: KubeObject = {
  kind: 'Pod',
  metadata: { name: 'api-1', annotations: { 'kubectl.kubernetes.io/default-container': 'app' } },
  spec: {
    initContainers: [{ name: 'migrate' }],
    containers: [{ name: 'proxy' }, { name: 'app' }],
  },
};

const deployment: KubeObject = {
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: { template: { spec: { containers: [{ name: 'nginx' }, { name: 'sidecar' }] } } },
};

describe('log targets', () => {
  it('offers app, init and ephemeral containers and picks the default like kubectl', () => {
    expect(containerNames(pod)).toEqual(['proxy', 'app', 'migrate']);
    expect(defaultContainer(pod)).toBe('app');
    expect(containerNames(deployment)).toEqual(['nginx', 'sidecar']);
    expect(defaultContainer(deployment)).toBe('nginx');
  });

  it('streams one container of each pod, or every one', () => {
    expect(logSources(['a', 'b'], ['nginx', 'sidecar'], undefined, 'nginx')).toEqual([
      { pod: 'a', container: 'nginx' },
      { pod: 'b', container: 'nginx' },
    ]);
    expect(logSources(['a'], ['nginx', 'sidecar'], '*', 'nginx')).toEqual([
      { pod: 'a', container: 'nginx' },
      { pod: 'a', container: 'sidecar' },
    ]);
    expect(logSources(['a'], [], undefined, undefined)).toEqual([]);
  });

  it('prefixes lines with what tells their sources apart', () => {
    expect(sourceLabels([{ pod: 'a', container: 'c' }])).toBeNull();
    expect(
      sourceLabels([
        { pod: 'a', container: 'c' },
        { pod: 'b', container: 'c' },
      ]),
    ).toEqual(['a', 'b']);
    expect(
      sourceLabels([
        { pod: 'a', container: 'c' },
        { pod: 'a', container: 'd' },
      ]),
    ).toEqual(['c', 'd']);
    expect(
      sourceLabels([
        { pod: 'a', container: 'c' },
        { pod: 'b', container: 'd' },
      ]),
    ).toEqual(['a/c', 'b/d']);
  });

  it('subscribes with timestamps, and resumes with only the seconds missed', () => {
    const source = { pod: 'a', container: 'c' };
    const options = { follow: true, previous: false, tail: 1000 };
    expect(subscribeOptions(source, options)).toEqual({
      container: 'c',
      follow: true,
      previous: false,
      timestamps: true,
      tailLines: 1000,
    });
    const now = Date.parse('2026-01-01T00:01:00Z');
    expect(
      resumeOptions(source, options, '2026-01-01T00:00:30.000000000', now - 60_000, now),
    ).toEqual({
      container: 'c',
      follow: true,
      previous: false,
      timestamps: true,
      sinceSeconds: 31,
    });
    expect(resumeOptions(source, options, undefined, now - 5_000, now).sinceSeconds).toBe(6);
    expect(podLogPath('demo', 'web 1')).toBe('/api/v1/namespaces/demo/pods/web%201/log');
  });

  it('writes the lines held as a .log file, as shown', () => {
    const store = new LogStore();
    store.append(1, ['2026-01-01T00:00:02Z two'], true);
    store.append(0, ['2026-01-01T00:00:01Z one'], true);
    expect(logFileText(store.entries(), ['a', 'b'], true)).toBe(
      '[a] 2026-01-01T00:00:01Z one\n[b] 2026-01-01T00:00:02Z two\n',
    );
    expect(logFileText(store.entries(), null, false)).toBe('one\ntwo\n');
    expect(logFileName('web', 'nginx')).toBe('web-nginx.log');
    expect(logFileName('web', '*')).toBe('web.log');
  });
});
