import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@/api/kube';
import {
  controllerRevisionPatch,
  controllerRevisions,
  deploymentRevisions,
  deploymentRollbackPatch,
} from '@/workloads/rollback';

const owner = (kind: string, uid: string) => [
  { apiVersion: 'apps/v1', kind, name: 'x', uid, controller: true },
];

const template = (image: string, hash: string) => ({
  metadata: { labels: { app: 'web', 'pod-template-hash': hash }, annotations: { a: '1' } },
  spec: { containers: [{ name: 'nginx', image }] },
});

const deployment: KubeObject = {
  metadata: {
    name: 'web',
    namespace: 'demo',
    uid: 'dep',
    annotations: {
      'deployment.kubernetes.io/revision': '3',
      'kubectl.kubernetes.io/last-applied-configuration': '{}',
      team: 'shop',
    },
  },
  spec: { template: template('nginx:1.27', '') },
};

const replicaSet = (name: string, revision: string, image: string, uid = 'dep'): KubeObject => ({
  metadata: {
    name,
    namespace: 'demo',
    uid: `rs-${name}`,
    ownerReferences: owner('Deployment', uid),
    annotations: {
      'deployment.kubernetes.io/revision': revision,
      'deployment.kubernetes.io/desired-replicas': '3',
      'kubernetes.io/change-cause': `image ${image}`,
    },
  },
  spec: { template: template(image, name.slice(-4)) },
});

describe('Deployment rollout history', () => {
  it("lists the ReplicaSets it owns by revision, newest first, marking the Deployment's", () => {
    const revisions = deploymentRevisions(deployment, [
      replicaSet('web-aaaa', '1', 'nginx:1.25'),
      replicaSet('web-cccc', '3', 'nginx:1.27'),
      replicaSet('web-bbbb', '2', 'nginx:1.26'),
      replicaSet('other-dddd', '9', 'x', 'someone-else'),
    ]);
    expect(revisions.map((r) => [r.revision, r.object.metadata.name, r.current])).toEqual([
      [3, 'web-cccc', true],
      [2, 'web-bbbb', false],
      [1, 'web-aaaa', false],
    ]);
    expect(revisions[1]?.images).toEqual(['nginx:1.26']);
    expect(revisions[1]?.changeCause).toBe('image nginx:1.26');
  });

  it('takes the ReplicaSet with the same template as current, before the controller renumbers', () => {
    const rolledBack: KubeObject = {
      ...deployment,
      spec: { template: template('nginx:1.26', 'ignored') },
    };
    const revisions = deploymentRevisions(rolledBack, [
      replicaSet('web-cccc', '3', 'nginx:1.27'),
      replicaSet('web-bbbb', '2', 'nginx:1.26'),
    ]);
    expect(revisions.find((r) => r.current)?.revision).toBe(2);
  });

  it('rolls back like kubectl rollout undo: the template less pod-template-hash, and annotations', () => {
    const target = replicaSet('web-bbbb', '2', 'nginx:1.26');
    const patch = deploymentRollbackPatch(deployment, target);
    expect(patch).toEqual([
      {
        op: 'replace',
        path: '/spec/template',
        value: {
          metadata: { labels: { app: 'web' }, annotations: { a: '1' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }] },
        },
      },
      {
        op: 'replace',
        path: '/metadata/annotations',
        value: {
          'deployment.kubernetes.io/revision': '3',
          'kubectl.kubernetes.io/last-applied-configuration': '{}',
          'kubernetes.io/change-cause': 'image nginx:1.26',
        },
      },
    ]);
    // The ReplicaSet itself is left as it was.
    expect(
      (target['spec'] as { template: { metadata: { labels: Record<string, string> } } }).template
        .metadata.labels['pod-template-hash'],
    ).toBe('bbbb');
  });
});

describe('DaemonSet and StatefulSet rollout history', () => {
  const data = (image: string) => ({
    spec: {
      template: {
        $patch: 'replace',
        metadata: { labels: { app: 'agent' } },
        spec: { containers: [{ name: 'agent', image }] },
      },
    },
  });
  const revision = (name: string, number: number, image: string, uid = 'ds'): KubeObject => ({
    metadata: { name, uid: `cr-${name}`, ownerReferences: owner('DaemonSet', uid) },
    revision: number,
    data: data(image),
  });
  const daemonSet: KubeObject = { metadata: { name: 'agent', uid: 'ds' } };

  it('lists owned ControllerRevisions newest first; the highest is current', () => {
    const revisions = controllerRevisions(daemonSet, [
      revision('agent-1', 1, 'agent:1'),
      revision('agent-2', 2, 'agent:2'),
      revision('not-ours', 7, 'x', 'other'),
    ]);
    expect(revisions.map((r) => [r.revision, r.current, r.images])).toEqual([
      [2, true, ['agent:2']],
      [1, false, ['agent:1']],
    ]);
  });

  it("takes a StatefulSet's updateRevision as current", () => {
    const statefulSet: KubeObject = {
      metadata: { name: 'db', uid: 'ds' },
      status: { updateRevision: 'agent-1' },
    };
    const revisions = controllerRevisions(statefulSet, [
      revision('agent-1', 1, 'db:1'),
      revision('agent-2', 2, 'db:2'),
    ]);
    expect(revisions.find((r) => r.current)?.object.metadata.name).toBe('agent-1');
  });

  it("rolls back with the revision's data as the strategic-merge patch", () => {
    expect(controllerRevisionPatch(revision('agent-1', 1, 'agent:1'))).toEqual(data('agent:1'));
    expect(() => controllerRevisionPatch({ metadata: { name: 'empty' } })).toThrow(/no data/);
  });
});
