import { describe, expect, it } from 'vitest';
import { parseRoute } from '@/routes';
import { breadcrumbs, fallbackKindLabel } from '@/shell/breadcrumbs';

const at = (url: string) => {
  const [path = '', query = ''] = url.split('?');
  return parseRoute(path, query === '' ? '' : `?${query}`);
};

describe('breadcrumbs', () => {
  it('cluster › kind › namespace › name on an object page, the name not a link', () => {
    expect(
      breadcrumbs(at('/c/dev/r/apps/v1/deployments/demo/web'), { kindLabel: 'Deployments' }),
    ).toEqual([
      { label: 'dev', href: '/c/dev' },
      { label: 'Deployments', href: '/c/dev/r/apps/v1/deployments' },
      { label: 'demo', href: '/c/dev/r/apps/v1/deployments?ns=demo' },
      { label: 'web' },
    ]);
  });

  it('skips the namespace of a cluster-scoped object', () => {
    expect(breadcrumbs(at('/c/dev/r/core/v1/nodes/_/kwok-1'))).toEqual([
      { label: 'dev', href: '/c/dev' },
      { label: 'Nodes', href: '/c/dev/r/core/v1/nodes' },
      { label: 'kwok-1' },
    ]);
  });

  it("keeps a namespace-bound user's namespaces in the kind's link", () => {
    const trail = breadcrumbs(at('/c/dev/r/core/v1/pods/demo/web-1'), {
      kindLabel: 'Pods',
      linkNamespaces: ['demo'],
    });
    expect(trail[1]).toEqual({ label: 'Pods', href: '/c/dev/r/core/v1/pods?ns=demo' });
  });

  it('ends a list with its kind, or its namespaces', () => {
    expect(breadcrumbs(at('/c/dev/r/core/v1/pods'), { kindLabel: 'Pods' })).toEqual([
      { label: 'dev', href: '/c/dev' },
      { label: 'Pods' },
    ]);
    expect(breadcrumbs(at('/c/dev/r/core/v1/pods?ns=demo,shop'), { kindLabel: 'Pods' })).toEqual([
      { label: 'dev', href: '/c/dev' },
      { label: 'Pods', href: '/c/dev/r/core/v1/pods' },
      { label: 'demo, shop' },
    ]);
  });

  it('leads through the object to its logs or terminal', () => {
    expect(breadcrumbs(at('/c/dev/logs/demo/deployments/web?follow=0'))).toEqual([
      { label: 'dev', href: '/c/dev' },
      { label: 'Deployments', href: '/c/dev/r/apps/v1/deployments' },
      { label: 'demo', href: '/c/dev/r/apps/v1/deployments?ns=demo' },
      { label: 'web', href: '/c/dev/r/apps/v1/deployments/demo/web' },
      { label: 'Logs' },
    ]);
    expect(breadcrumbs(at('/c/dev/terminal/demo/web-1?attach=1')).map((c) => c.label)).toEqual([
      'dev',
      'Pods',
      'demo',
      'web-1',
      'Attach',
    ]);
  });

  it('names the other pages, and is only the cluster on its overview', () => {
    expect(breadcrumbs(at('/c/dev'))).toEqual([{ label: 'dev' }]);
    expect(breadcrumbs(at('/c/dev/apps/demo/shop')).map((c) => c.label)).toEqual([
      'dev',
      'Apps (Helm)',
      'demo',
      'shop',
    ]);
    expect(breadcrumbs(at('/c/dev/portforwards')).map((c) => c.label)).toEqual([
      'dev',
      'Port forwards',
    ]);
    expect(breadcrumbs(at('/'))).toEqual([]);
  });

  it('makes a label from the resource while discovery has not answered', () => {
    expect(fallbackKindLabel('configmaps')).toBe('Configmaps');
  });
});
