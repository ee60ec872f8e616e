import { describe, expect, it } from 'vitest';
import { knownKind, objectHref } from '@/details/links';
import {
  ingressClass,
  ingressRules,
  ingressTarget,
  loadBalancerAddresses,
  matchParts,
  routeParents,
  routeRules,
} from '@/details/kinds/network';

const shop = {
  metadata: { name: 'shop', namespace: 'demo' },
  spec: {
    ingressClassName: 'demo',
    rules: [
      {
        host: 'shop.demo.lanthorn.test',
        http: {
          paths: [
            {
              path: '/',
              pathType: 'Prefix',
              backend: { service: { name: 'web', port: { name: 'http' } } },
            },
            {
              path: '/api',
              pathType: 'Prefix',
              backend: { service: { name: 'api', port: { number: 8080 } } },
            },
          ],
        },
      },
      {
        http: {
          paths: [
            {
              backend: {
                resource: { apiGroup: 'k8s.example.com', kind: 'Bucket', name: 'static' },
              },
            },
          ],
        },
      },
      { host: 'bare.example.com' },
    ],
  },
};

describe('Ingress rules', () => {
  it('gives one row per path, with the Service and port it goes to', () => {
    const rows = ingressRules(shop);
    expect(rows.map((r) => [r.host, r.path, r.pathType])).toEqual([
      ['shop.demo.lanthorn.test', '/', 'Prefix'],
      ['shop.demo.lanthorn.test', '/api', 'Prefix'],
      ['*', '*', 'ImplementationSpecific'],
      ['bare.example.com', '*', '—'],
    ]);
    expect(rows[0]?.target).toEqual({ type: 'service', name: 'web', port: 'http' });
    expect(rows[1]?.target).toEqual({ type: 'service', name: 'api', port: '8080' });
    expect(rows[2]?.target).toEqual({
      type: 'resource',
      target: { group: 'k8s.example.com', kind: 'Bucket', namespace: 'demo', name: 'static' },
    });
    expect(rows[3]?.target).toEqual({ type: 'default' });
    expect(ingressRules({ metadata: {} })).toEqual([]);
  });

  it('finds the class in the spec, else in the old annotation', () => {
    expect(ingressClass(shop)).toEqual({ name: 'demo', from: 'spec' });
    expect(
      ingressClass({ metadata: { annotations: { 'kubernetes.io/ingress.class': 'nginx' } } }),
    ).toEqual({ name: 'nginx', from: 'annotation' });
    expect(ingressClass({ metadata: {} })).toBeUndefined();
    expect(ingressTarget(undefined, 'demo')).toEqual({ type: 'default' });
  });

  it('lists load balancer addresses with their ports', () => {
    expect(
      loadBalancerAddresses({
        ingress: [
          { ip: '10.0.0.5', ports: [{ port: 80, protocol: 'TCP' }, { port: 443 }] },
          { hostname: 'lb.example.com' },
        ],
      }),
    ).toEqual(['10.0.0.5 (80/TCP, 443/TCP)', 'lb.example.com']);
    expect(loadBalancerAddresses(undefined)).toEqual([]);
  });
});

const route = {
  metadata: { name: 'shop', namespace: 'demo' },
  spec: {
    parentRefs: [
      { name: 'shop-gateway', sectionName: 'http' },
      { name: 'edge', namespace: 'infra', port: 443 },
    ],
    hostnames: ['shop.demo.lanthorn.test'],
    rules: [
      {
        matches: [
          {
            path: { type: 'PathPrefix', value: '/api' },
            headers: [{ name: 'x-canary', value: 'yes' }],
            method: 'GET',
          },
          {
            path: { type: 'RegularExpression', value: '/v[0-9]+/.*' },
            queryParams: [{ type: 'RegularExpression', name: 'q', value: '.+' }],
          },
        ],
        filters: [{ type: 'RequestHeaderModifier' }],
        backendRefs: [
          { name: 'api', port: 8080, weight: 3 },
          { name: 'api-canary', port: 8080 },
        ],
        timeouts: { request: '10s' },
      },
      {
        name: 'fallback',
        backendRefs: [{ group: 'k8s.example.com', kind: 'Bucket', name: 'static' }],
      },
    ],
  },
  status: {
    parents: [
      {
        parentRef: {
          group: 'gateway.networking.k8s.io',
          kind: 'Gateway',
          name: 'shop-gateway',
          sectionName: 'http',
        },
        controllerName: 'example.com/gateway',
        conditions: [{ type: 'Accepted', status: 'True', reason: 'Accepted' }],
      },
    ],
  },
};

describe('HTTPRoute', () => {
  it("names its parents with the Gateway API's defaults and what their controller said", () => {
    const parents = routeParents(route);
    expect(parents).toEqual([
      {
        key: '0',
        group: 'gateway.networking.k8s.io',
        kind: 'Gateway',
        namespace: 'demo',
        name: 'shop-gateway',
        section: 'listener http',
        conditions: [{ type: 'Accepted', status: 'True', reason: 'Accepted' }],
      },
      {
        key: '1',
        group: 'gateway.networking.k8s.io',
        kind: 'Gateway',
        namespace: 'infra',
        name: 'edge',
        section: 'port 443',
        conditions: [],
      },
    ]);
  });

  it('writes matches in words, a rule without any matching every path', () => {
    const rules = routeRules(route);
    expect(rules[0]?.matches).toEqual([
      ['path PathPrefix /api', 'header x-canary = yes', 'method GET'],
      ['path RegularExpression /v[0-9]+/.*', 'query q ~ .+'],
    ]);
    expect(rules[1]?.matches).toEqual([['path PathPrefix /']]);
    expect(matchParts({})).toEqual(['path PathPrefix /']);
    expect(rules.map((r) => r.title)).toEqual(['Rule 1', 'Rule fallback']);
    expect(rules[0]?.filters).toEqual(['RequestHeaderModifier']);
    expect(rules[0]?.timeouts).toBe('request 10s');
    expect(rules[1]?.timeouts).toBeUndefined();
  });

  it('splits traffic between backends by weight (1 when unset)', () => {
    const [first, second] = routeRules(route);
    expect(first?.backends.map((b) => [b.name, b.port, b.weight, b.share])).toEqual([
      ['api', 8080, 3, '75%'],
      ['api-canary', 8080, 1, '25%'],
    ]);
    expect(second?.backends[0]).toMatchObject({
      group: 'k8s.example.com',
      kind: 'Bucket',
      namespace: 'demo',
      share: '100%',
    });
  });

  it('links Services and Gateways straight away, other kinds through discovery', () => {
    const [parent] = routeParents(route);
    const gateway = knownKind(parent?.group ?? '', parent?.kind ?? '');
    expect(gateway && objectHref('dev', gateway, parent?.namespace, parent?.name ?? '')).toBe(
      '/c/dev/r/gateway.networking.k8s.io/v1/gateways/demo/shop-gateway',
    );
    const backend = routeRules(route)[0]?.backends[0];
    const service = knownKind(backend?.group ?? '', backend?.kind ?? '');
    expect(service && objectHref('dev', service, backend?.namespace, backend?.name ?? '')).toBe(
      '/c/dev/r/core/v1/services/demo/api',
    );
    expect(knownKind('k8s.example.com', 'Bucket')).toBeUndefined();
    expect(knownKind('apps', 'Deployment')).toEqual({
      group: 'apps',
      version: 'v1',
      resource: 'deployments',
    });
  });
});
