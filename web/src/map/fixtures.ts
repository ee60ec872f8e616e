import type { KubeObject } from '@/api/kube';
import type { MapKind } from '@/map/kinds';
import type { MapObject } from '@/map/model';

/** Small objects for the map's tests, shaped as the API server sends them. */

let uids = 0;

export function obj(
  kind: MapKind,
  name: string,
  extra: { namespace?: string; labels?: Record<string, string>; owner?: MapObject } & Record<
    string,
    unknown
  > = {},
): MapObject {
  const { namespace = 'demo', labels, owner, ...rest } = extra;
  uids += 1;
  const object: KubeObject = {
    kind,
    metadata: {
      name,
      uid: `uid-${uids}`,
      ...(kind === 'Node' || kind === 'PersistentVolume' ? {} : { namespace }),
      ...(labels === undefined ? {} : { labels }),
      ...(owner === undefined
        ? {}
        : {
            ownerReferences: [
              {
                apiVersion: 'v1',
                kind: owner.kind,
                name: owner.object.metadata.name,
                uid: owner.object.metadata.uid ?? '',
                controller: true,
              },
            ],
          }),
    },
    ...rest,
  };
  return { kind, object };
}

export const runningPod = { status: { phase: 'Running', containerStatuses: [{ ready: true }] } };

/** A Deployment web with its ReplicaSet, `pods` pods on node-1, and a Service selecting them. */
export function webApp(pods = 2): MapObject[] {
  const deployment = obj('Deployment', 'web', { spec: { replicas: pods }, status: {} });
  const replicaSet = obj('ReplicaSet', 'web-abc', { owner: deployment, spec: { replicas: pods } });
  const podObjects = Array.from({ length: pods }, (_, i) =>
    obj('Pod', `web-abc-${i}`, {
      owner: replicaSet,
      labels: { app: 'web' },
      spec: { nodeName: 'node-1', containers: [{ name: 'nginx' }] },
      ...runningPod,
    }),
  );
  const service = obj('Service', 'web', { spec: { selector: { app: 'web' } } });
  return [deployment, replicaSet, ...podObjects, service];
}
