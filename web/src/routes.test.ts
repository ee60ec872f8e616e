import { afterEach, describe, expect, it } from 'vitest';
import { resetSettings, updateSettings } from '@/ui/settingsStore';
import {
  appsUrl,
  catalogUrl,
  clusterPageUrl,
  createUrl,
  DEFAULT_TAIL_LINES,
  detailsUrl,
  listUrl,
  logsUrl,
  mapUrl,
  movedPageUrl,
  parseRoute,
  portForwardsUrl,
  releaseUrl,
  safeReturnPath,
  signInUrl,
  terminalUrl,
} from '@/routes';

const pods = { group: '', version: 'v1', resource: 'pods' };
const deployments = { group: 'apps', version: 'v1', resource: 'deployments' };

describe('parseRoute', () => {
  it('maps the home and sign-in pages', () => {
    expect(parseRoute('/', '')).toEqual({ page: 'home' });
    expect(parseRoute('/c/dev/sign-in', '')).toEqual({ page: 'sign-in', cluster: 'dev' });
    expect(parseRoute('/c/a%40b/sign-in/', '')).toEqual({ page: 'sign-in', cluster: 'a@b' });
  });

  it('keeps only a same-origin return path on the sign-in page', () => {
    expect(parseRoute('/c/dev/sign-in', '?return=%2Fc%2Fdev%2Fr%2Fcore%2Fv1%2Fpods')).toEqual({
      page: 'sign-in',
      cluster: 'dev',
      returnTo: '/c/dev/r/core/v1/pods',
    });
    expect(parseRoute('/c/dev/sign-in', '?return=//evil.example/x')).toEqual({
      page: 'sign-in',
      cluster: 'dev',
    });
    expect(parseRoute('/c/dev/sign-in', '?return=https://evil.example/')).toEqual({
      page: 'sign-in',
      cluster: 'dev',
    });
  });

  it('maps the cluster page, lists, details and create', () => {
    expect(parseRoute('/c/dev', '')).toEqual({ page: 'cluster', cluster: 'dev' });
    expect(parseRoute('/c/dev/', '')).toEqual({ page: 'cluster', cluster: 'dev' });
    expect(parseRoute('/c/dev/r/core/v1/pods', '')).toEqual({
      page: 'list',
      cluster: 'dev',
      kind: pods,
      query: {},
    });
    expect(
      parseRoute('/c/dev/r/apps/v1/deployments', '?ns=demo,kube-system&q=api&l=a%3Db&sort=-Age'),
    ).toEqual({
      page: 'list',
      cluster: 'dev',
      kind: deployments,
      query: { ns: ['demo', 'kube-system'], q: 'api', l: 'a=b', sort: '-Age' },
    });
    expect(parseRoute('/c/dev/r/apps/v1/deployments/demo/api', '')).toEqual({
      page: 'details',
      cluster: 'dev',
      kind: deployments,
      namespace: 'demo',
      name: 'api',
    });
    expect(parseRoute('/c/dev/r/core/v1/nodes/_/node-1', '')).toEqual({
      page: 'details',
      cluster: 'dev',
      kind: { group: '', version: 'v1', resource: 'nodes' },
      namespace: undefined,
      name: 'node-1',
    });
    expect(parseRoute('/c/dev/r/apps/v1/deployments/demo/api', '?edit=1')).toMatchObject({
      page: 'details',
      name: 'api',
      edit: true,
    });
    expect(parseRoute('/c/dev/r/apps/v1/deployments/demo/api', '?edit=yes')).not.toHaveProperty(
      'edit',
    );
    expect(parseRoute('/c/dev/create', '?ns=demo')).toEqual({
      page: 'create',
      cluster: 'dev',
      namespace: 'demo',
    });
    expect(parseRoute('/c/dev/create', '')).toEqual({
      page: 'create',
      cluster: 'dev',
      namespace: undefined,
    });
  });

  it('refuses anything else', () => {
    expect(parseRoute('/c/dev/pods', '')).toEqual({ page: 'not-found' });
    expect(parseRoute('/c/dev/r/core/v1', '')).toEqual({ page: 'not-found' });
    expect(parseRoute('/c/dev/r/core/v1/pods/demo', '')).toEqual({ page: 'not-found' });
    expect(parseRoute('/x', '')).toEqual({ page: 'not-found' });
    expect(parseRoute('/c/%E0%A4%A/r', '')).toEqual({ page: 'not-found' });
    expect(parseRoute('/c//r', '')).toEqual({ page: 'not-found' });
  });
});

