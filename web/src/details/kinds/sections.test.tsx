import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KubeObject } from '@/api/kube';
import { AutoscalingSections } from '@/details/kinds/AutoscalingSections';
import { IngressSections } from '@/details/kinds/IngressSections';
import { BindingSections, ServiceAccountSections } from '@/details/kinds/RbacSections';
import { ClaimSections } from '@/details/kinds/StorageSections';
import { json, stubServer } from '@/testing/testServer';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const navigate = () => undefined;
const object = (fields: Omit<KubeObject, 'metadata'>, name = 'x', namespace = 'demo') => ({
  metadata: { name, namespace },
  ...fields,
});
const href = (name: string | RegExp) => screen.getByRole('link', { name }).getAttribute('href');

describe('per-kind sections', () => {
  it('links an Ingress to its class, backend Services and TLS Secret', () => {
    render(
      <IngressSections
        cluster="dev"
        navigate={navigate}
        object={object({
          spec: {
            ingressClassName: 'demo',
            defaultBackend: { service: { name: 'fallback', port: { number: 80 } } },
            rules: [
              {
                host: 'a.test',
                http: {
                  paths: [
                    {
                      path: '/',
                      pathType: 'Prefix',
                      backend: { service: { name: 'web', port: { name: 'http' } } },
                    },
                  ],
                },
              },
            ],
            tls: [{ hosts: ['a.test'], secretName: 'a-tls' }],
          },
        })}
      />,
    );
    expect(href('demo')).toBe('/c/dev/r/networking.k8s.io/v1/ingressclasses/_/demo');
    expect(href('fallback')).toBe('/c/dev/r/core/v1/services/demo/fallback');
    const row = within(screen.getByRole('table', { name: 'Rules' })).getByRole('row', {
      name: /a\.test/,
    });
    expect(row.textContent).toContain('web:http');
    expect(href('a-tls')).toBe('/c/dev/r/core/v1/secrets/demo/a-tls');
  });

  it("links a claim's class and volume, and says when it is not bound yet", () => {
    const { rerender } = render(
      <ClaimSections
        cluster="dev"
        navigate={navigate}
        object={object({
          spec: {
            storageClassName: 'fast',
            volumeName: 'pv-1',
            resources: { requests: { storage: '1Gi' } },
          },
          status: { phase: 'Bound', capacity: { storage: '2Gi' } },
        })}
      />,
    );
    expect(href('fast')).toBe('/c/dev/r/storage.k8s.io/v1/storageclasses/_/fast');
    expect(href('pv-1')).toBe('/c/dev/r/core/v1/persistentvolumes/_/pv-1');
    expect(screen.getByText(/more than requested/)).toBeTruthy();
    rerender(
      <ClaimSections
        cluster="dev"
        navigate={navigate}
        object={object({ spec: { storageClassName: 'manual' }, status: { phase: 'Pending' } })}
      />,
    );
    expect(screen.getByText('Not bound to a volume yet.')).toBeTruthy();
    expect(screen.getByText('None yet (not bound)')).toBeTruthy();
  });

  it("links a ServiceAccount's Secrets and a binding's role and ServiceAccounts", () => {
    render(
      <>
        <ServiceAccountSections
          cluster="dev"
          navigate={navigate}
          object={object(
            { secrets: [{ name: 'token-a' }], imagePullSecrets: [{ name: 'registry' }] },
            'builder',
          )}
        />
        <BindingSections
          cluster="dev"
          navigate={navigate}
          object={object(
            {
              roleRef: { kind: 'ClusterRole', name: 'edit' },
              subjects: [
                { kind: 'ServiceAccount', name: 'builder', namespace: 'ci' },
                { kind: 'User', name: 'alice' },
              ],
            },
            'builders',
          )}
        />
      </>,
    );
    expect(href('token-a')).toBe('/c/dev/r/core/v1/secrets/demo/token-a');
    expect(href('registry')).toBe('/c/dev/r/core/v1/secrets/demo/registry');
    expect(href('ClusterRole edit')).toBe(
      '/c/dev/r/rbac.authorization.k8s.io/v1/clusterroles/_/edit',
    );
    expect(href('builder')).toBe('/c/dev/r/core/v1/serviceaccounts/ci/builder');
    expect(screen.queryByRole('link', { name: 'alice' })).toBeNull();
  });

  it("links an autoscaler's target at once, and an Object metric's object once discovery says what it is", async () => {
    const seen = stubServer((request) =>
      request.url === '/clusters/dev/apis/networking.k8s.io/v1'
        ? json(200, { resources: [{ name: 'ingresses', kind: 'Ingress', namespaced: true }] })
        : json(404, {}),
    );
    render(
      <AutoscalingSections
        cluster="dev"
        navigate={navigate}
        object={object({
          spec: {
            scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' },
            minReplicas: 2,
            maxReplicas: 5,
            metrics: [
              {
                type: 'Object',
                object: {
                  metric: { name: 'rps' },
                  describedObject: {
                    apiVersion: 'networking.k8s.io/v1',
                    kind: 'Ingress',
                    name: 'shop',
                  },
                  target: { type: 'Value', value: '10' },
                },
              },
            ],
          },
        })}
      />,
    );
    expect(href('Deployment api')).toBe('/c/dev/r/apps/v1/deployments/demo/api');
    const counts = within(screen.getByRole('list', { name: 'Replica counts' }));
    expect(counts.getByText('Max').previousSibling?.textContent).toBe('5');
    expect((await screen.findByRole('link', { name: 'Ingress shop' })).getAttribute('href')).toBe(
      '/c/dev/r/networking.k8s.io/v1/ingresses/demo/shop',
    );
    expect(seen.map((r) => r.url)).toEqual(['/clusters/dev/apis/networking.k8s.io/v1']);
  });
});
