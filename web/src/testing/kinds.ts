import type { ResourceKind } from '@/api/kube';

/** For tests: a namespaced kind of `group`/v1, named as its resource, with `verbs`. */
export const testKind = (group: string, resource: string, verbs: string[] = []): ResourceKind => ({
  group,
  version: 'v1',
  resource,
  kind: resource,
  namespaced: true,
  verbs,
  shortNames: [],
});
