import { consoleErrors, expect, test } from './quiet';
import type { Page } from '@playwright/test';
import { env, expectAccessible, kubectl, screenshot, signInWithToken } from './support';

/** The pods of the demo-app release's Deployment, as the cluster's admin sees them. */
function demoAppPods(): string[] {
  const answer = kubectl(
    'get',
    'pods',
    '-n',
    'demo',
    '-l',
    'app.kubernetes.io/instance=demo-app',
    '-o',
    'json',
  );
  const list = JSON.parse(answer) as {
    items: { metadata: { name: string; deletionTimestamp?: string } }[];
  };
  return list.items
    .filter((pod) => pod.metadata.deletionTimestamp === undefined)
    .map((pod) => pod.metadata.name);
}

const canvas = (page: Page) => page.getByTestId('map-canvas');
const node = (page: Page, kind: string, name: string | RegExp) =>
  canvas(page).getByRole('link').filter({ hasText: kind }).filter({ hasText: name });

/**
 * The map of demo, narrowed by the search to demo-app and its neighbours: the whole
 * namespace opens readable on its middle, and only what is in view is drawn.
 */
async function openDemoMap(page: Page, before?: () => Promise<void>): Promise<void> {
  await page.goto('/c/dev/map?ns=demo');
  await expect(page.getByRole('heading', { name: 'Map', level: 1 })).toBeVisible();
  await expect(canvas(page).getByRole('link').first()).toBeVisible();
  await before?.();
  await page.getByLabel('Find by name').fill('demo-app');
  await expect(node(page, 'Deployment', /^Deploymentdemo-app/)).toBeVisible();
}

/** The list view's entry for one object: its link and the relations under it. */
const entry = (page: Page, section: string, name: string) =>
  page
    .getByRole('region', { name: section })
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name, exact: true }) })
    .first();

test('the map of demo links the demo-app Deployment to its ReplicaSet, pods and Service', async ({
  page,
}) => {
  await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
  const errors = consoleErrors(page);
  await openDemoMap(page, async () => {
    await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'map-admin-whole');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'map-admin-whole-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });
  const pods = demoAppPods();
  expect(pods.length).toBeGreaterThan(0);
  for (const pod of pods) await expect(node(page, 'Pod', pod)).toBeVisible();
  await expect(node(page, 'Service', /^Servicedemo-app/)).toBeVisible();
  await expect(node(page, 'ReplicaSet', /^ReplicaSetdemo-app-/)).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await screenshot(page, 'map-admin');
  await expectAccessible(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'map-admin-dark');
  await expectAccessible(page);
  await page.emulateMedia({ colorScheme: 'light' });

  // The same graph as a list: the relations in words.
  await page.locator('.map-shape label').filter({ hasText: 'List' }).click();
  await expect(page.getByRole('radio', { name: 'List' })).toBeChecked();
  const deployment = entry(page, 'Deployments', 'Deployment demo-app');
  await expect(deployment).toContainText(/owns ReplicaSet demo-app-/);
  const replicaSet = page
    .getByRole('region', { name: 'ReplicaSets' })
    .getByRole('listitem')
    .filter({ hasText: 'owned by Deployment demo-app' })
    .first();
  for (const pod of pods) await expect(replicaSet).toContainText(`owns Pod ${pod}`);
  const service = entry(page, 'Services', 'Service demo-app');
  for (const pod of pods) await expect(service).toContainText(`selects Pod ${pod}`);
  await expect(entry(page, 'Pods', `Pod ${pods[0] ?? ''}`)).toContainText(
    'mounts ConfigMap demo-app-config',
  );
  await screenshot(page, 'map-admin-list');
  await expectAccessible(page);
  expect(errors).toEqual([]);
});

test('a deleted pod leaves the map and its replacement appears', async ({ page }) => {
  await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
  const errors = consoleErrors(page);
  await openDemoMap(page);
  const before = demoAppPods();
  const gone = before[0] ?? '';
  await expect(node(page, 'Pod', gone)).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
  kubectl('delete', 'pod', gone, '-n', 'demo', '--wait=false');
  await expect(node(page, 'Pod', gone)).toHaveCount(0, { timeout: 10_000 });
  // The Deployment makes a new one; the map shows it without a reload.
  await expect
    .poll(() => demoAppPods().filter((name) => !before.includes(name)).length, { timeout: 20_000 })
    .toBeGreaterThan(0);
  const fresh = demoAppPods().find((name) => !before.includes(name)) ?? '';
  await expect(node(page, 'Pod', fresh)).toBeVisible({ timeout: 10_000 });
  expect(errors).toEqual([]);
});

test('a click, or Enter on a focused node, opens the object', async ({ page }) => {
  await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
  const errors = consoleErrors(page);
  await openDemoMap(page);
  await node(page, 'Deployment', /^Deploymentdemo-app/).click();
  await expect(page).toHaveURL(/\/c\/dev\/r\/apps\/v1\/deployments\/demo\/demo-app$/);
  await expect(page.getByRole('heading', { name: 'demo-app' }).first()).toBeVisible();

  await page.goBack();
  await page.getByLabel('Find by name').fill('demo-app');
  const service = node(page, 'Service', /^Servicedemo-app/);
  await service.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/c\/dev\/r\/core\/v1\/services\/demo\/demo-app$/);
  expect(errors).toEqual([]);
});

