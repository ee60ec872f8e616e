import { allowConsoleErrors, expect, test } from './quiet';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(`${name} is not set; run the browser tests through dev/e2e`);
  }
  return value;
};

test('a ServiceAccount token signs the browser in to a cluster', async ({ page }) => {
  await page.goto('/');
  const row = page.getByRole('row', { name: /^dev / });
  await expect(row).toContainText('not signed in');
  await row.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/c\/dev\/sign-in$/);
  await page.getByLabel('ServiceAccount token').fill(env('DEV_VIEWER_TOKEN'));
  await page.getByRole('button', { name: 'Sign in with token' }).click();
  // The sign-in lands on the cluster's overview, not on the form again.
  await expect(page).toHaveURL(/\/c\/dev$/);
  const account = page.getByRole('button', {
    name: 'Account: system:serviceaccount:demo:demo-viewer',
  });
  await expect(account).toBeVisible();
  // The viewer may read pods in demo only: the overview shows demo's pods, and no card for
  // what the viewer may not list cluster-wide (issue 14: an overview for everyone).
  const overview = page.getByRole('region', { name: 'Overview' });
  await expect(overview.getByRole('region', { name: 'Pods' })).toContainText(/Running: \d+/);
  await expect(overview.getByRole('region', { name: 'Nodes', exact: true })).toHaveCount(0);
  // The cookie is HttpOnly: scripts in the page cannot read the session.
  expect(await page.evaluate(() => document.cookie)).not.toContain('lanthorn-session');
  // The sign-in page, visited signed in, leads with who you are and offers sign-out.
  await page.goto('/c/dev/sign-in');
  await expect(page.getByText('Signed in as')).toContainText(
    'system:serviceaccount:demo:demo-viewer',
  );
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByLabel('ServiceAccount token')).toBeVisible();
  await expect(page.getByText('Signed in as')).toHaveCount(0);
});

test('a refused token shows the server reason', async ({ page }) => {
  await page.goto('/c/dev/sign-in');
  allowConsoleErrors(page, /status of 401 .*\/set-token/);
  await page.getByLabel('ServiceAccount token').fill('not-a-token');
  await page.getByRole('button', { name: 'Sign in with token' }).click();
  await expect(page.getByRole('alert')).toContainText('did not accept the token');
});

test('OIDC sign-in goes through the provider and comes back signed in', async ({ page }) => {
  await page.goto('/c/dev/sign-in');
  await page.getByRole('link', { name: 'Sign in with your identity provider' }).click();
  await expect(page).toHaveURL(new RegExp(`^${env('DEV_OIDC_ISSUER')}`));
  await page.locator('input[name="username"]').fill(env('DEV_OIDC_ADMIN_USER'));
  await page.locator('input[name="password"]').fill(env('DEV_OIDC_ADMIN_PASSWORD'));
  await page.locator('input[name="password"]').press('Enter');
  await expect(page).toHaveURL(/\/c\/dev$/);
  const account = page.getByRole('button', { name: 'Account: admin@example.com' });
  await account.click();
  await expect(
    page.getByRole('group', { name: 'Account' }).getByRole('list', { name: 'Groups' }),
  ).toContainText('cluster-admins');
  await page.keyboard.press('Escape');
  // The admin sees the whole cluster: every kwok node ready, pods running.
  const overview = page.getByRole('region', { name: 'Overview' });
  await expect(overview.getByRole('region', { name: 'Nodes', exact: true })).toContainText(
    /Nodes(\d+) of \1 ready/,
  );
  await expect(overview.getByRole('region', { name: 'Pods', exact: true })).toContainText(
    /Running: \d+/,
  );
});

test('OIDC sign-in as the viewer shows the viewer and its groups', async ({ page }) => {
  await page.goto('/c/dev/sign-in');
  await page.getByRole('link', { name: 'Sign in with your identity provider' }).click();
  await page.locator('input[name="username"]').fill(env('DEV_OIDC_VIEWER_USER'));
  await page.locator('input[name="password"]').fill(env('DEV_OIDC_VIEWER_PASSWORD'));
  await page.locator('input[name="password"]').press('Enter');
  await expect(page).toHaveURL(/\/c\/dev$/);
  await page.getByRole('button', { name: 'Account: viewer@example.com' }).click();
  await expect(
    page.getByRole('group', { name: 'Account' }).getByRole('list', { name: 'Groups' }),
  ).toContainText('demo-viewers');
  await page.keyboard.press('Escape');
  // The viewer may not list across the cluster, and an OIDC user's namespaces are not known
  // until chosen: the overview says so and offers no card for what it may not list.
  await expect(page.getByText('Choose a namespace you work in to see its overview.')).toBeVisible();
  const overview = page.getByRole('region', { name: 'Overview' });
  await expect(overview.getByRole('region', { name: 'Nodes', exact: true })).toHaveCount(0);
});
