import { describe, expect, it } from 'vitest';
import type { MapKind } from '@/map/kinds';
import { MAP_KINDS } from '@/map/kinds';
import { buildGraph, nodeId } from '@/map/model';
import type { MapGraph, Relation } from '@/map/model';
import { obj, runningPod, webApp } from '@/map/fixtures';

const ALL: ReadonlySet<MapKind> = new Set(MAP_KINDS);

const edgesOf = (graph: MapGraph, relation: Relation) =>
  graph.edges
    .filter((edge) => edge.relation === relation)
    .map((edge) => `${edge.from} > ${edge.to}`)
    .sort();

describe('buildGraph', () => {
  it('links owners to what they own, by uid', () => {
    const graph = buildGraph(webApp(2), ALL);
    expect(edgesOf(graph, 'owns')).toEqual([
      'Deployment/demo/web > ReplicaSet/demo/web-abc',
      'ReplicaSet/demo/web-abc > Pod/demo/web-abc-0',
      'ReplicaSet/demo/web-abc > Pod/demo/web-abc-1',
    ]);
  });

  it('links a CronJob to its Jobs and their pods, and marks the top workload', () => {
    const cron = obj('CronJob', 'report', { spec: {} });
    const job = obj('Job', 'report-1', { owner: cron, status: {} });
    const pod = obj('Pod', 'report-1-x', { owner: job, spec: {}, status: { phase: 'Succeeded' } });
    const graph = buildGraph([cron, job, pod], ALL);
    expect(edgesOf(graph, 'owns')).toEqual([
      'CronJob/demo/report > Job/demo/report-1',
      'Job/demo/report-1 > Pod/demo/report-1-x',
    ]);
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    expect(byId.get('Pod/demo/report-1-x')?.workload).toBe('CronJob/demo/report');
    expect(byId.get('Job/demo/report-1')?.workload).toBe('CronJob/demo/report');
    expect(byId.get('CronJob/demo/report')?.status).toEqual({ text: 'Scheduled', tone: 'good' });
  });

  it('links an owner it did not read by kind and name, as a stand-in', () => {
    const pod = obj('Pod', 'db-0', { spec: {} });
    pod.object.metadata.ownerReferences = [
      { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: 'gone' },
    ];
    const graph = buildGraph([pod], new Set<MapKind>(['Pod']));
    expect(edgesOf(graph, 'owns')).toEqual(['StatefulSet/demo/db > Pod/demo/db-0']);
    const standIn = graph.nodes.find((n) => n.id === 'StatefulSet/demo/db');
    expect(standIn).toMatchObject({ listed: false, status: { text: 'Not listed' } });
  });

  it('links a Service to the pods its selector matches, in its own namespace only', () => {
    const other = obj('Pod', 'web-elsewhere', {
      namespace: 'staging',
      labels: { app: 'web' },
      spec: {},
    });
    const unlabelled = obj('Pod', 'lonely', { labels: { app: 'db' }, spec: {} });
    const headless = obj('Service', 'none', { spec: {} });
    const graph = buildGraph([...webApp(2), other, unlabelled, headless], ALL);
    expect(edgesOf(graph, 'selects')).toEqual([
      'Service/demo/web > Pod/demo/web-abc-0',
      'Service/demo/web > Pod/demo/web-abc-1',
    ]);
  });

  it('links Ingress and HTTPRoute backends to Services', () => {
    const ingress = obj('Ingress', 'shop', {
      spec: {
        defaultBackend: { service: { name: 'fallback' } },
        rules: [{ http: { paths: [{ backend: { service: { name: 'web' } } }] } }],
      },
    });
    const route = obj('HTTPRoute', 'shop', {
      spec: {
        rules: [
          { backendRefs: [{ name: 'api', port: 8080 }] },
          {
            backendRefs: [
              { name: 'web', weight: 90 },
              { name: 'bucket', kind: 'Bucket', group: 'example.com' },
              { name: 'web', namespace: 'staging' },
            ],
          },
        ],
      },
    });
    const graph = buildGraph([...webApp(1), ingress, route], ALL);
    expect(edgesOf(graph, 'routes')).toEqual([
      'HTTPRoute/demo/shop > Service/demo/api',
      'HTTPRoute/demo/shop > Service/demo/web',
      'HTTPRoute/demo/shop > Service/staging/web',
      'Ingress/demo/shop > Service/demo/fallback',
      'Ingress/demo/shop > Service/demo/web',
    ]);
    // Services were read: one that is not there is missing, not merely unlisted.
    expect(graph.nodes.find((n) => n.id === 'Service/demo/fallback')?.status).toEqual({
      text: 'Missing',
      tone: 'bad',
    });
  });

  it('links pods to the ConfigMaps, Secrets and claims their volumes and env name', () => {
    const pod = obj('Pod', 'api-1', {
      spec: {
        volumes: [
          { name: 'a', configMap: { name: 'settings' } },
          { name: 'b', secret: { secretName: 'tls' } },
          { name: 'c', persistentVolumeClaim: { claimName: 'uploads' } },
          { name: 'd', projected: { sources: [{ configMap: { name: 'extra' } }] } },
          { name: 'e', emptyDir: {} },
        ],
        initContainers: [{ name: 'migrate', envFrom: [{ secretRef: { name: 'creds' } }] }],
        containers: [
          {
            name: 'api',
            envFrom: [{ configMapRef: { name: 'api-config' } }],
            env: [
              { name: 'A', valueFrom: { configMapKeyRef: { name: 'settings', key: 'a' } } },
              { name: 'B', valueFrom: { secretKeyRef: { name: 'creds', key: 'b' } } },
              { name: 'C', value: 'plain' },
            ],
          },
        ],
      },
    });
    const objects = [
      pod,
      obj('ConfigMap', 'settings'),
      obj('ConfigMap', 'api-config'),
      obj('ConfigMap', 'unused'),
      obj('Secret', 'creds'),
      obj('Secret', 'sh.helm.release.v1.x.v1'),
      obj('PersistentVolumeClaim', 'uploads', { spec: {}, status: { phase: 'Bound' } }),
    ];
    const graph = buildGraph(objects, ALL);
    expect(edgesOf(graph, 'mounts')).toEqual([
      'Pod/demo/api-1 > ConfigMap/demo/extra',
      'Pod/demo/api-1 > ConfigMap/demo/settings',
      'Pod/demo/api-1 > PersistentVolumeClaim/demo/uploads',
      'Pod/demo/api-1 > Secret/demo/tls',
    ]);
    expect(edgesOf(graph, 'env')).toEqual([
      'Pod/demo/api-1 > ConfigMap/demo/api-config',
      'Pod/demo/api-1 > ConfigMap/demo/settings',
      'Pod/demo/api-1 > Secret/demo/creds',
    ]);
    const ids = graph.nodes.map((n) => n.id);
    // ConfigMaps and Secrets nobody refers to are not drawn.
    expect(ids).not.toContain('ConfigMap/demo/unused');
    expect(ids).not.toContain('Secret/demo/sh.helm.release.v1.x.v1');
    expect(graph.nodes.find((n) => n.id === 'Secret/demo/tls')).toMatchObject({
      listed: false,
      status: { text: 'Missing' },
    });
  });

  it('links a claim to its volume and a pod to its node', () => {
    const claim = obj('PersistentVolumeClaim', 'data', { spec: { volumeName: 'pv-1' } });
    const pv = obj('PersistentVolume', 'pv-1', { spec: {}, status: { phase: 'Bound' } });
    const unrelatedPv = obj('PersistentVolume', 'pv-2', { spec: {} });
    const node = obj('Node', 'node-1', {
      spec: {},
      status: { conditions: [{ type: 'Ready', status: 'True' }] },
    });
    const pod = obj('Pod', 'p', { spec: { nodeName: 'node-1' }, ...runningPod });
    const graph = buildGraph([claim, pv, unrelatedPv, node, pod], ALL);
    expect(edgesOf(graph, 'binds')).toEqual([
      'PersistentVolumeClaim/demo/data > PersistentVolume//pv-1',
    ]);
    expect(edgesOf(graph, 'runs-on')).toEqual(['Pod/demo/p > Node//node-1']);
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    expect(byId.get('Node//node-1')?.status).toEqual({ text: 'Ready', tone: 'good' });
    expect(byId.get('PersistentVolume//pv-1')?.listed).toBe(true);
    expect(byId.has('PersistentVolume//pv-2')).toBe(false);
    expect(byId.get('Pod/demo/p')?.nodeName).toBe('node-1');
  });

  it('shows a node the user may not list as a stand-in, not a failure', () => {
    const pod = obj('Pod', 'p', { spec: { nodeName: 'node-9' } });
    const graph = buildGraph([pod], new Set<MapKind>(['Pod']));
    expect(graph.nodes.find((n) => n.id === nodeId('Node', 'demo', 'node-9'))).toMatchObject({
      namespace: undefined,
      listed: false,
      status: { text: 'Not listed', tone: 'neutral' },
    });
  });

  it('colours pods by their state', () => {
    const crashing = obj('Pod', 'c', {
      spec: {},
      status: {
        phase: 'Running',
        containerStatuses: [{ ready: false, state: { waiting: { reason: 'CrashLoopBackOff' } } }],
      },
    });
    const pending = obj('Pod', 'p', { spec: {}, status: { phase: 'Pending' } });
    const graph = buildGraph([crashing, pending, ...webApp(1)], ALL);
    const tone = (name: string) => graph.nodes.find((n) => n.name === name)?.status.tone;
    expect(tone('c')).toBe('bad');
    expect(tone('p')).toBe('pending');
    expect(tone('web-abc-0')).toBe('good');
  });

  it('makes no edge twice and none to itself', () => {
    const pod = obj('Pod', 'p', {
      spec: {
        volumes: [
          { name: 'a', configMap: { name: 'x' } },
          { name: 'b', configMap: { name: 'x' } },
        ],
      },
    });
    const graph = buildGraph([pod, obj('ConfigMap', 'x')], ALL);
    expect(graph.edges).toHaveLength(1);
  });
});
