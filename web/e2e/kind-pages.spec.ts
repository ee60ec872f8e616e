import type { Page } from '@playwright/test';
import { consoleErrors, expect, test } from './quiet';
import { env, expectAccessible, kubectl, screenshot, signInWithToken } from './support';

const INGRESS = '/c/dev/r/networking.k8s.io/v1/ingresses/demo/shop';
const ROUTE = '/c/dev/r/gateway.networking.k8s.io/v1/httproutes/demo/shop';
const CLAIM = '/c/dev/r/core/v1/persistentvolumeclaims/demo/uploads';
const CLASS = '/c/dev/r/storage.k8s.io/v1/storageclasses/_/kwok-fast';
const ROLE = '/c/dev/r/rbac.authorization.k8s.io/v1/roles/demo/lanthorn:secret-reader';
const BINDING = '/c/dev/r/rbac.authorization.k8s.io/v1/rolebindings/demo/lanthorn:secret-readers';
const CLUSTER_ROLE = '/c/dev/r/rbac.authorization.k8s.io/v1/clusterroles/_/view';
const AUTOSCALER = '/c/dev/r/autoscaling/v2/horizontalpodautoscalers/demo/api';
const ACCOUNT = '/c/dev/r/core/v1/serviceaccounts/demo/api';

/** The PersistentVolume bound to demo's claim `uploads` (made by kwok, so named at run time). */
function uploadsVolume(): string {
  return kubectl('get', 'pvc', 'uploads', '-n', 'demo', '-o', 'jsonpath={.spec.volumeName}');
}

/** Opens a page and waits until it and its related lists have been read. */
async function open(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText('Loading…')).toHaveCount(0);
}