test('grouping gathers pods, a group expands, and the filters narrow the map', async ({ page }) => {
  await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
  const errors = consoleErrors(page);
  await openDemoMap(page);
  await page.getByLabel('Group pods').selectOption('workload');
  const group = canvas(page).getByRole('button', { name: /Pods of Deployment demo-app/ });
  await expect(group).toHaveAttribute('aria-expanded', 'false');
  await expect(canvas(page).getByRole('link').filter({ hasText: /^Pod/ })).toHaveCount(0);
  await group.click();
  await expect(group).toHaveAttribute('aria-expanded', 'true');
  await expect(node(page, 'Pod', demoAppPods()[0] ?? '')).toBeVisible();

  await page.getByLabel('Group pods').selectOption('none');
  await expect(node(page, 'Deployment', /^Deploymentdemo-app/)).toBeVisible();
  await expect(node(page, 'Deployment', /^Deploymentweb/)).toHaveCount(0);
  await page.getByLabel('Find by name').fill('');
  await page.getByText(/^Kinds/).click();
  await page.getByRole('checkbox', { name: 'Services' }).check();
  await expect(node(page, 'Service', /^Servicedemo-app/)).toBeVisible();
  await expect(node(page, 'Deployment', /^Deploymentdemo-app/)).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('the namespace-bound viewer gets a map of demo, not refusals', async ({ page }) => {
  await signInWithToken(page, env('DEV_VIEWER_TOKEN'));
  const errors = consoleErrors(page);
  await page.goto('/c/dev');
  await page
    .getByRole('navigation', { name: 'Resources' })
    .getByRole('link', { name: 'Map' })
    .click();
  await expect(page).toHaveURL(/\/c\/dev\/map$/);
  await expect(canvas(page).getByRole('link').first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  await screenshot(page, 'map-viewer-whole');
  // Its own namespace, with no "All namespaces" it could not read.
  await expect(page.getByLabel('Namespace')).toHaveValue('demo');
  await expect(
    page.getByLabel('Namespace').getByRole('option', { name: 'All namespaces' }),
  ).toHaveCount(0);
  await page.getByLabel('Find by name').fill('demo-app');
  await expect(node(page, 'Deployment', /^Deploymentdemo-app/)).toBeVisible();
  await expect(node(page, 'Service', /^Servicedemo-app/)).toBeVisible();
  // Nodes it may not list appear by name, with no link to a refusal.
  await expect(canvas(page)).toContainText('Not listed');
  await expect(page.locator('.map-errors')).toHaveCount(0);
  await page.waitForLoadState('networkidle');
  await screenshot(page, 'map-viewer');
  await expectAccessible(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'map-viewer-dark');
  await expectAccessible(page);
  await page.emulateMedia({ colorScheme: 'light' });
  expect(errors).toEqual([]);
});
