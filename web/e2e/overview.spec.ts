import { consoleErrors, expect, test } from './quiet';
import type { Page } from '@playwright/test';
import { env, expectAccessible, kubectl, screenshot, signInWithToken } from './support';

/** How many of demo's pods are in `phase`, as the cluster's admin sees it. */
function demoPods(phase: string): number {
  return kubectl(
    'get',
    'pods',
    '-n',
    'demo',
    `--field-selector=status.phase=${phase}`,
    '-o',
    'name',
  )
    .split('\n')
    .filter((line) => line !== '').length;
}

/**
 * The Pods card counts demo's running pods as the cluster does. Other tests change demo's
 * pods meanwhile, so both sides are read again until they agree (the card rereads every 30 s).
 */
async function expectDemoPods(page: Page): Promise<void> {
  const pods = page.getByRole('region', { name: 'Pods' });
  await expect(pods).toContainText(/Running: \d+/);
  await expect
    .poll(async () => (await pods.textContent())?.includes(`Running: ${demoPods('Running')}`), {
      timeout: 45_000,
    })
    .toBe(true);
}

test("the namespace-bound viewer's overview shows demo's pods by phase, quietly", async ({
  page,
}) => {
  await signInWithToken(page, env('DEV_VIEWER_TOKEN'));
  const errors = consoleErrors(page);
  await page.goto('/c/dev');
  await expectDemoPods(page);
  await expect(page.getByRole('region', { name: 'Workloads not ready' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Recent warnings' })).not.toContainText('Loading');
  await expect(page.getByRole('region', { name: 'Recent changes' })).toContainText('demo/');
  // Nothing cluster-wide for a user who may not list cluster-wide, and no refusals.
  await expect(page.getByRole('region', { name: 'Nodes' })).toHaveCount(0);
  await expect(page.locator('main')).not.toContainText('you may not list these');
  await expect(page.getByLabel('Namespace')).toContainText('Your namespaces (demo)');
  await page.waitForLoadState('networkidle');
  await screenshot(page, 'overview-viewer');
  await expectAccessible(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'overview-viewer-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  expect(errors).toEqual([]);
});

test('the admin sees the cluster-wide cards and can narrow the overview to one namespace', async ({
  page,
}) => {
  await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
  const errors = consoleErrors(page);
  await page.goto('/c/dev');
  await expect(page.getByRole('region', { name: 'Nodes' })).toContainText(/\d+ of \d+ ready/);
  await expect(page.getByRole('region', { name: 'Pods' })).toContainText(/Running: \d+/);
  await page.waitForLoadState('networkidle');
  await screenshot(page, 'overview-admin');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'overview-admin-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await page.getByLabel('Namespace').selectOption('demo');
  await expect(page).toHaveURL(/\/c\/dev\?ns=demo$/);
  await expectDemoPods(page);
  // The nodes are the cluster's, not a namespace's: not shown for one namespace.
  await expect(page.getByRole('region', { name: 'Nodes' })).toHaveCount(0);
  await page.waitForLoadState('networkidle');
  await expectAccessible(page);
  expect(errors).toEqual([]);
});