describe('URL builders', () => {
  it('round-trip through parseRoute', () => {
    const list = listUrl('dev', deployments, { ns: ['demo', 'b'], q: 'a b', l: 'x in (1,2)' });
    expect(list).toBe('/c/dev/r/apps/v1/deployments?ns=demo,b&q=a%20b&l=x%20in%20(1,2)');
    const [path = '', search = ''] = list.split('?');
    expect(parseRoute(path, `?${search}`)).toEqual({
      page: 'list',
      cluster: 'dev',
      kind: deployments,
      query: { ns: ['demo', 'b'], q: 'a b', l: 'x in (1,2)' },
    });
    expect(listUrl('dev', pods)).toBe('/c/dev/r/core/v1/pods');
    expect(listUrl('dev', pods, { ns: [], sort: 'Name' })).toBe('/c/dev/r/core/v1/pods?sort=Name');
  });

  it('encode names and write `_` for cluster-scoped objects', () => {
    expect(detailsUrl('dev', pods, 'demo', 'web-1')).toBe('/c/dev/r/core/v1/pods/demo/web-1');
    expect(detailsUrl('dev', pods, 'demo', 'web-1', { edit: true })).toBe(
      '/c/dev/r/core/v1/pods/demo/web-1?edit=1',
    );
    expect(detailsUrl('my cluster', { group: '', version: 'v1', resource: 'nodes' }, '', 'n')).toBe(
      '/c/my%20cluster/r/core/v1/nodes/_/n',
    );
    expect(
      detailsUrl(
        'dev',
        { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterroles' },
        undefined,
        'system:x',
      ),
    ).toBe('/c/dev/r/rbac.authorization.k8s.io/v1/clusterroles/_/system%3Ax');
    expect(createUrl('dev')).toBe('/c/dev/create');
    expect(createUrl('dev', 'demo')).toBe('/c/dev/create?ns=demo');
    expect(clusterPageUrl('dev')).toBe('/c/dev');
    expect(signInUrl('dev', '/c/dev/r/core/v1/pods?ns=demo')).toBe(
      '/c/dev/sign-in?return=%2Fc%2Fdev%2Fr%2Fcore%2Fv1%2Fpods%3Fns%3Ddemo',
    );
  });
});

describe('safeReturnPath', () => {
  it('accepts only same-origin paths', () => {
    expect(safeReturnPath('/c/dev')).toBe('/c/dev');
    expect(safeReturnPath('//evil')).toBeUndefined();
    expect(safeReturnPath('/\\evil')).toBeUndefined();
    expect(safeReturnPath('javascript:alert(1)')).toBeUndefined();
    expect(safeReturnPath('/a\nb')).toBeUndefined();
    expect(safeReturnPath(null)).toBeUndefined();
  });
});

describe('Helm pages', () => {
  it('round-trip through their URLs', () => {
    expect(appsUrl('dev')).toBe('/c/dev/apps');
    expect(parseRoute('/c/dev/apps', '?ns=demo')).toEqual({
      page: 'apps',
      cluster: 'dev',
      namespace: 'demo',
    });
    expect(parseRoute(releaseUrl('dev', 'demo', 'web'), '')).toEqual({
      page: 'release',
      cluster: 'dev',
      namespace: 'demo',
      name: 'web',
    });
    expect(parseRoute(catalogUrl('dev'), '')).toEqual({
      page: 'catalog',
      cluster: 'dev',
      namespace: undefined,
    });
    expect(parseRoute('/c/dev/apps/demo', '')).toEqual({ page: 'not-found' });
  });
});

describe('logs, terminal and port-forward routes', () => {
  it('round-trips a Logs tab, writing only what differs from the defaults', () => {
    expect(logsUrl('dev', 'demo', 'pods', 'web-1')).toBe(
      '/c/dev/r/core/v1/pods/demo/web-1?tab=logs',
    );
    const url = logsUrl('dev', 'demo', 'deployments', 'web', {
      pod: 'web-1',
      container: 'nginx',
      follow: false,
      previous: true,
      timestamps: true,
      since: 300,
      tail: null,
      q: 'error 500',
    });
    expect(url).toBe(
      '/c/dev/r/apps/v1/deployments/demo/web?tab=logs&pod=web-1&container=nginx&follow=0&previous=1&timestamps=1&since=300&tail=all&q=error%20500',
    );
    const [path = '', search = ''] = url.split('?');
    expect(parseRoute(path, `?${search}`)).toEqual({
      page: 'details',
      cluster: 'dev',
      kind: deployments,
      namespace: 'demo',
      name: 'web',
      tab: 'logs',
      logs: {
        pod: 'web-1',
        container: 'nginx',
        follow: false,
        previous: true,
        timestamps: true,
        since: 300,
        tail: null,
        q: 'error 500',
      },
    });
    // A pod has no pod to pick.
    expect(logsUrl('dev', 'demo', 'pods', 'web-1', { pod: 'x' })).toBe(
      '/c/dev/r/core/v1/pods/demo/web-1?tab=logs',
    );
    expect(parseRoute(path, '?tab=yaml&container=nginx')).not.toHaveProperty('logs');
  });

  it('reads the old logs page and sends it to the Logs tab with the same settings', () => {
    const old = parseRoute('/c/dev/logs/demo/pods/web-1', '?tail=50&since=x&container=nginx');
    expect(old).toMatchObject({
      page: 'logs',
      query: { follow: true, previous: false, timestamps: false, tail: 50, container: 'nginx' },
    });
    expect(old.page === 'logs' && movedPageUrl(old)).toBe(
      '/c/dev/r/core/v1/pods/demo/web-1?tab=logs&container=nginx&tail=50',
    );
    // A workload's old page merged all of its pods: so does the tab it moves to.
    const workload = parseRoute('/c/dev/logs/demo/deployments/web', '?follow=0&q=boom');
    expect(workload.page === 'logs' && movedPageUrl(workload)).toBe(
      '/c/dev/r/apps/v1/deployments/demo/web?tab=logs&pod=*&follow=0&q=boom',
    );
    const job = parseRoute('/c/dev/logs/demo/jobs/once', '');
    expect(job.page === 'logs' && movedPageUrl(job)).toBe(
      '/c/dev/r/batch/v1/jobs/demo/once?tab=logs&pod=*',
    );
    expect(parseRoute('/c/dev/logs/demo/pods/web-1', '')).toMatchObject({
      query: { tail: DEFAULT_TAIL_LINES },
    });
    expect(parseRoute('/c/dev/logs/demo/configmaps/x', '')).toEqual({ page: 'not-found' });
  });

  it('maps the Terminal tab, the old terminal page and the port-forward page', () => {
    expect(terminalUrl('dev', 'demo', 'web-1', { container: 'nginx', attach: true })).toBe(
      '/c/dev/r/core/v1/pods/demo/web-1?tab=terminal&container=nginx&attach=1',
    );
    expect(parseRoute('/c/dev/r/core/v1/pods/demo/web-1', '?tab=terminal&attach=1')).toEqual({
      page: 'details',
      cluster: 'dev',
      kind: pods,
      namespace: 'demo',
      name: 'web-1',
      tab: 'terminal',
      terminal: { attach: true },
    });
    const old = parseRoute('/c/dev/terminal/demo/web-1', '?container=nginx&attach=1');
    expect(old).toEqual({
      page: 'terminal',
      cluster: 'dev',
      namespace: 'demo',
      pod: 'web-1',
      container: 'nginx',
      attach: true,
    });
    expect(old.page === 'terminal' && movedPageUrl(old)).toBe(
      '/c/dev/r/core/v1/pods/demo/web-1?tab=terminal&container=nginx&attach=1',
    );
    const plain = parseRoute('/c/dev/terminal/demo/web-1', '');
    expect(plain.page === 'terminal' && movedPageUrl(plain)).toBe(
      '/c/dev/r/core/v1/pods/demo/web-1?tab=terminal',
    );
    expect(parseRoute(portForwardsUrl('dev'), '')).toEqual({
      page: 'portforwards',
      cluster: 'dev',
    });
  });
});

describe('settings in routes', () => {
  afterEach(() => {
    resetSettings();
  });

  it('parses the settings page', () => {
    expect(parseRoute('/settings', '')).toEqual({ page: 'settings' });
    expect(parseRoute('/settings/x', '')).toEqual({ page: 'not-found' });
  });

  it('opens logs with the lines the settings say, and leaves them out of the address', () => {
    updateSettings({ logLines: 100 });
    const route = parseRoute('/c/dev/logs/demo/pods/web', '');
    expect(route.page === 'logs' && route.query.tail).toBe(100);
    expect(logsUrl('dev', 'demo', 'pods', 'web', { tail: 100 })).toBe(
      '/c/dev/r/core/v1/pods/demo/web?tab=logs',
    );
    expect(logsUrl('dev', 'demo', 'pods', 'web', { tail: 1000 })).toBe(
      '/c/dev/r/core/v1/pods/demo/web?tab=logs&tail=1000',
    );
    updateSettings({ logLines: null });
    const all = parseRoute('/c/dev/logs/demo/pods/web', '');
    expect(all.page === 'logs' && all.query.tail).toBeNull();
  });
});

describe('the map page', () => {
  it('round-trips with and without a namespace', () => {
    expect(mapUrl('dev')).toBe('/c/dev/map');
    expect(mapUrl('dev', 'demo')).toBe('/c/dev/map?ns=demo');
    expect(parseRoute('/c/dev/map', '')).toEqual({ page: 'map', cluster: 'dev' });
    expect(parseRoute('/c/dev/map', '?ns=demo')).toEqual({
      page: 'map',
      cluster: 'dev',
      namespace: 'demo',
    });
    expect(parseRoute('/c/dev/map/demo', '')).toEqual({ page: 'not-found' });
  });
});
