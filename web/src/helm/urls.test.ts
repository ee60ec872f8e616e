import { describe, expect, it } from 'vitest';
import { objectUrl, pluralOf, releaseUrl } from '@/helm/urls';

describe('helm urls', () => {
  it('names kinds as the API does', () => {
    expect(pluralOf('Deployment')).toBe('deployments');
    expect(pluralOf('Ingress')).toBe('ingresses');
    expect(pluralOf('NetworkPolicy')).toBe('networkpolicies');
    expect(pluralOf('Endpoints')).toBe('endpoints');
    expect(pluralOf('ConfigMap')).toBe('configmaps');
  });

  it('links releases and their objects', () => {
    expect(releaseUrl('dev', 'demo', 'web')).toBe('/c/dev/apps/demo/web');
    expect(objectUrl('dev', 'v1', 'Service', 'demo', 'web')).toBe(
      '/c/dev/r/core/v1/services/demo/web',
    );
    expect(objectUrl('dev', 'rbac.authorization.k8s.io/v1', 'ClusterRole', undefined, 'x')).toBe(
      '/c/dev/r/rbac.authorization.k8s.io/v1/clusterroles/_/x',
    );
  });
});