test('the Ingress page links its class, backends and TLS Secret; a backend opens its Service', async ({
  page,
}) => {
  await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
  const errors = consoleErrors(page);
  await open(page, INGRESS);
  const summary = page.getByRole('region', { name: 'Ingress', exact: true });
  await expect(summary.getByRole('link', { name: 'demo', exact: true })).toHaveAttribute(
    'href',
    '/c/dev/r/networking.k8s.io/v1/ingressclasses/_/demo',
  );
  const rules = page.getByRole('table', { name: 'Rules' });
  const api = rules.getByRole('row').filter({ hasText: '/api' });
  await expect(api).toContainText('shop.demo.lanthorn.test');
  await expect(api).toContainText('Prefix');
  await expect(api).toContainText('api:8080');
  const tls = page.getByRole('table', { name: 'TLS' });
  await expect(tls.getByRole('link', { name: 'shop-tls' })).toHaveAttribute(
    'href',
    '/c/dev/r/core/v1/secrets/demo/shop-tls',
  );

  await page.waitForLoadState('networkidle');
  await expectAccessible(page);

  await rules
    .getByRole('row')
    .filter({ hasText: 'web:http' })
    .getByRole('link', { name: 'web' })
    .click();
  await expect(page).toHaveURL(/\/c\/dev\/r\/core\/v1\/services\/demo\/web$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Service web');
  await expect(page.getByRole('region', { name: 'Service', exact: true })).toContainText(
    'ClusterIP',
  );
  expect(errors).toEqual([]);
});

test('the HTTPRoute page links its Gateway and its weighted backends', async ({ page }) => {
  await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
  const errors = consoleErrors(page);
  await open(page, ROUTE);
  const parents = page.getByRole('table', { name: 'Parents' });
  await expect(parents.getByRole('link', { name: 'Gateway shop' })).toHaveAttribute(
    'href',
    '/c/dev/r/gateway.networking.k8s.io/v1/gateways/demo/shop',
  );
  await expect(parents).toContainText('listener http');
  await expect(page.getByRole('region', { name: 'Route' })).toContainText(
    'shop.demo.lanthorn.test',
  );
  const first = page.getByRole('region', { name: 'Rule 1' });
  await expect(first).toContainText('path PathPrefix /api, method GET');
  await expect(first).toContainText('header x-shop-client = mobile');
  const second = page.getByRole('region', { name: 'Rule 2' });
  await expect(second.getByRole('row').filter({ hasText: 'web-nodeport' })).toContainText(
    '10 (10%)',
  );
  await second.getByRole('link', { name: 'Service web', exact: true }).click();
  await expect(page).toHaveURL(/\/services\/demo\/web$/);
  expect(errors).toEqual([]);
});

test('a Bound claim links its class and volume, and the volume links back', async ({ page }) => {
  const volume = uploadsVolume();
  expect(volume).not.toBe('');
  await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
  const errors = consoleErrors(page);
  await open(page, CLAIM);
  const claim = page.getByRole('region', { name: 'Claim' });
  await expect(claim).toContainText('Bound');
  await expect(claim).toContainText('ReadWriteOnce (RWO)');
  await expect(claim.getByRole('link', { name: 'kwok-fast' })).toHaveAttribute('href', CLASS);
  await claim.getByRole('link', { name: volume }).click();

  await expect(page).toHaveURL(new RegExp(`/persistentvolumes/_/${volume}$`));
  const pv = page.getByRole('region', { name: 'Volume' });
  await expect(pv).toContainText('5Gi');
  await expect(pv).toContainText('Delete');
  await expect(pv).toContainText('hostPath');
  await expect(pv.getByRole('link', { name: 'demo/uploads' })).toHaveAttribute('href', CLAIM);
  await pv.getByRole('link', { name: 'kwok-fast' }).click();

  await expect(page).toHaveURL(CLASS);
  const sc = page.getByRole('region', { name: 'Storage class' });
  await expect(sc).toContainText('kwok.x-k8s.io/volume');
  await expect(sc).toContainText('Yes (annotation storageclass.kubernetes.io/is-default-class');
  await expect(sc).toContainText('Immediate');
  await expect(sc).toContainText('Allowed');
  expect(errors).toEqual([]);
});

test('Role, RoleBinding and ClusterRole pages show rules, role and subjects', async ({ page }) => {
  await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
  const errors = consoleErrors(page);
  await open(page, ROLE);
  const secrets = page
    .getByRole('table', { name: 'Rules' })
    .getByRole('row')
    .filter({ hasText: 'secrets' });
  await expect(secrets).toContainText('core');
  for (const verb of ['get', 'list', 'watch']) {
    await expect(secrets.getByText(verb, { exact: true })).toBeVisible();
  }

  await open(page, BINDING);
  const binding = page.getByRole('region', { name: 'Binding' });
  await expect(binding.getByRole('link', { name: 'Role lanthorn:secret-reader' })).toHaveAttribute(
    'href',
    '/c/dev/r/rbac.authorization.k8s.io/v1/roles/demo/lanthorn%3Asecret-reader',
  );
  const subjects = page.getByRole('table', { name: 'Subjects' });
  await expect(subjects.getByRole('row').filter({ hasText: 'demo-viewers' })).toContainText(
    'Group',
  );
  await subjects.getByRole('link', { name: 'demo-viewer', exact: true }).click();
  await expect(page).toHaveURL(/\/serviceaccounts\/demo\/demo-viewer$/);
  await expect(page.getByRole('region', { name: 'Service account' })).toContainText(
    'Mounts API token',
  );

  await open(page, CLUSTER_ROLE);
  const rules = page.getByRole('region', { name: 'Rules' });
  await expect(
    rules.getByRole('link', { name: /rbac\.authorization\.k8s\.io\/aggregate-to-view=true/ }),
  ).toBeVisible();
  // The rules aggregated from the demo's lanthorn:widgets-view.
  const widgets = rules.getByRole('row').filter({ hasText: 'widgets' });
  await expect(widgets).toContainText('demo.lanthorn.dev');
  await expect(widgets).toContainText('watch');
  expect(errors).toEqual([]);
});

test('the HorizontalPodAutoscaler page shows its target, bounds, metrics and conditions', async ({
  page,
}) => {
  await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
  const errors = consoleErrors(page);
  await open(page, AUTOSCALER);
  const counts = page.getByRole('list', { name: 'Replica counts' }).getByRole('listitem');
  await expect(counts.filter({ hasText: 'Min' })).toContainText('2');
  await expect(counts.filter({ hasText: 'Max' })).toContainText('2');
  const section = page.getByRole('region', { name: 'Autoscaling' });
  await expect(section.getByRole('link', { name: 'Deployment api' })).toHaveAttribute(
    'href',
    '/c/dev/r/apps/v1/deployments/demo/api',
  );
  await expect(section).toContainText('Scale down: stabilization window 300s, at most 50% per 60s');
  // The stack's metrics-server gives the autoscaler its CPU and memory (the page is live, so
  // a stack that has just come up turns True within a sync or two).
  await expect(section).toContainText('ScalingActive True (ValidMetricFound)', { timeout: 60_000 });
  const metrics = page.getByRole('table', { name: 'Metrics' });
  await expect(metrics.getByRole('row').filter({ hasText: 'cpu' })).toContainText(
    '70% of requests',
  );
  await expect(metrics.getByRole('row').filter({ hasText: 'memory' })).toContainText(
    '200Mi per pod',
  );
  const object = metrics.getByRole('row').filter({ hasText: 'requests_per_second' });
  await expect(object.getByRole('link', { name: 'Ingress shop' })).toHaveAttribute('href', INGRESS);
  await page.waitForLoadState('networkidle');
  await expectAccessible(page);
  expect(errors).toEqual([]);
});

test('the namespace-bound viewer sees the Ingress, claim and autoscaler pages, quietly', async ({
  page,
}) => {
  await signInWithToken(page, env('DEV_VIEWER_TOKEN'));
  const errors = consoleErrors(page);
  await open(page, INGRESS);
  await expect(
    page.getByRole('table', { name: 'Rules' }).getByRole('link', { name: 'api', exact: true }),
  ).toHaveAttribute('href', '/c/dev/r/core/v1/services/demo/api');

  await open(page, CLAIM);
  const claim = page.getByRole('region', { name: 'Claim' });
  await expect(claim).toContainText('Bound');
  // Named and linked, though the viewer may not read cluster-scoped volumes.
  await expect(claim.getByRole('link', { name: uploadsVolume() })).toBeVisible();
  await page.getByRole('tab', { name: 'Related' }).click();
  await expect(page.getByText('No pod mounts it.')).toBeVisible();

  await open(page, AUTOSCALER);
  await expect(
    page.getByRole('table', { name: 'Metrics' }).getByRole('link', { name: 'Ingress shop' }),
  ).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(errors).toEqual([]);
});

test('screenshots of the Ingress, HTTPRoute, storage, RBAC and autoscaler pages, admin and viewer, light and dark', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const admin: [string, string][] = [
    ['ingress', INGRESS],
    ['httproute', ROUTE],
    ['pvc', CLAIM],
    ['pv', `/c/dev/r/core/v1/persistentvolumes/_/${uploadsVolume()}`],
    ['storageclass', CLASS],
    ['serviceaccount', ACCOUNT],
    ['role', ROLE],
    ['rolebinding', BINDING],
    ['clusterrole', CLUSTER_ROLE],
    ['hpa', AUTOSCALER],
  ];
  // The viewer reads namespace demo's objects (`view`), not RBAC, cluster-scoped ones or routes.
  const viewer = admin.filter(([kind]) =>
    ['ingress', 'pvc', 'serviceaccount', 'hpa'].includes(kind),
  );
  for (const [who, pages] of [
    ['admin', admin],
    ['viewer', viewer],
  ] as const) {
    await page.context().clearCookies();
    await signInWithToken(page, env(who === 'admin' ? 'DEV_ADMIN_TOKEN' : 'DEV_VIEWER_TOKEN'));
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const [kind, path] of pages) {
        await open(page, path);
        await page.waitForTimeout(300);
        await screenshot(page, `kind-${kind}-${who}-${scheme}`);
      }
    }
  }
});
